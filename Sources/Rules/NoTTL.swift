import RedisLint

/// RL404: temporary keys (cache, session, OTP, rate limit…) written without a TTL that nothing in the
/// project ever sets.
public struct NoTTL: Rule {
    public init() {}

    /// Commands that create or grow a key.
    static let writes: Set<String> = ["SET", "SETNX", "MSET", "HSET", "HMSET", "HSETNX", "SADD", "ZADD", "LPUSH", "RPUSH",
                                      "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "APPEND", "PFADD", "HINCRBY"]
    /// Words of key names that say the data is temporary.
    static let temporaryWords: Set<String> = ["cache", "cached", "session", "sessions", "sess", "otp", "nonce", "ratelimit",
                                              "throttle", "tmp", "temp", "csrf", "captcha", "verification", "reset"]

    public let description = RuleDescription(
        id: "RL404",
        name: "no-ttl",
        severity: .warning,
        summary: "A cache, session, one-time-code or rate-limit key is written without a TTL and never expires",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Writes (`SET`, `HSET`, `SADD`, `INCR`, `RPUSH`…) of keys whose name says they are temporary — a \
            literal segment or key variable named `cache`, `session`, `otp`, `nonce`, `ratelimit`/`rate_limit`, \
            `throttle`, `tmp`/`temp`, `csrf`, `captcha`, `verification`, `reset` — when no code in the project \
            gives a key of that shape a TTL (`SET … EX`, `SETEX`, `EXPIRE`, `GETEX … EX`, or a Lua script that \
            expires the keys passed to it).
            """,
        whyItIsAProblem: """
            Temporary data without a TTL is permanent data. Cache entries pile up until `maxmemory` is reached \
            and eviction starts dropping keys at random (or writes fail under `noeviction`); sessions and \
            one-time codes stay valid for ever, which is a security problem as much as a memory one; a rate-limit \
            counter without expiry never resets, so users are locked out for good once they reach the limit.
            """,
        useInstead: """
            Write the key with its lifetime in the same command: `SET key value EX seconds` (`ex:`, `ex=`, \
            `{ EX: … }`, `"EX", n`), or `EXPIRE key seconds` right after `INCR`/`HSET`/`SADD` (in a \
            `MULTI` or pipeline so the TTL cannot be lost). Use `EXPIRE … NX` to set it only on the first write.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def remember(user)
                  redis.↓set("cache:user:#{user.id}", user.to_json)
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def remember(user)
                  redis.set("cache:user:#{user.id}", user.to_json, ex: 3600)
                  redis.set("user:#{user.id}:name", user.name)
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def hit(user_id):
                    return r.↓incr(f"rate_limit:{user_id}")
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def hit(user_id):
                    n = r.incr(f"rate_limit:{user_id}")
                    if n == 1:
                        r.expire(f"rate_limit:{user_id}", 60)
                    return n
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function sendCode(phone: string, code: string) {
                  await redis.↓set(`otp:${phone}`, code);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function sendCode(phone: string, code: string) {
                  await redis.set(`otp:${phone}`, code, "EX", 300);
                }
                """),
            .triggering(.swift, """
                import RediStack
                func save(_ id: String, _ data: String, connection: RedisConnection) async throws {
                    _ = try await connection.↓set(RedisKey("session:\\(id)"), to: data).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func save(_ id: String, _ data: String, connection: RedisConnection) async throws {
                    _ = try await connection.set(RedisKey("session:\\(id)"), to: data, onCondition: .none, expiration: .seconds(3600)).get()
                }
                """),
        ],
        tags: ["lifecycle", "ttl"]
    )

    /// The temporary word a key's literal text (or, for a key that is one variable, the variable's name)
    /// contains, as a whole segment. `rate_limit`, `rate-limit` and `ratelimit` are one word.
    static func temporaryWord(_ key: KeyExpr) -> String? {
        var text = ""
        for part in key.parts {
            switch part {
            case .literal(let bytes): text += String(decoding: bytes, as: UTF8.self)
            case .hole(let expression): if key.parts.count == 1 { text += expression } else { text += " " }
            }
        }
        let lowered = text.lowercased()
        var word = ""
        var words: [String] = []
        for scalar in lowered.unicodeScalars {
            if ("a"..."z").contains(scalar) { word.unicodeScalars.append(scalar) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        // `rate_limit`, `rate-limit`, `rateLimit` (lowered) are one word.
        for (index, current) in words.enumerated() where current == "rate" && index + 1 < words.count && words[index + 1] == "limit" {
            return "ratelimit"
        }
        return words.first { temporaryWords.contains($0) }
    }

    public func check(_ context: RuleContext) -> [Finding] {
        if TestPaths.contains(context.file.source.path) { return [] }
        var candidates: [(op: RedisOp, key: KeyExpr, word: String, trace: Trace)] = []
        for trace in context.file.traces {
            for op in trace.ops where Self.writes.contains(op.command) && op.confidence >= .medium && op.context != .lua && op.viaHelper == nil {
                guard !TTLFacts.setsTTL(op), let key = op.keys.first, let word = Self.temporaryWord(key) else { continue }
                candidates.append((op, key, word, trace))
            }
        }
        guard !candidates.isEmpty else { return [] }
        let expiring = TTLFacts.expiring(in: context.project)
        var findings: [Finding] = []
        for candidate in candidates {
            if expiring.exact.contains(candidate.key) { continue }
            if let shape = TTLFacts.shape(candidate.key), expiring.shapes.contains(shape) { continue }
            // An EXPIRE in the same function on a key we cannot read (`expire(key, 60)`) may be this one.
            let unknownExpire = candidate.trace.ops.contains { TTLFacts.setsTTL($0) && ($0.keys.first.map { TTLFacts.shape($0) == nil } ?? true) }
            if unknownExpire { continue }
            findings.append(context.finding(
                description, span: candidate.op.nameSpan,
                message: "`\(candidate.op.command) \(candidate.key.display)` stores temporary data (`\(candidate.word)`) without a TTL, and no code in the project expires it",
                hint: "give the key a lifetime: SET … EX seconds, or EXPIRE right after the write",
                key: candidate.key))
        }
        return findings
    }
}
