/// One Redis command the code sends, as the front-end understood it.
public struct RedisOp: Sendable {
    /// Upper-case command name (`GET`, `SET`, `CLIENT KILL` is `CLIENT` with `subcommand` `KILL`).
    public var command: String
    public var subcommand: String?
    /// Key arguments, in order.
    public var keys: [KeyExpr]
    /// The other arguments, in order (values, scores, patterns...).
    public var arguments: [ArgumentValue]
    /// Normalised options: `NX`, `XX`, `GET`, `KEEPTTL`, `EX`, `PX`, `EXAT`, `PXAT`, `ASYNC`, ...
    public var options: Set<String>
    /// The client method as written (`keys`, `hSet`, `set(_:to:)`), for messages.
    public var method: String
    /// Source text of the receiver (`redis`, `self.redis`, `conn`), for messages.
    public var receiver: String
    /// How sure we are that the receiver is a Redis client.
    public var confidence: Confidence
    /// Byte range of the whole call expression.
    public var span: Range<Int>
    /// Byte range to underline: the method name.
    public var nameSpan: Range<Int>
    public var context: ExecutionContext
    /// Number of loops (`for`, `while`, `each`, `map`…) around the call within its function that repeat it:
    /// a loop the code leaves right after the call (`return` on success, `break` after a match) does not count.
    public var loopDepth: Int
    /// Conditions guarding the call, outermost first (indexes into `Trace.conditions`).
    public var conditions: [Int] = []
    /// The variable the reply is assigned to (`n` in `n = redis.incr(k)`), if any.
    public var assignedTo: String?
    /// Names read by the value arguments (`n` in `redis.set(k, n + 1)`): how a read feeds a write. A name
    /// last assigned, before the command, from other code that does not read it (`user = load(id)`) is left
    /// out: it no longer holds an earlier reply.
    public var argumentNames: Set<String> = []
    /// Set when the op was issued by a helper function of the codebase called here (`_get(key)`):
    /// the helper's name, and the span of the command inside the helper.
    public var viaHelper: String?
    public var helperSpan: Range<Int>?
    /// The receiver is one of several values, one of them a pipeline or transaction the caller may pass
    /// (`connection = pipeline if pipeline is not None else self.connection`): the op may be queued, so
    /// whether it is sent on its own depends on the caller. The context is the fallback's (`plain`).
    public var mayBeQueued = false
    /// Inside a loop: does a key name something the loop binds (its variable, a name assigned in its body,
    /// a callback's parameter)? False for `lock:#{h}` with `h` set before the loop. True when unknown.
    public var keyVariesInLoop = true

    public init(command: String, subcommand: String? = nil, keys: [KeyExpr] = [], arguments: [ArgumentValue] = [],
                options: Set<String> = [], method: String, receiver: String, confidence: Confidence,
                span: Range<Int>, nameSpan: Range<Int>, context: ExecutionContext = .plain, loopDepth: Int = 0) {
        self.command = command
        self.subcommand = subcommand
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
}

/// An argument other than a key: a literal known at lint time or a dynamic expression.
public enum ArgumentValue: Hashable, Sendable {
    case literal([UInt8])
    case number(String)
    case dynamic(String)
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
