/// One Redis command the code sends, as the front-end understood it.
public struct RedisOp: Sendable {
    // The fields live in one shared box, copied only when a copy is changed: rules and the tracer copy
    // ops all the time, and a copy of the plain struct retained and released a dozen strings and arrays.
    private var storage: Storage

    /// Upper-case command name (`GET`, `SET`, `CLIENT KILL` is `CLIENT` with `subcommand` `KILL`).
    public var command: String {
        get { storage.command }
        _modify { makeUnique(); yield &storage.command }
    }
    public var subcommand: String? {
        get { storage.rare?.subcommand }
        set {
            makeUnique()
            storage.rare = RareFields.make(subcommand: newValue, viaHelper: viaHelper, helperSpan: storage.rare?.helperSpan ?? .none)
        }
    }
    /// Key arguments, in order.
    public var keys: [KeyExpr] {
        get { storage.keys }
        _modify { makeUnique(); yield &storage.keys }
    }
    /// The other arguments, in order (values, scores, patterns...).
    public var arguments: [ArgumentValue] {
        get { storage.arguments }
        _modify { makeUnique(); yield &storage.arguments }
    }
    /// Normalised options: `NX`, `XX`, `GET`, `KEEPTTL`, `EX`, `PX`, `EXAT`, `PXAT`, `ASYNC`, ...
    public var options: Set<String> {
        get { storage.options }
        _modify { makeUnique(); yield &storage.options }
    }
    /// The client method as written (`keys`, `hSet`, `set(_:to:)`), for messages.
    public var method: String {
        get { storage.method }
        _modify { makeUnique(); yield &storage.method }
    }
    /// Source text of the receiver (`redis`, `self.redis`, `conn`), for messages.
    public var receiver: String {
        get { storage.receiver }
        _modify { makeUnique(); yield &storage.receiver }
    }
    /// How sure we are that the receiver is a Redis client.
    public var confidence: Confidence {
        get { storage.confidence }
        _modify { makeUnique(); yield &storage.confidence }
    }
    /// Byte range of the whole call expression.
    public var span: Range<Int> {
        get { storage.span.range }
        set { makeUnique(); storage.span = CompactSpan(newValue) }
    }
    /// Byte range to underline: the method name.
    public var nameSpan: Range<Int> {
        get { storage.nameSpan.range }
        set { makeUnique(); storage.nameSpan = CompactSpan(newValue) }
    }
    public var context: ExecutionContext {
        get { storage.context }
        _modify { makeUnique(); yield &storage.context }
    }
    /// Number of loops (`for`, `while`, `each`, `map`…) around the call within its function that repeat it:
    /// a loop the code leaves right after the call (`return` on success, `break` after a match) does not count.
    public var loopDepth: Int {
        get { Int(storage.loopDepth) }
        set { makeUnique(); storage.loopDepth = Int32(clamping: newValue) }
    }
    /// Conditions guarding the call, outermost first (indexes into `Trace.conditions`).
    public var conditions: [Int] {
        get { storage.conditions }
        _modify { makeUnique(); yield &storage.conditions }
    }
    /// The variable the reply is assigned to (`n` in `n = redis.incr(k)`), if any.
    public var assignedTo: String? {
        get { storage.assignedTo }
        _modify { makeUnique(); yield &storage.assignedTo }
    }
    /// Names read by the value arguments (`n` in `redis.set(k, n + 1)`): how a read feeds a write. A name
    /// last assigned, before the command, from other code that does not read it (`user = load(id)`) is left
    /// out: it no longer holds an earlier reply.
    public var argumentNames: Set<String> {
        get { storage.argumentNames }
        _modify { makeUnique(); yield &storage.argumentNames }
    }
    /// Set when the op was issued by a helper function of the codebase called here (`_get(key)`):
    /// the helper's name, and the span of the command inside the helper.
    public var viaHelper: String? {
        get { storage.rare?.viaHelper }
        set {
            makeUnique()
            storage.rare = RareFields.make(subcommand: subcommand, viaHelper: newValue, helperSpan: storage.rare?.helperSpan ?? .none)
        }
    }
    public var helperSpan: Range<Int>? {
        get { storage.rare.flatMap { $0.helperSpan.isNone ? nil : $0.helperSpan.range } }
        set {
            makeUnique()
            storage.rare = RareFields.make(subcommand: subcommand, viaHelper: viaHelper, helperSpan: newValue.map(CompactSpan.init) ?? .none)
        }
    }
    /// The receiver is one of several values, one of them a pipeline or transaction the caller may pass
    /// (`connection = pipeline if pipeline is not None else self.connection`): the op may be queued, so
    /// whether it is sent on its own depends on the caller. The context is the fallback's (`plain`).
    public var mayBeQueued: Bool {
        get { storage.mayBeQueued }
        _modify { makeUnique(); yield &storage.mayBeQueued }
    }
    /// Inside a loop: does a key name something the loop binds (its variable, a name assigned in its body,
    /// a callback's parameter)? False for `lock:#{h}` with `h` set before the loop. True when unknown.
    public var keyVariesInLoop: Bool {
        get { storage.keyVariesInLoop }
        _modify { makeUnique(); yield &storage.keyVariesInLoop }
    }

