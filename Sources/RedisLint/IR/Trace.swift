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

    public init(name: String, kind: Kind, span: Range<Int>, ops: [RedisOp] = []) {
        self.name = name
        self.kind = kind
        self.span = span
        self.ops = ops
    }
}
