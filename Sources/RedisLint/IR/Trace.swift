/// The ordered Redis ops of one function, method or top-level body.
public struct Trace: Sendable {
    public enum Kind: String, Sendable {
        case topLevel
        case function
        /// A web request handler (route decorator, controller action, Express/Vapor handler).
        case requestHandler
        /// A background job entry point (`perform`, Sidekiq worker, Celery task).
        case job
    }

    /// Function name, or `<top level>`.
    public var name: String
    public var kind: Kind
    public var span: Range<Int>
    public var ops: [RedisOp]
    /// Branch conditions that guard ops of this trace (`RedisOp.conditions` indexes this).
    public var conditions: [Condition] = []

    public init(name: String, kind: Kind, span: Range<Int>, ops: [RedisOp] = []) {
        self.name = name
        self.kind = kind
        self.span = span
        self.ops = ops
    }
}

/// A branch condition: `if not r.exists(k)`, `unless redis.get(k)`, `if (n === 1)`,
/// `guard let v = try await r.get(k).get() else { return }`.
public struct Condition: Sendable {
    /// The condition's source without white space.
    public var text: String
    public var span: Range<Int>
    /// Guarded code runs when the condition is false (`else`, `unless`, the rest after `return if x`).
    public var negated: Bool
    /// Ops of the trace evaluated inside the condition itself (`r.exists(k)` in `if r.exists(k)`).
    public var ops: [Int]
    /// Names the condition reads (`n` in `if n == 1`).
    public var names: Set<String>

    public init(text: String, span: Range<Int>, negated: Bool, ops: [Int] = [], names: Set<String> = []) {
        self.text = text
        self.span = span
        self.negated = negated
        self.ops = ops
        self.names = names
    }
}