    public init(command: String, subcommand: String? = nil, keys: [KeyExpr] = [], arguments: [ArgumentValue] = [],
                options: Set<String> = [], method: String, receiver: String, confidence: Confidence,
                span: Range<Int>, nameSpan: Range<Int>, context: ExecutionContext = .plain, loopDepth: Int = 0) {
        storage = Storage(command: command, rare: RareFields.make(subcommand: subcommand, viaHelper: nil, helperSpan: .none), keys: keys, arguments: arguments, options: options,
                          method: method, receiver: receiver, confidence: confidence, span: CompactSpan(span),
                          nameSpan: CompactSpan(nameSpan), context: context, loopDepth: Int32(clamping: loopDepth))
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Names the shared box: copies of one op (the same op in two lists) have the same identity.
    var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The op with every field replaced by the equal value `interner` shares (`ValueInterner`): it reads
    /// the same. A new box is built from the shared values directly (copying the box, then replacing
    /// its fields, retained and released everything twice).
    func interned(with interner: inout ValueInterner) -> RedisOp {
        let box = storage
        let rare = box.rare.flatMap {
            RareFields.make(subcommand: interner.intern($0.subcommand), viaHelper: interner.intern($0.viaHelper), helperSpan: $0.helperSpan)
        }
        let shared = Storage(command: interner.intern(box.command), rare: rare, keys: interner.intern(box.keys),
                             arguments: interner.intern(box.arguments), options: interner.intern(box.options),
                             method: interner.intern(box.method), receiver: interner.intern(box.receiver),
                             confidence: box.confidence, span: box.span, nameSpan: box.nameSpan, context: box.context,
                             loopDepth: box.loopDepth)
        shared.conditions = interner.intern(box.conditions)
        shared.assignedTo = interner.intern(box.assignedTo)
        shared.argumentNames = interner.intern(box.argumentNames)
        shared.mayBeQueued = box.mayBeQueued
        shared.keyVariesInLoop = box.keyVariesInLoop
        return RedisOp(storage: shared)
    }

    /// Changed only through `makeUnique()`, so shared boxes are never written: value semantics. Each field is
    /// reached only through its `RedisOp` accessor, one access at a time, so the run-time exclusivity check
    /// (a tenth of an op's read cost) is left out.
    ///
    /// Every op of the project is kept until phase 2, so the box is kept small: offsets as `Int32`
    /// (`CompactSpan`) and the fields ordered by size, so the one-byte ones share a word (Swift lays
    /// out a class's fields in declaration order); fields few ops set are in a box of their own (`RareFields`).
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var command: String
        @exclusivity(unchecked) var method: String
        @exclusivity(unchecked) var receiver: String
        @exclusivity(unchecked) var assignedTo: String?
        @exclusivity(unchecked) var rare: RareFields?
        @exclusivity(unchecked) var keys: [KeyExpr]
        @exclusivity(unchecked) var arguments: [ArgumentValue]
        @exclusivity(unchecked) var options: Set<String>
        @exclusivity(unchecked) var conditions: [Int] = []
        @exclusivity(unchecked) var argumentNames: Set<String> = []
        @exclusivity(unchecked) var span: CompactSpan
        @exclusivity(unchecked) var nameSpan: CompactSpan
        @exclusivity(unchecked) var loopDepth: Int32
        @exclusivity(unchecked) var confidence: Confidence
        @exclusivity(unchecked) var context: ExecutionContext
        @exclusivity(unchecked) var mayBeQueued: Bool = false
        @exclusivity(unchecked) var keyVariesInLoop: Bool = true

        init(command: String, rare: RareFields?, keys: [KeyExpr], arguments: [ArgumentValue], options: Set<String>,
             method: String, receiver: String, confidence: Confidence, span: CompactSpan, nameSpan: CompactSpan,
             context: ExecutionContext, loopDepth: Int32) {
            self.command = command
            self.rare = rare
            self.keys = keys
            self.arguments = arguments
            self.options = options
            self.method = method
            self.receiver = receiver
            self.confidence = confidence
            self.span = span
            self.nameSpan = nameSpan
            self.context = context
            self.loopDepth = loopDepth
        }

        func copy() -> Storage {
            let copy = Storage(command: command, rare: rare, keys: keys, arguments: arguments, options: options,
                               method: method, receiver: receiver, confidence: confidence, span: span, nameSpan: nameSpan,
                               context: context, loopDepth: loopDepth)
            copy.conditions = conditions
            copy.assignedTo = assignedTo
            copy.argumentNames = argumentNames
            copy.mayBeQueued = mayBeQueued
            copy.keyVariesInLoop = keyVariesInLoop
            return copy
        }
    }
}

