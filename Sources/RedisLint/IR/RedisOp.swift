/// One Redis command the code sends, as the front-end understood it.
public struct RedisOp: Sendable {
    // The fields live in one shared box, copied only when a copy is changed: rules and the tracer copy
    // ops all the time, and a copy of the plain struct retained and released a dozen strings and arrays.
    // Reached from the inlinable read accessors below: a rule in another module reads a field in place
    // instead of calling a getter that returns a retained copy (~30 instructions a read, 99,000 reads on nb10).
    @usableFromInline var storage: Storage

    /// Upper-case command name (`GET`, `SET`, `CLIENT KILL` is `CLIENT` with `subcommand` `KILL`).
    public var command: String {
        @inlinable _read { yield storage.shape.command }
        _modify { makeShapeUnique(); yield &storage.shape.command }
    }
    public var subcommand: String? {
        @inlinable get { storage.rare?.subcommand }
        set {
            makeUnique()
            storage.rare = RareFields.make(subcommand: newValue, viaHelper: viaHelper, helperSpan: storage.rare?.helperSpan ?? .none)
        }
    }
    /// Key arguments, in order.
    public var keys: [KeyExpr] {
        @inlinable _read { yield storage.shape.keys }
        _modify { makeShapeUnique(); yield &storage.shape.keys }
    }
    /// The other arguments, in order (values, scores, patterns...).
    public var arguments: [ArgumentValue] {
        @inlinable _read { yield storage.shape.arguments }
        _modify { makeShapeUnique(); yield &storage.shape.arguments }
    }
    /// Normalised options: `NX`, `XX`, `GET`, `KEEPTTL`, `EX`, `PX`, `EXAT`, `PXAT`, `ASYNC`, ...
    public var options: Set<String> {
        @inlinable _read { yield storage.shape.options }
        _modify { makeShapeUnique(); yield &storage.shape.options }
    }
    /// The client method as written (`keys`, `hSet`, `set(_:to:)`), for messages.
    public var method: String {
        @inlinable _read { yield storage.shape.method }
        _modify { makeShapeUnique(); yield &storage.shape.method }
    }
    /// Source text of the receiver (`redis`, `self.redis`, `conn`), for messages.
    public var receiver: String {
        @inlinable _read { yield storage.shape.receiver }
        _modify { makeShapeUnique(); yield &storage.shape.receiver }
    }
    /// How sure we are that the receiver is a Redis client.
    public var confidence: Confidence {
        @inlinable get { storage.confidence }
        _modify { makeUnique(); yield &storage.confidence }
    }
    /// Byte range of the whole call expression.
    public var span: Range<Int> {
        @inlinable get { storage.span.range }
        set { makeUnique(); storage.span = CompactSpan(newValue) }
    }
    /// Byte range to underline: the method name.
    public var nameSpan: Range<Int> {
        @inlinable get { storage.nameSpan.range }
        set { makeUnique(); storage.nameSpan = CompactSpan(newValue) }
    }
    public var context: ExecutionContext {
        @inlinable get { storage.context }
        _modify { makeUnique(); yield &storage.context }
    }
    /// Number of loops (`for`, `while`, `each`, `map`…) around the call within its function that repeat it:
    /// a loop the code leaves right after the call (`return` on success, `break` after a match) does not count.
    public var loopDepth: Int {
        @inlinable get { Int(storage.loopDepth) }
        set { makeUnique(); storage.loopDepth = Int32(clamping: newValue) }
    }
    /// Conditions guarding the call, outermost first (indexes into `Trace.conditions`).
    public var conditions: [Int] {
        @inlinable _read { yield storage.shape.conditions }
        _modify { makeShapeUnique(); yield &storage.shape.conditions }
    }
    /// The variable the reply is assigned to (`n` in `n = redis.incr(k)`), if any.
    public var assignedTo: String? {
        @inlinable _read { yield storage.shape.assignedTo }
        _modify { makeShapeUnique(); yield &storage.shape.assignedTo }
    }
    /// Names read by the value arguments (`n` in `redis.set(k, n + 1)`): how a read feeds a write. A name
    /// last assigned, before the command, from other code that does not read it (`user = load(id)`) is left
    /// out: it no longer holds an earlier reply.
    public var argumentNames: Set<String> {
        @inlinable _read { yield storage.shape.argumentNames }
        _modify { makeShapeUnique(); yield &storage.shape.argumentNames }
    }
    /// Set when the op was issued by a helper function of the codebase called here (`_get(key)`):
    /// the helper's name, and the span of the command inside the helper.
    public var viaHelper: String? {
        @inlinable get { storage.rare?.viaHelper }
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
        @inlinable get { storage.mayBeQueued }
        _modify { makeUnique(); yield &storage.mayBeQueued }
    }
    /// Inside a loop: does a key name something the loop binds (its variable, a name assigned in its body,
    /// a callback's parameter)? False for `lock:#{h}` with `h` set before the loop. True when unknown.
    public var keyVariesInLoop: Bool {
        @inlinable get { storage.keyVariesInLoop }
        _modify { makeUnique(); yield &storage.keyVariesInLoop }
    }

