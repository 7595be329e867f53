import RedisLint

/// RL604: `SELECT` of a database other than 0 when the project runs on Redis Cluster.
public struct SelectInCluster: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL604",
        name: "select-in-cluster",
        severity: .error,
        summary: "Redis Cluster has only database 0: SELECT of another database fails",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `SELECT` commands sent by application code with a database index other than 0 (an error when the index \
            is a literal, a warning when it is computed at run time), and client constructors given a literal \
            database index other than 0: `Redis.new(db: 2)`, `redis.Redis(db=1)`, `createClient({ database: 1 })`, \
            `new Redis({ db: 3 })`, connection URLs ending in `/2`.

            \(ClusterSupport.modeNote)
            """,
        whyItIsAProblem: """
            Redis Cluster supports a single database, number 0. A `SELECT 1` answers \
            `ERR SELECT is not allowed in cluster mode`, and code that separated tenants, caches or tests by \
            database number either fails on connect or silently shares one keyspace once the database index is \
            dropped from the configuration.
            """,
        useInstead: """
            Keep everything in database 0 and separate data by key prefix (`cache:`, `jobs:`), or use separate \
            clusters for data that must not mix.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                redis.↓select(2)
                cache = Redis.new(host: "10.0.0.1", ↓db: 3)
                """),
            .clean(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                redis.set("cache:home", html)
                """),
            .triggering(.python, """
                import redis
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                rc.execute_command(↓"SELECT", 1)
                sessions = redis.Redis(host="10.0.0.1", port=7000, ↓db=1)
                """),
            .clean(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                rc.execute_command("SELECT", 0)
                """),
            .triggering(.javascript, """
                import { createClient, createCluster } from "redis";
                const cluster = createCluster({ rootNodes: [{ url: "redis://10.0.0.1:7000" }] });
                await cluster.↓select(1);
                const cache = createClient({ url: ↓"redis://10.0.0.1:7000/2" });
                """),
            .clean(.javascript, """
                import { createCluster } from "redis";
                const cluster = createCluster({ rootNodes: [{ url: "redis://10.0.0.1:7000" }] });
                await cluster.set("cache:home", html);
                """),
            .triggering(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func useCache(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: ↓"SELECT", with: [.init(from: 2)]).get()
                }
                """),
            .clean(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func useCache(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "SELECT", with: [.init(from: 0)]).get()
                }
                """),
        ],
        tags: ["cluster"],
        reads: [.traces, .databaseSelections]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        guard ClusterSupport.isActive(context) else { return [] }
        var findings: [Finding] = []
        for selection in context.file.databaseSelections where ClusterSupport.checksCall(at: selection.span.lowerBound, context) {
            findings.append(context.finding(
                description, span: selection.span,
                message: "client constructed with `\(selection.text)` selects database \(selection.index): Redis Cluster has only database 0 and rejects SELECT of another database",
                hint: "drop the database index (or use 0) and separate the data by key prefix"))
        }
        ClusterSupport.forEachHostOp(context, sending: ClusterSupport.selectID) { op in
            let index = op.arguments.first.flatMap(Self.literalIndex)
            if index == 0 { return }
            let shown = index.map(String.init) ?? op.arguments.first.map(KeysCommand.describe) ?? "…"
            findings.append(context.finding(
                description, span: op.nameSpan,
                message: index != nil
                    ? "`SELECT \(shown)`: Redis Cluster has only database 0 and rejects SELECT of another database"
                    : "`SELECT \(shown)` with a database index known only at run time: Redis Cluster has only database 0",
                severity: index != nil ? .error : .warning,
                hint: "keep the data in database 0 and separate it by key prefix"))
        }
        return findings
    }

    /// The database index when the argument is a literal number.
    static func literalIndex(_ argument: ArgumentValue) -> Int? {
        switch argument {
        case .number(let text): return Int(text)
        case .literal(let bytes): return Int(String(decoding: bytes, as: UTF8.self))
        case .dynamic: return nil
        }
    }
}