/// An argument other than a key: a literal known at lint time or a dynamic expression.
public enum ArgumentValue: Hashable, Sendable {
    case literal([UInt8])
    case number(String)
    case dynamic(String)

    /// Literal bytes are hashed as one block, not a byte at a time (see `KeyExpr.Part`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .literal(let bytes):
            hasher.combine(0 as UInt8)
            hasher.combine(bytes.count)
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        case .number(let text):
            hasher.combine(1 as UInt8)
            hasher.combine(text)
        case .dynamic(let text):
            hasher.combine(2 as UInt8)
            hasher.combine(text)
        }
    }
}

/// Evidence that a receiver is a Redis client. Rules state the confidence they need.
public enum Confidence: Int, Sendable, Comparable {
    /// Only the receiver's name suggests Redis (`r`, `conn`, `client`).
    case low = 1
    /// The name is strongly Redis-like (`redis`, `@redis`, `self.redis`) or the method is unambiguous (`hincrby`).
    case medium = 2
    /// A constructor, import, block parameter or type annotation proves it.
    case high = 3
    public static func < (a: Confidence, b: Confidence) -> Bool { a.rawValue < b.rawValue }
}

/// Where a command runs.
public enum ExecutionContext: Hashable, Sendable {
    case plain
    /// Queued in MULTI/EXEC (a `multi` block, a transactional pipeline).
    case transaction
    /// Sent in a non-atomic pipeline.
    case pipeline
    /// Inside a Lua script run by EVAL/EVALSHA/FCALL.
    case lua
}

/// Op fields few ops set (a subcommand, the helper an op came through), shared by copies and replaced
/// whole when one changes: in the op's own box they took 40 bytes of every op.
private final class RareFields: Sendable {
    let subcommand: String?
    let viaHelper: String?
    /// `.none` when the op has no helper span.
    let helperSpan: CompactSpan

    private init(subcommand: String?, viaHelper: String?, helperSpan: CompactSpan) {
        self.subcommand = subcommand
        self.viaHelper = viaHelper
        self.helperSpan = helperSpan
    }

    /// Nil when every field is unset, as for most ops.
    static func make(subcommand: String?, viaHelper: String?, helperSpan: CompactSpan) -> RareFields? {
        if subcommand == nil, viaHelper == nil, helperSpan.isNone { return nil }
        return RareFields(subcommand: subcommand, viaHelper: viaHelper, helperSpan: helperSpan)
    }
}

/// A byte range in 8 bytes instead of 16, for values kept per op. Offsets beyond `Int32.max` (a file
/// over 2 GiB) are clamped, as `DecodedString` offsets are `Int32` already.
struct CompactSpan: Sendable {
    private let lower: Int32
    private let upper: Int32

    init(_ range: Range<Int>) {
        lower = Int32(clamping: range.lowerBound)
        upper = Int32(clamping: range.upperBound)
    }

    private init(lower: Int32, upper: Int32) {
        self.lower = lower
        self.upper = upper
    }

    var range: Range<Int> { Int(lower)..<Int(upper) }

    /// Stands for "no range": no offset is clamped to `Int32.min`.
    static let none = CompactSpan(lower: .min, upper: .min)
    var isNone: Bool { lower == .min }
}
