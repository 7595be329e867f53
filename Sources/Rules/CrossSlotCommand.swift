import RedisLint

/// RL601: a multi-key command (MGET, MSET, DEL, SUNIONSTORE, RENAME, …) whose keys are in different
/// hash slots, which Redis Cluster rejects with CROSSSLOT.
public struct CrossSlotCommand: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL601",
        name: "cross-slot-command",
        severity: .error,
        summary: "A multi-key command whose keys are in different hash slots fails with CROSSSLOT in Redis Cluster",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Multi-key commands (`MGET`, `MSET`, `DEL`, `UNLINK`, `EXISTS`, `SUNION`/`SUNIONSTORE`, `SINTER*`, `SDIFF*`, \
            `ZUNION*`, `ZINTER*`, `RENAME`, `SMOVE`, `LMOVE`, `RPOPLPUSH`, `PFMERGE`, `BITOP`, `COPY`, …) whose keys \
            are in different hash slots. An error when the slots are proven from literal keys (or literal hash tags), \
            a warning when the keys start with different literal prefixes and share no hash tag. Where the cluster \
            client splits the command by slot itself (redis-py's `RedisCluster` for `DEL`/`EXISTS`/`UNLINK`/`TOUCH`, \
            redis-cluster-client for `MGET`/`MSET`/`DEL`) the finding is a note: the call works but is no longer atomic.

            \(ClusterSupport.prefixNote)

            \(ClusterSupport.modeNote)
            """,
        whyItIsAProblem: """
            Redis Cluster serves a multi-key command only when all its keys hash to one slot; otherwise the node \
            answers `CROSSSLOT Keys in request don't hash to the same slot`. Code that worked for years on a single \
            Redis fails on the day it moves to a cluster (ElastiCache cluster mode, Memorystore cluster, a sharded \
            Valkey), and only for the calls whose keys happen to differ. Clients that split the command by slot send \
            several commands to several nodes: another client can see some keys changed and others not.
            """,
        useInstead: """
            Give keys that are used together a common hash tag, so the cluster keeps them in one slot: \
            `{user:42}:name` and `{user:42}:email` (only the part between `{` and `}` is hashed). If the keys \
            really belong to different entities, send one command per key (pipelined) and accept that the group is \
            not atomic.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                names = redis.↓mget("user:1:name", "user:2:name")
                """),
            .clean(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                profile = redis.mget("{user:1}:name", "{user:1}:email")
                """),
            .clean(.ruby, """
                redis = Redis.new
                names = redis.mget("user:1:name", "user:2:name")
                """),
            .triggering(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                names = rc.↓mget("user:1:name", "user:2:name")
                rc.↓delete("session:" + sid, "csrf:" + sid)
                """),
            .clean(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                profile = rc.mget("{user:1}:name", "{user:1}:email")
                rc.delete("{session:" + sid + "}:data", "{session:" + sid + "}:csrf")
                """),
            .clean(.python, """
                import redis
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                def cached_names():
                    cache = redis.Redis(host="cache")  # a separate single-node cache: no slots
                    return cache.mget("user:1:name", "user:2:name")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                await cluster.↓rename("draft:" + id, "post:" + id);
                await cluster.↓mget("user:1:name", "user:2:name");
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                await cluster.rename(`{post:${id}}:draft`, `{post:${id}}:published`);
                await cluster.mget("{user:1}:name", "{user:1}:email");
                """),
            .triggering(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func names(connection: RedisConnection) async throws -> [RESPValue] {
                    try await connection.↓mget(["user:1:name", "user:2:name"]).get()
                }
                """),
            .clean(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func profile(connection: RedisConnection) async throws -> [RESPValue] {
                    try await connection.mget(["{user:1}:name", "{user:1}:email"]).get()
                }
                """),
        ],
        tags: ["cluster"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        guard ClusterSupport.isActive(context) else { return [] }
        // Only the file's traces are read: a file without any (most) needs no key prefixes.
        if context.file.traces.isEmpty { return [] }
        let prefixes = ClusterSupport.keyPrefixes(context)
        // Looked up once, and only when some command spans slots.
        var splittingKnown = false
        var splitting: SplittingClusterClient?
        var findings: [Finding] = []
        ClusterSupport.forEachHostOp(context, sending: nil) { op in
            guard op.keys.count > 1 else { return }
            // Scripts are RL603's, WATCH is RL602's: one rule per hazard.
            // By command number (the names were hashed and compared for every op with several keys).
            let id = op.commandID
            if ClusterSupport.scriptCommandIDs.contains(id, op.command) || ClusterSupport.watchID.contains(id, op.command) { return }
            guard let conflict = ClusterSupport.conflict(among: op.keys, prefixes: prefixes) else { return }
            if !splittingKnown {
                splitting = SplittingClusterClient.inUse(context)
                splittingKnown = true
            }
            if let client = splitting, client.commands.contains(op.command) {
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)` on keys in different hash slots is split by \(client.library) into one command per slot: it is no longer atomic (\(ClusterSupport.describe(conflict)))",
                    severity: .note,
                    hint: ClusterSupport.hashTagHint + " if the keys must change together",
                    key: conflict.first))
                return
            }
            findings.append(context.finding(
                description, span: op.nameSpan,
                message: "`\(op.command)` keys \(ClusterSupport.describe(conflict)): \(ClusterSupport.consequence(conflict, "the command"))",
                severity: ClusterSupport.severity(conflict),
                hint: ClusterSupport.hashTagHint + ", or send one command per key",
                key: conflict.first))
        }
        return findings
    }
}
