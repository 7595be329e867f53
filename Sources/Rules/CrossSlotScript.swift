import RedisLint

/// RL603: EVAL/EVALSHA/FCALL (or a registered script's call) whose KEYS are in different hash slots.
public struct CrossSlotScript: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL603",
        name: "cross-slot-script",
        severity: .error,
        summary: "A script or function call whose KEYS are in different hash slots fails with CROSSSLOT in Redis Cluster",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Calls of `EVAL`, `EVALSHA`, `EVAL_RO`, `EVALSHA_RO`, `FCALL` and `FCALL_RO`, and calls of scripts \
            registered in host code, whose `KEYS` are in different hash slots: an error when proven from literal \
            keys, a warning when the keys have different literal prefixes and no common hash tag.

            \(ClusterSupport.prefixNote)

            \(ClusterSupport.modeNote)
            """,
        whyItIsAProblem: """
            A script runs on one node, atomically, so Redis Cluster requires every key it declares to be in one \
            slot; otherwise the call fails with `CROSSSLOT Keys in request don't hash to the same slot`. A script \
            that works on a single Redis therefore breaks on the first deployment to a cluster, usually in the code \
            paths that most need atomicity (rate limits, reservations, locks).
            """,
        useInstead: """
            Name the keys a script touches with a common hash tag (`{user:42}:tokens`, `{user:42}:ts`) so they share \
            a slot. If they cannot, split the script into one script per slot and give up atomicity across them \
            knowingly.
            """,
        examples: [
            .triggering(.ruby, """
                client = RedisClient.cluster(nodes: ["redis://10.0.0.1:7000"]).new_client
                client.call(↓"EVALSHA", sha, 2, "tokens:42", "ts:42", 10)
                """),
            .clean(.ruby, """
                client = RedisClient.cluster(nodes: ["redis://10.0.0.1:7000"]).new_client
                client.call("EVALSHA", sha, 2, "{user:42}:tokens", "{user:42}:ts", 10)
                """),
            .triggering(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                allowed = rc.↓eval(RATE_LIMIT, 2, "tokens:" + user, "ts:" + user, 10)
                rc.↓fcall("reserve", 2, "stock:42", "orders:pending")
                """),
            .clean(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                allowed = rc.eval(RATE_LIMIT, 2, "{" + user + "}:tokens", "{" + user + "}:ts", 10)
                rc.fcall("reserve", 2, "{item:42}:stock", "{item:42}:orders")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                const allowed = await cluster.↓evalsha(sha, 2, "tokens:42", "ts:42", 10);
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                const allowed = await cluster.evalsha(sha, 2, "{user:42}:tokens", "{user:42}:ts", 10);
                """),
            .triggering(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func allow(connection: RedisConnection) async throws -> RESPValue {
                    try await connection.send(command: ↓"EVALSHA", with: [.init(from: sha), .init(from: 2), .init(from: "tokens:42"), .init(from: "ts:42")]).get()
                }
                """),
            .clean(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func allow(connection: RedisConnection) async throws -> RESPValue {
                    try await connection.send(command: "EVALSHA", with: [.init(from: sha), .init(from: 2), .init(from: "{user:42}:tokens"), .init(from: "{user:42}:ts")]).get()
                }
                """),
        ],
        tags: ["cluster", "lua"],
        reads: [.traces, .scripts]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        guard ClusterSupport.isActive(context) else { return [] }
        // Only the file's traces and scripts are read: a file without either (most) needs no key prefixes.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        let prefixes = ClusterSupport.keyPrefixes(context)
        var findings: [Finding] = []
        var reported: Set<Int> = []
        ClusterSupport.forEachHostOp(context, sending: ClusterSupport.scriptCommandIDs) { op in
            guard let conflict = ClusterSupport.conflict(among: op.keys, prefixes: prefixes) else { return }
            reported.insert(op.span.lowerBound)
            findings.append(finding(context, span: op.nameSpan, what: "`\(op.command)`", conflict))
        }
        // Registered scripts called through their own objects (`register_script`, `defineCommand`).
        for script in context.file.scripts {
            for call in script.callSites where !reported.contains(call.span.lowerBound) && ClusterSupport.checksCall(at: call.span.lowerBound, context) {
                guard let conflict = ClusterSupport.conflict(among: call.keys, prefixes: prefixes) else { continue }
                reported.insert(call.span.lowerBound)
                findings.append(finding(context, span: call.span, what: "script call with", conflict))
            }
        }
        return findings
    }

    private func finding(_ context: RuleContext, span: Range<Int>, what: String, _ conflict: ClusterSupport.Conflict) -> Finding {
        context.finding(
            description, span: span,
            message: "\(what) KEYS \(ClusterSupport.describe(conflict)): \(ClusterSupport.consequence(conflict, "the script"))",
            severity: ClusterSupport.severity(conflict),
            hint: ClusterSupport.hashTagHint,
            key: conflict.first)
    }
}
