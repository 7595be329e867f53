import RedisLint

/// RL103: one round trip per loop iteration where a multi-key command, a variadic form or a
/// pipeline would send them all at once.
public struct CommandsInLoop: Rule {
    public init() {}

    /// Commands that take one key per call: batch them with the multi-key command, else a pipeline.
    static let perKey: [String: String] = [
        "GET": "MGET", "SET": "MSET (or a pipeline when each key needs a TTL)", "EXISTS": "EXISTS with several keys",
        "DEL": "DEL with several keys", "UNLINK": "UNLINK with several keys", "HGETALL": "a pipeline",
        "HGET": "a pipeline", "HSET": "a pipeline", "HMGET": "a pipeline", "INCR": "a pipeline", "INCRBY": "a pipeline",
        "DECR": "a pipeline", "DECRBY": "a pipeline", "EXPIRE": "a pipeline", "PEXPIRE": "a pipeline", "TTL": "a pipeline",
        "TYPE": "a pipeline", "SMEMBERS": "a pipeline", "SCARD": "a pipeline", "ZSCORE": "a pipeline",
        "ZCARD": "a pipeline", "LLEN": "a pipeline", "LRANGE": "a pipeline", "HINCRBY": "a pipeline",
        "HEXISTS": "a pipeline", "ZINCRBY": "a pipeline", "GETDEL": "a pipeline", "SETEX": "a pipeline",
    ]
    /// Commands that take many members of one key: a variadic call serves.
    static let variadicMembers: [String: String] = [
        "SADD": "one SADD with every member", "SREM": "one SREM with every member", "ZADD": "one ZADD with every score/member pair",
        "ZREM": "one ZREM with every member", "LPUSH": "one LPUSH with every value", "RPUSH": "one RPUSH with every value",
        "HDEL": "one HDEL with every field", "HGET": "HMGET", "HSET": "one HSET with every field/value pair",
        "SISMEMBER": "SMISMEMBER", "ZSCORE": "ZMSCORE", "PFADD": "one PFADD with every element",
    ]

