import RedisLint

/// RL204: a non-transactional pipeline carries a create-then-expire or read-then-reset sequence.
public struct PipelineAssumedAtomic: Rule {
    public init() {}

    /// Reads whose reply is the data itself (what a read-then-reset pipeline collects).
    static let valueReads: Set<String> = ["GET", "HGETALL", "HGET", "HMGET", "LRANGE", "SMEMBERS", "ZRANGE", "ZRANGEBYSCORE", "ZREVRANGE", "MGET", "HKEYS", "HVALS"]
    /// Writes that reset what was read.
    static let resets: Set<String> = ["DEL", "UNLINK", "SET", "HDEL", "LTRIM", "SREM", "ZREM", "ZREMRANGEBYSCORE", "ZREMRANGEBYRANK", "RENAME", "HSET"]

    public let description = RuleDescription(
        id: "RL204",
        name: "pipeline-assumed-atomic",
        severity: .warning,
        summary: "A non-transactional pipeline is used for a sequence that needs to be atomic",
        languages: [.ruby, .python, .javascript],
        whatItFinds: """
            A non-transactional pipeline (redis-rb `pipelined`, redis-py `pipeline(transaction=False)`, ioredis \
            `pipeline()`) that creates a key and then sets its TTL (`ZADD` + `PEXPIRE`, `SET` + `EXPIRE`), or \
            reads a key and then resets it (`GET` + `DEL`, `LRANGE` + `LTRIM`). Create-then-expire is reported as \
            a note: the TTL is lost only if the connection drops inside one pipelined write. An `INCR` + `EXPIRE` pair that \
            restarts a rate window is RL203's finding. Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            A pipeline only batches round trips: other clients' commands run between the pipelined ones, and a \
            connection dropped half way leaves only some of them applied. A read-then-reset loses whatever was \
            written between the read and the reset; a create-then-expire can leave the key without a TTL.
            """,
        useInstead: """
            Use a transaction, which costs the same round trip: redis-rb `multi`, redis-py `pipeline()` (the \
            default `transaction=True` of `Redis`; `RedisCluster` needs it said, and the keys in one slot), ioredis `multi()`. For read-and-reset, one command is better still: \
            `GETDEL`, `GETSET`/`SET … GET`, `LMPOP`, or a Lua script.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def flush(redis)
                  redis.pipelined do |pipe|
                    pipe.get("metrics:logins")
                    pipe.↓del("metrics:logins")
                  end
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def flush(redis)
                  redis.multi do |tx|
                    tx.get("metrics:logins")
                    tx.del("metrics:logins")
                  end
                end
                def names(redis, ids)
                  redis.pipelined do |pipe|
                    ids.each { |id| pipe.hget("user:#{id}", "name") }
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def record(key, now):
                    pipe = r.pipeline(transaction=False)
                    pipe.zadd(key, {now: now})
                    pipe.↓expire(key, 60)
                    pipe.execute()
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def record(key, now):
                    pipe = r.pipeline()
                    pipe.zadd(key, {now: now})
                    pipe.expire(key, 60)
                    pipe.execute()
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function check(key: string, now: number) {
                  const pipeline = redis.pipeline();
                  pipeline.zremrangebyscore(key, "-inf", now - 60000);
                  pipeline.zadd(key, now, String(now));
                  pipeline.zcard(key);
                  pipeline.↓pexpire(key, 60000);
                  return pipeline.exec();
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function check(key: string, now: number) {
                  const tx = redis.multi();
                  tx.zremrangebyscore(key, "-inf", now - 60000);
                  tx.zadd(key, now, String(now));
                  tx.zcard(key);
                  tx.pexpire(key, 60000);
                  return tx.exec();
                }
                """),
        ],
        tags: ["atomicity", "pipeline"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        var findings: [Finding] = []
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for traceIndex in raceTraces.indices {
            for index in raceTraces[traceIndex].ops.indices where raceTraces[traceIndex].ops[index].context == .pipeline && RaceFacts.usable(raceTraces[traceIndex].ops[index]) {
                let write = raceTraces[traceIndex].ops[index]  // bound only when wanted: `for write in trace.ops` copied every op
                guard let key = write.keys.first else { continue }
                let isExpire = RaceFacts.expires.contains(write.command)
                guard isExpire || Self.resets.contains(write.command) else { continue }
                if isExpire && RaceFacts.hasOption(write, "NX") { continue }
                let partnerIndex = raceTraces[traceIndex].ops[..<index].lastIndex { op in
                    guard op.context == .pipeline, op.receiver == write.receiver, RaceFacts.usable(op), op.keys.first == key else { return false }
                    return isExpire ? RaceFacts.creates.contains(op.command) && op.options.isDisjoint(with: RaceFacts.ttlOptions)
                                    : Self.valueReads.contains(op.command)
                }
                guard let partnerIndex else { continue }
                if isExpire && RaceFacts.isWindowReset(raceTraces, traceIndex, counterIndex: partnerIndex, expireIndex: index) { continue } // RL203
                let partner = raceTraces[traceIndex].ops[partnerIndex]
                if partner.viaHelper != nil || write.viaHelper != nil { continue }
                let risk = isExpire ? "a dropped connection can leave `\(key.display)` without a TTL"
                                    : "writes made between them are lost"
                let message = "`\(RaceFacts.label(partner))` (line \(RaceFacts.line(context, partner))) and `\(RaceFacts.label(write))` " +
                    "(line \(RaceFacts.line(context, write))) run in a non-transactional pipeline: other clients' commands run in between and \(risk)"
                findings.append(context.finding(
                    description, span: write.nameSpan, message: message,
                    // Losing the TTL needs the connection to drop inside one pipelined write: worth a note, not a warning.
                    severity: isExpire ? .note : nil, hint: hint(context.file.source.language),
                    related: [context.related(partner.nameSpan, "`\(RaceFacts.label(partner))` is in the same pipeline")],
                    key: key))
            }
        }
        return findings
    }

    func hint(_ language: Language) -> String {
        switch language {
        case .ruby: return "use `multi` instead of `pipelined` (same round trip, atomic)"
        case .python: return "use `pipeline(transaction=True)` (the default of `Redis`, not of `RedisCluster`) so the commands run in MULTI/EXEC"
        case .javascript: return "use `multi()` instead of `pipeline()` (same round trip, atomic)"
        case .swift, .lua: return "use a MULTI/EXEC transaction"
        }
    }
}