    public init(command: String, subcommand: String? = nil, keys: [KeyExpr] = [], arguments: [ArgumentValue] = [],
                options: Set<String> = [], method: String, receiver: String, confidence: Confidence,
                span: Range<Int>, nameSpan: Range<Int>, context: ExecutionContext = .plain, loopDepth: Int = 0) {
        let shape = Shape(command: command, method: method, receiver: receiver, assignedTo: nil, keys: keys, arguments: arguments,
                          options: options, conditions: [], argumentNames: [])
        storage = Storage(shape: shape, rare: RareFields.make(subcommand: subcommand, viaHelper: nil, helperSpan: .none),
                          span: CompactSpan(span), nameSpan: CompactSpan(nameSpan), loopDepth: Int32(clamping: loopDepth),
                          confidence: confidence, context: context, mayBeQueued: false, keyVariesInLoop: true)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Before a write to a field of the shape: the op's box and its shape both unshared, and the facts
    /// derived from the fields forgotten (the write may change them).
    private mutating func makeShapeUnique() {
        makeUnique()
        if !isKnownUniquelyReferenced(&storage.shape) { storage.shape = storage.shape.copy() }
        storage.shape.facts = nil
    }

    /// The number of the command (`CommandIDs`), -1 for a name outside the command table. Worked out once
    /// per shape when the op is interned (`FileModel.compact`): rules ask it of every op.
    @inlinable public var commandID: Int32 {
        if let facts = storage.shape.facts { return facts.commandID }
        return CommandIDs.id(command)
    }

    /// Gives the op's shape its facts (command number and `givesTTL`) when it has none, as interning
    /// does, and returns the command number: for the ops of a model kept uncompacted, read by one thread
    /// until phase 2. The facts follow from the fields, and a write to a field forgets them, so setting
    /// them in a shape that copies of the op share changes nothing they read.
    func rememberFacts() -> Int32 {
        let shape = storage.shape
        if let facts = shape.facts { return facts.commandID }
        // Worked out here rather than through the shape's `rememberFacts(givesTTL:)`: the closure it takes
        // retained the op for each call, and the facts were read back through an optional.
        let id = CommandIDs.id(shape.command)
        shape.facts = Shape.ShapeFacts(commandID: id, givesTTL: computedGivesTTL(id: id))
        return id
    }

    /// `givesTTL`, from the facts kept with an interned shape.
    var knownGivesTTL: Bool? { storage.shape.facts?.givesTTL }

    /// Names the shared box: copies of one op (the same op in two lists) have the same identity.
    var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }
    /// Whether this op is the only holder of its box (no copy of the op anywhere else): compaction then
    /// need not remember the box to keep copies of it one box. Mutating only to ask the run time.
    mutating func holdsBoxAlone() -> Bool { isKnownUniquelyReferenced(&storage) }
    /// Names the shared shape: ops with equal shapes in one compacted file have the same one.
    var shapeIdentity: ObjectIdentifier { ObjectIdentifier(storage.shape) }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The op with every field replaced by the equal value `interner` shares (`ValueInterner`): it reads
    /// the same. Ops that differ only in where they are (the same call written in many functions) share
    /// one shape.
    func interned(with interner: inout ValueInterner) -> RedisOp {
        let box = storage
        let rare = box.rare.flatMap {
            RareFields.make(subcommand: interner.intern($0.subcommand), viaHelper: interner.intern($0.viaHelper), helperSpan: $0.helperSpan)
        }
        let old = box.shape
        let shape = interner.intern(old, build: { interner, keysHash in
            Shape(command: interner.intern(old.command), method: interner.intern(old.method), receiver: interner.intern(old.receiver),
                  assignedTo: interner.intern(old.assignedTo), keys: interner.intern(old.keys, hash: keysHash),
                  arguments: interner.intern(old.arguments), options: interner.intern(old.options), conditions: interner.intern(old.conditions),
                  argumentNames: interner.intern(old.argumentNames))
        }, givesTTL: computedGivesTTL(id:))
        return RedisOp(storage: Storage(shape: shape, rare: rare, span: box.span, nameSpan: box.nameSpan, loopDepth: box.loopDepth,
                                        confidence: box.confidence, context: box.context, mayBeQueued: box.mayBeQueued,
                                        keyVariesInLoop: box.keyVariesInLoop))
    }

