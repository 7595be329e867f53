import RedisLint

/// RL602: a MULTI/EXEC transaction (or transactional pipeline) whose commands use keys in different
/// hash slots, and WATCH on keys in other slots than the keys it guards.
public struct CrossSlotTransaction: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL602",
        name: "cross-slot-transaction",
        severity: .error,
        summary: "A transaction or WATCH spanning hash slots fails with CROSSSLOT or guards nothing in Redis Cluster",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            MULTI/EXEC transactions (`multi do |tx|`, `pipeline(transaction=True)`, `multi()…exec()`, an explicit \
            `MULTI` … `EXEC`) whose commands use keys in different hash slots: an error when proven from literal keys, \
            a warning when the keys have different literal prefixes and no common hash tag. Also `WATCH` on keys in \
            different slots (an error, as for any multi-key command), and `WATCH` on a key in another slot than the \
            keys of the transaction after it (a warning). A single command whose own keys span slots is reported by \
            RL601 instead.

            \(ClusterSupport.prefixNote)

            \(ClusterSupport.modeNote)
            """,
        whyItIsAProblem: """
            Redis Cluster runs a transaction only when all its keys are in one slot: `EXEC` answers \
            `CROSSSLOT Keys in request don't hash to the same slot` and nothing runs. Cluster clients route a \
            transaction to the node of its first key, so a `WATCH` sent for a key in another slot watches on a \
            different node (or connection) and the optimistic lock silently protects nothing.
            """,
        useInstead: """
            Give every key the transaction touches the same hash tag (`{order:42}:stock`, `{order:42}:items`) so they \
            share a slot, and `WATCH` keys with that tag. When the keys cannot share a slot, the operation cannot be \
            atomic in a cluster: redesign it (one key holding a hash, a Lua script over one slot, an idempotent \
            two-step update).
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                redis.multi do |tx|
                  tx.decrby("stock:42", 1)
                  tx.↓rpush("orders:pending", "42")
                end
                """),
            .clean(.ruby, """
                redis = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
                redis.multi do |tx|
                  tx.decrby("{item:42}:stock", 1)
                  tx.rpush("{item:42}:orders", "42")
                end
                """),
            .triggering(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                with rc.pipeline(transaction=True) as pipe:
                    pipe.decrby("stock:42", 1)
                    pipe.↓rpush("orders:pending", "42")
                    pipe.execute()
                """),
            .clean(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                with rc.pipeline(transaction=True) as pipe:
                    pipe.decrby("{item:42}:stock", 1)
                    pipe.rpush("{item:42}:orders", "42")
                    pipe.execute()
                """),
            .clean(.python, """
                from redis.cluster import RedisCluster
                rc = RedisCluster(host="10.0.0.1", port=7000)
                def save(user, order):
                    # RedisCluster's pipeline() sends each node its own commands, with no MULTI.
                    pipe = rc.pipeline()
                    pipe.set(f"user:{user}", 1)
                    pipe.set(f"order:{order}", 2)
                    pipe.execute()
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                await cluster.multi().decrby("stock:42", 1).↓rpush("orders:pending", "42").exec();
                await cluster.↓watch("balance:" + id);
                await cluster.multi().set("ledger:" + id, entry).exec();
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "10.0.0.1", port: 7000 }]);
                await cluster.multi().decrby("{item:42}:stock", 1).rpush("{item:42}:orders", "42").exec();
                await cluster.watch(`{account:${id}}:balance`);
                await cluster.multi().set(`{account:${id}}:ledger`, entry).exec();
                """),
            .triggering(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func reserve(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "MULTI").get()
                    _ = try await connection.decrby("stock:42", by: 1).get()
                    _ = try await connection.↓incrby("orders:count", by: 1).get()
                    _ = try await connection.send(command: "EXEC").get()
                }
                """),
            .clean(.swift, """
                import Valkey
                import RediStack
                let cluster = ValkeyClusterClient(clientConfiguration: config, nodeDiscovery: discovery, logger: logger)
                func reserve(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "MULTI").get()
                    _ = try await connection.decrby("{item:42}:stock", by: 1).get()
                    _ = try await connection.incrby("{item:42}:orders", by: 1).get()
                    _ = try await connection.send(command: "EXEC").get()
                }
                """),
        ],
        tags: ["cluster", "atomicity"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        guard ClusterSupport.isActive(context) else { return [] }
        // Only the file's traces are read: a file without any (most) needs no key prefixes.
        if context.file.traces.isEmpty { return [] }
        let prefixes = ClusterSupport.keyPrefixes(context)
        var findings: [Finding] = []
        let traces = context.file.traces
        // By index: `enumerated()` copied every trace (its lists retained and released).
        for position in traces.indices where ClusterSupport.checksTrace(context, position) {
            let ops = traces[position].ops
            for group in TransactionGroups.groups(ops) {
                let members = group.ops.filter { ops[$0].confidence >= .medium }
                if let finding = crossSlot(members, ops, prefixes, context) { findings.append(finding) }
                if let watch = group.watch, ops[watch].confidence >= .medium {
                    let keys = members.flatMap { ops[$0].keys }
                    if let finding = watchConflict(ops[watch], keys, prefixes, context) { findings.append(finding) }
                }
            }
            // WATCH alone: its own keys in different slots (the server rejects it like any multi-key command).
            ClusterSupport.forEachHostOp(context, traces: position..<position + 1, sending: ClusterSupport.watchID) { op in
                guard let conflict = ClusterSupport.conflict(among: op.keys, prefixes: prefixes) else { return }
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`WATCH` keys \(ClusterSupport.describe(conflict)): \(ClusterSupport.consequence(conflict, "it"))",
                    severity: ClusterSupport.severity(conflict), hint: ClusterSupport.hashTagHint, key: conflict.first))
            }
        }
        return findings
    }

    /// The first queued command whose keys are in another slot than the keys queued before it
    /// (a proven conflict preferred to a likely one). Commands whose own keys conflict are RL601's.
    private func crossSlot(_ members: [Int], _ ops: [RedisOp], _ prefixes: [[UInt8]], _ context: RuleContext) -> Finding? {
        // Keys queued so far, kept small so a long generated transaction stays linear: the first
        // keys (for likely conflicts) and one key per known slot, at most two (for proven ones).
        var anchor: [KeyExpr] = []
        var owner: [KeyExpr: Int] = [:]
        var knownSlots: [Int] = []
        var best: (op: Int, owner: Int, conflict: ClusterSupport.Conflict)?
        for index in members {
            let keys = ops[index].keys
            guard !keys.isEmpty, ClusterSupport.conflict(among: keys, prefixes: prefixes) == nil else { continue }
            if let conflict = ClusterSupport.conflict(between: anchor, and: keys, prefixes: prefixes) {
                if best == nil || (best!.conflict.relation != .different && conflict.relation == .different) {
                    best = (index, owner[conflict.first] ?? index, conflict)
                }
                if conflict.relation == .different { break }
            }
            for key in keys {
                var keep = anchor.count < ClusterSupport.pairwiseLimit
                if knownSlots.count < 2, case .literal(let slot) = key.slotFact, !knownSlots.contains(slot) {
                    knownSlots.append(slot)
                    keep = true
                }
                guard keep, owner[key] == nil else { continue }
                anchor.append(key)
                owner[key] = index
            }
        }
        guard let best else { return nil }
        let op = ops[best.op]
        let earlier = ops[best.owner]
        let place = best.conflict.relation == .different ? "in another hash slot" : "probably in another hash slot (different prefixes, no common hash tag)"
        return context.finding(
            description, span: op.nameSpan,
            message: "`\(op.command)` on \(ClusterSupport.describe(best.conflict.second, in: best.conflict)) is queued in the same transaction as `\(earlier.command)` on \(ClusterSupport.describe(best.conflict.first, in: best.conflict)), \(place): \(ClusterSupport.consequence(best.conflict, "the EXEC"))",
            severity: ClusterSupport.severity(best.conflict),
            hint: ClusterSupport.hashTagHint,
            related: [context.related(earlier.nameSpan, "`\(earlier.command)` queued here")],
            key: best.conflict.second)
    }

    /// WATCH on a key in another slot than the transaction's keys: watched on another node.
    private func watchConflict(_ watch: RedisOp, _ keys: [KeyExpr], _ prefixes: [[UInt8]], _ context: RuleContext) -> Finding? {
        guard ClusterSupport.conflict(among: watch.keys, prefixes: prefixes) == nil,
              let conflict = ClusterSupport.conflict(between: watch.keys, and: keys, prefixes: prefixes) else { return nil }
        return context.finding(
            description, span: watch.nameSpan,
            message: "`WATCH` on \(ClusterSupport.describe(conflict.first, in: conflict)) guards a transaction on \(ClusterSupport.describe(conflict.second, in: conflict)) \(conflict.relation == .different ? "in another hash slot" : "probably in another hash slot"): in Redis Cluster the watch is on another node and protects nothing",
            severity: .warning,
            hint: ClusterSupport.hashTagHint,
            key: conflict.first)
    }
}
