/// A client constructor that selects a database other than 0: `Redis.new(db: 2)`, `redis.Redis(db=1)`,
/// `createClient({ database: 1 })`, `new Redis("redis://cache:6379/2")`. Redis Cluster has only database 0.
public struct DatabaseSelection: Sendable, Hashable {
    /// The database index.
    public var index: Int
    /// Byte range of the option or URL that selects it.
    public var span: Range<Int>
    /// The option as written (`db: 2`, `"redis://cache:6379/2"`), for messages.
    public var text: String

    public init(index: Int, span: Range<Int>, text: String) {
        self.index = index
        self.span = span
        self.text = text
    }
}