    /// Changed only through `makeUnique()`, so shared boxes are never written: value semantics. Each field is
    /// reached only through its `RedisOp` accessor, one access at a time, so the run-time exclusivity check
    /// (a tenth of an op's read cost) is left out.
    ///
    /// Every op of the project is kept until phase 2, so the box is kept small: what the call says is in a
    /// `Shape` that equal calls share, fields few ops set are in `RareFields`, offsets are `Int32`
    /// (`CompactSpan`), and the one-byte fields share a word (Swift lays out fields in declaration order).
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline @exclusivity(unchecked) var shape: Shape
        @usableFromInline @exclusivity(unchecked) var rare: RareFields?
        @usableFromInline @exclusivity(unchecked) var span: CompactSpan
        @usableFromInline @exclusivity(unchecked) var nameSpan: CompactSpan
        @usableFromInline @exclusivity(unchecked) var loopDepth: Int32
        @usableFromInline @exclusivity(unchecked) var confidence: Confidence
        @usableFromInline @exclusivity(unchecked) var context: ExecutionContext
        @usableFromInline @exclusivity(unchecked) var mayBeQueued: Bool
        @usableFromInline @exclusivity(unchecked) var keyVariesInLoop: Bool

        init(shape: Shape, rare: RareFields?, span: CompactSpan, nameSpan: CompactSpan, loopDepth: Int32, confidence: Confidence,
             context: ExecutionContext, mayBeQueued: Bool, keyVariesInLoop: Bool) {
            self.shape = shape
            self.rare = rare
            self.span = span
            self.nameSpan = nameSpan
            self.loopDepth = loopDepth
            self.confidence = confidence
            self.context = context
            self.mayBeQueued = mayBeQueued
            self.keyVariesInLoop = keyVariesInLoop
        }

        /// Shares the shape: it is copied in turn only when one of its fields is written.
        func copy() -> Storage {
            Storage(shape: shape, rare: rare, span: span, nameSpan: nameSpan, loopDepth: loopDepth, confidence: confidence,
                    context: context, mayBeQueued: mayBeQueued, keyVariesInLoop: keyVariesInLoop)
        }
    }
}

