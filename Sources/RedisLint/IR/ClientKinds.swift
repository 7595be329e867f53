/// Which kinds of server a file's own clients talk to, as its code says: the clients it constructs and the
/// client types its parameters declare. Empty when it says nothing (most files take a client from elsewhere).
public struct ClientKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A client of one server: `redis.Redis(...)`, `new Redis()`, `createClient()`, `Redis.new`, `r: redis.Redis`.
    public static let standalone = ClientKinds(rawValue: 1)
    /// A cluster client: `RedisCluster(...)`, `new Redis.Cluster(...)`, `createCluster(...)`, `rc: RedisCluster`.
    public static let cluster = ClientKinds(rawValue: 2)

    /// The file's own clients are all clients of one server: the cluster rules take its calls to go to one server,
    /// whatever the rest of the project does (a library with both kinds of client, tests of the standalone one).
    public var onlyStandalone: Bool { self == .standalone }
}