    public let description = RuleDescription(
        id: "RL103",
        name: "commands-in-loop",
        severity: .warning,
        summary: "A Redis command inside a loop costs one network round trip per iteration",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A single-key command (`GET`, `SET`, `HGETALL`, `EXISTS`, `DEL`, `INCR`…) sent on its own inside \
            a `for`/`while` loop, `each`, `map` or `forEach` callback, with a key that changes per iteration; \
            or a member command (`SADD`, `ZADD`, `RPUSH`, `HDEL`, `SISMEMBER`…) adding one member per iteration \
            to the same key. Commands already queued on a pipeline or in a transaction are not reported; \
            nor are loops over a constant key (polling loops, consumers), where the key is an attribute \
            (`self.key`, `@key`, `this.key`) or a constant, keys spread into a variadic call (`...keys`), or \
            test and benchmark files. A loop the code leaves right after the command (a retry loop that \
            returns on success, a search that `break`s after the first match) runs it once and is not reported.
            """,
        whyItIsAProblem: """
            Every command waits for a full network round trip: a loop over 1,000 ids is 1,000 round trips, \
            typically 0.2–1 ms each inside a data centre, so a request spends most of its time waiting \
            on the network while Redis itself is idle. The cost grows with the data, so it passes review and \
            times out in production.
            """,
        useInstead: """
            Send the commands together: `MGET`/`MSET` or a variadic command (`SADD key m1 m2 …`, `HMGET`, \
            `SMISMEMBER`, `DEL k1 k2 …`) when one command can carry every argument, otherwise a pipeline \
            (`redis.pipelined` in redis-rb, `r.pipeline(transaction=False)` in redis-py, `redis.pipeline()` \
            in ioredis, `multi()`/auto-pipelining in node-redis, futures collected with `EventLoopFuture.whenAllSucceed` \
            in RediStack).
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                names = user_ids.map { |id| redis.↓get("user:#{id}:name") }
                """),
            .clean(.ruby, """
                redis = Redis.new
                names = redis.mget(*user_ids.map { |id| "user:#{id}:name" })
                redis.pipelined do |pipe|
                  user_ids.each { |id| pipe.incr("visits:#{id}") }
                end
                jobs.each do |job|
                  next unless job.include?(jid)
                  removed = redis.zrem("schedule", job)
                  break removed
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def tag_all(post_id, tags):
                    for tag in tags:
                        r.↓sadd(f"post:{post_id}:tags", tag)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def tag_all(post_id, tags):
                    r.sadd(f"post:{post_id}:tags", *tags)
                    with r.pipeline(transaction=False) as pipe:
                        for tag in tags:
                            pipe.incr(f"tag:{tag}:count")
                        pipe.execute()
                def save(key, value):
                    while True:
                        try:
                            return r.set(key, value, px=1000)
                        except redis.ConnectionError:
                            continue
                def wait_for(job_id):
                    key = f"job:{job_id}:status"
                    while True:
                        status = r.get(key)
                        if status:
                            return status
                        time.sleep(0.5)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function load(ids: string[]) {
                  const carts = [];
                  for (const id of ids) {
                    carts.push(await redis.↓hgetall(`cart:${id}`));
                  }
                  return carts;
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function load(ids: string[]) {
                  const pipeline = redis.pipeline();
                  for (const id of ids) pipeline.hgetall(`cart:${id}`);
                  return pipeline.exec();
                }
                async function poll() {
                  while (true) {
                    const status = await redis.get("deploy:status");
                    if (status === "done") break;
                  }
                }
                """),
            .triggering(.swift, """
                import RediStack
                func touch(_ ids: [String], connection: RedisConnection) async throws {
                    for id in ids {
                        _ = try await connection.↓expire(RedisKey("session:\\(id)"), after: .minutes(30)).get()
                    }
                }
                """),
            .clean(.swift, """
                import RediStack
                func touch(_ ids: [String], connection: RedisConnection) async throws {
                    let keys = ids.map { RedisKey("session:\\($0)") }
                    _ = try await connection.delete(keys).get()
                }
                """),
        ],
        tags: ["performance"],
        reads: .traces
    )

    /// Holes that cannot change per iteration: attributes of the object (`self.key`, `this.key`,
    /// `@key`, `cls.KEY`) and constants (`QUEUE_KEY`).
    static func isLoopInvariant(_ text: String) -> Bool {
        for prefix in ["self.", "cls.", "this.", "@"] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            // `self.key_for(id)` or `self.keys[i]` computes per call.
            return !rest.contains("(") && !rest.contains("[")
        }
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func isSplat(_ key: KeyExpr) -> Bool {
        guard key.parts.count == 1, case .hole(let text) = key.parts[0] else { return false }
        return text.hasPrefix("*") || text.hasPrefix("...")
    }

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for traceIndex in traces.indices {
            for opIndex in traces[traceIndex].ops.indices where traces[traceIndex].ops[opIndex].loopDepth > 0 && traces[traceIndex].ops[opIndex].context == .plain && traces[traceIndex].ops[opIndex].confidence >= .medium && traces[traceIndex].ops[opIndex].viaHelper == nil && !traces[traceIndex].ops[opIndex].mayBeQueued {
                let op = traces[traceIndex].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                // `unlink(...keys)`, `delete(*keys)`: already one variadic call per iteration (a SCAN page).
                guard let key = op.keys.first, !op.keys.contains(where: Self.isSplat) else { continue }
                // The front-end knows which names the loop binds; constants and attributes never vary.
                let keyVaries = op.keyVariesInLoop
                    && key.parts.contains { if case .hole(let text) = $0 { return !Self.isLoopInvariant(text) } else { return false } }
                let dynamicMember = op.arguments.contains { if case .dynamic = $0 { return true } else { return false } }
                let instead: String
                // One member per iteration under a condition (`zrem … ; break`, `srem if missing`) is often a
                // single call in practice: only unconditional adds are reported.
                if !keyVaries, dynamicMember, op.keys.count == 1, op.conditions.isEmpty, let variadic = Self.variadicMembers[op.command] {
                    instead = variadic
                } else if keyVaries, let batch = Self.perKey[op.command] {
                    instead = batch
                } else if keyVaries, let variadic = Self.variadicMembers[op.command] {
                    instead = "a pipeline (or \(variadic) per key)"
                } else {
                    continue
                }
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command) \(key.display)` inside a loop sends one round trip per iteration",
                    hint: "batch the iterations with \(instead)", key: key))
            }
        }
        return findings
    }
}