extension RedisOp {
    /// What an op's call says, apart from where it is: the same call written in many functions (or
    /// files) has one shape (`ValueInterner`). Written only while unshared (`RedisOp.makeShapeUnique()`).
    @usableFromInline final class Shape: @unchecked Sendable, Equatable {
        /// Set once, when the interner first keeps the shape (then shared and never written), and nil
        /// again before any field changes. First, next to `command` in memory: read by every rule.
        @usableFromInline @exclusivity(unchecked) var facts: ShapeFacts?
        @usableFromInline @exclusivity(unchecked) var command: String
        @usableFromInline @exclusivity(unchecked) var method: String
        @usableFromInline @exclusivity(unchecked) var receiver: String
        @usableFromInline @exclusivity(unchecked) var assignedTo: String?
        @usableFromInline @exclusivity(unchecked) var keys: [KeyExpr]
        @usableFromInline @exclusivity(unchecked) var arguments: [ArgumentValue]
        @usableFromInline @exclusivity(unchecked) var options: Set<String>
        @usableFromInline @exclusivity(unchecked) var conditions: [Int]
        @usableFromInline @exclusivity(unchecked) var argumentNames: Set<String>

        init(command: String, method: String, receiver: String, assignedTo: String?, keys: [KeyExpr], arguments: [ArgumentValue],
             options: Set<String>, conditions: [Int], argumentNames: Set<String>) {
            self.command = command
            self.method = method
            self.receiver = receiver
            self.assignedTo = assignedTo
            self.keys = keys
            self.arguments = arguments
            self.options = options
            self.conditions = conditions
            self.argumentNames = argumentNames
        }

        func copy() -> Shape {
            Shape(command: command, method: method, receiver: receiver, assignedTo: assignedTo, keys: keys, arguments: arguments,
                  options: options, conditions: conditions, argumentNames: argumentNames)
        }

        /// Facts that follow from the fields: what rules ask of every op, worked out once per shape.
        @usableFromInline struct ShapeFacts {
            @usableFromInline let commandID: Int32
            let givesTTL: Bool
        }

        /// Works `facts` out from the fields: `givesTTL` answers for the command number.
        func rememberFacts(givesTTL: (Int32) -> Bool) {
            let id = CommandIDs.id(command)
            facts = ShapeFacts(commandID: id, givesTTL: givesTTL(id))
        }

        /// Equal by value: two shapes are interchangeable when every field is equal.
        @usableFromInline static func == (a: Shape, b: Shape) -> Bool {
            a.command == b.command && a.method == b.method && a.receiver == b.receiver && a.assignedTo == b.assignedTo
                && a.keys == b.keys && a.arguments == b.arguments && a.options == b.options && a.conditions == b.conditions
                && a.argumentNames == b.argumentNames
        }
    }
}

/// An argument other than a key: a literal known at lint time or a dynamic expression.
public enum ArgumentValue: Hashable, Sendable {
    case literal([UInt8])
    case number(String)
    case dynamic(String)

    /// Literal bytes are hashed as one block (`Hasher.combine(block:)`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .literal(let bytes):
            hasher.combine(0 as UInt8)
            hasher.combine(block: bytes)
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
@usableFromInline final class RareFields: Sendable {
    @usableFromInline let subcommand: String?
    @usableFromInline let viaHelper: String?
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
@usableFromInline struct CompactSpan: Sendable {
    @usableFromInline let lower: Int32
    @usableFromInline let upper: Int32

    init(_ range: Range<Int>) {
        lower = Int32(clamping: range.lowerBound)
        upper = Int32(clamping: range.upperBound)
    }

    private init(lower: Int32, upper: Int32) {
        self.lower = lower
        self.upper = upper
    }

    @inlinable var range: Range<Int> { Int(lower)..<Int(upper) }

    /// Stands for "no range": no offset is clamped to `Int32.min`.
    static let none = CompactSpan(lower: .min, upper: .min)
    var isNone: Bool { lower == .min }
}
