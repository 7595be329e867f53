/// A place where the file constructs a Redis client (`Redis.new`, `redis.Redis(...)`, `new Redis(...)`,
/// `createClient(...)`, `RedisConnection.make(...)`), with what rules need to know about it.
public struct ClientConstruction: Sendable {
    /// Byte range of the whole constructor call.
    public var span: Range<Int>
    /// Literal credentials passed to it: a `password:` argument or option, or a URL with a password.
    public var literalCredentials: [LiteralCredential]
    /// A connection configuration (RediStack `RedisConnection.Configuration(…)`, Vapor `RedisConfiguration(…)`),
    /// not a connection: it carries credentials but opens nothing.
    public var isConfiguration: Bool

    public init(span: Range<Int>, literalCredentials: [LiteralCredential] = [], isConfiguration: Bool = false) {
        self.span = span
        self.literalCredentials = literalCredentials
        self.isConfiguration = isConfiguration
    }
}

/// A password written into the source.
public struct LiteralCredential: Sendable {
    public enum Kind: String, Sendable {
        /// `password: "…"`, `password="…"`, `{ password: "…" }`.
        case passwordArgument
        /// `redis://user:secret@host`.
        case urlPassword
    }
    public var kind: Kind
    /// Byte range of the literal.
    public var span: Range<Int>
    /// The password is the empty string.
    public var isEmpty: Bool

    public init(kind: Kind, span: Range<Int>, isEmpty: Bool) {
        self.kind = kind
        self.span = span
        self.isEmpty = isEmpty
    }
}
