import RedisLint

/// RL203: INCR K followed by an EXPIRE K that runs on every hit, so the counter's window never ends.
public struct RateWindowReset: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL203",
        name: "rate-window-reset",
        severity: .warning,
        summary: "An EXPIRE after every INCR pushes a fixed window forward, so a steady caller is never reset",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `INCR`/`INCRBY` of a counter followed by `EXPIRE`/`PEXPIRE` of the same key that runs on every call: \
            no `NX` flag, not guarded by `count == 1`. Inside or outside `MULTI` makes no difference. Counters whose \
            key already contains the time window (`rate:#{user}:#{Time.now.to_i / 60}`) are not reported: each \
            window is a new key. A key held only in a variable (`incr(key)`) may or may not contain the window, so \
            that pair is left to RL202. Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            Each hit sets the TTL back to its full length, so the window slides with the traffic: a client that \
            calls once every few seconds keeps the counter alive forever and, once over the limit, is locked out \
            for good, while the intended "N per minute" never starts again. It is the bug the fixed-window \
            counter pattern is known for.
            """,
        useInstead: """
            Set the TTL only when the window starts: `EXPIRE key ttl NX` (Redis 7.0+) sets it only if the key has \
            none, so concurrent increments do not extend the window and a lost TTL is repaired on the next hit. \
            On older servers, run `INCR` and `if count == 1 then EXPIRE` in a Lua script, or put the window in the \
            key name.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def allow?(redis, user)
                  count = redis.incr("rate:#{user}")
                  redis.↓expire("rate:#{user}", 60)
                  count <= 100
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def allow?(redis, user)
                  count = redis.incr("rate:#{user}")
                  redis.expire("rate:#{user}", 60, nx: true)
                  count <= 100
                end
                def allow_bucket?(redis, user)
                  count = redis.incr("rate:#{user}:#{Time.now.to_i / 60}")
                  redis.expire("rate:#{user}:#{Time.now.to_i / 60}", 60)
                  count <= 100
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def is_limited(user):
                    with r.pipeline() as pipe:
                        pipe.incr(f"ratelimit:{user}")
                        pipe.↓expire(f"ratelimit:{user}", 60)
                        count, _ = pipe.execute()
                    return count > 100
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def is_limited(user):
                    with r.pipeline() as pipe:
                        pipe.incr(f"ratelimit:{user}")
                        pipe.expire(f"ratelimit:{user}", 60, nx=True)
                        count, _ = pipe.execute()
                    return count > 100
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function allow(ip: string) {
                  const hits = await redis.incr(`rate:${ip}`);
                  await redis.↓expire(`rate:${ip}`, 60);
                  return hits <= 100;
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function allow(ip: string) {
                  const hits = await redis.incr(`rate:${ip}`);
                  await redis.expire(`rate:${ip}`, 60, "NX");
                  return hits <= 100;
                }
                """),
            .triggering(.swift, """
                import RediStack
                func allow(connection: RedisConnection, user: String) async throws -> Bool {
                    let count = try await connection.increment(RedisKey("rate:\\(user)")).get()
                    _ = try await connection.↓expire(RedisKey("rate:\\(user)"), after: .seconds(60)).get()
                    return count <= 100
                }
                """),
            .clean(.swift, """
                import RediStack
                func allow(connection: RedisConnection, user: String, minute: Int) async throws -> Bool {
                    let count = try await connection.increment(RedisKey("rate:\\(user):\\(minute)")).get()
                    _ = try await connection.expire(RedisKey("rate:\\(user):\\(minute)"), after: .seconds(60)).get()
                    return count <= 100
                }
                """),
        ],
        tags: ["atomicity", "rate-limiting"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        var findings: [Finding] = []
        let modern = context.settings.minimumRedisVersion >= RedisVersion(7, 0)
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            let fileTrace = fileTraces[position]
            for expireIndex in raceTraces[position].ops.indices where RaceFacts.relativeExpireIDs.contains(commandIDs.id(trace: fileTrace, op: expireIndex), raceTraces[position].ops[expireIndex].command) && RaceFacts.usable(raceTraces[position].ops[expireIndex]) {
                let expire = raceTraces[position].ops[expireIndex]  // bound only when wanted: `for expire in trace.ops` copied every op
                guard let key = expire.keys.first,
                      let counterIndex = raceTraces[position].ops[..<expireIndex].lastIndex(where: { RaceFacts.usable($0) && $0.keys.first == key }),
                      RaceFacts.isWindowReset(raceTraces, position, counterIndex: counterIndex, expireIndex: expireIndex,
                                              counterID: commandIDs.id(trace: fileTrace, op: counterIndex),
                                              expireID: commandIDs.id(trace: fileTrace, op: expireIndex)) else { continue }
                let counter = raceTraces[position].ops[counterIndex]
                if RaceFacts.sameHelperCall(counter, expire) { continue }
                // Each op's positions worked out once, for its line in the message and for the finding.
                let expireAt = context.positions(expire.nameSpan), counterAt = context.positions(counter.nameSpan)
                // In one buffer (`MessageText`): an interpolation appended its dozen pieces to a String one by one.
                var message = MessageText()
                RaceFacts.addPlace(expire, line: expireAt.start.line, to: &message)
                message.add(" runs after every ")
                RaceFacts.addPlace(counter, line: counterAt.start.line, to: &message)
                message.add(" and restarts the window: a caller who keeps hitting `")
                message.add("", display: key)
                message.add("` is never reset")
                let hint = modern ? Self.nxHint(expire.command)
                    : "set the TTL only when \(counter.command) returns 1, in a Lua script (EXPIRE … NX needs Redis 7.0; the minimum version is \(context.settings.minimumRedisVersion))"
                var counts = MessageText(capacity: 64)
                counts.add("`")
                RaceFacts.addLabel(counter, to: &counts)
                counts.add("` counts the hit")
                findings.append(context.finding(
                    description, at: expireAt, message: message.text, hint: hint,
                    related: [context.related(at: counterAt, counts.text)],
                    fix: modern ? nxFix(expire, context) : nil, key: key))
            }
        }
        return findings
    }

    /// "`EXPIRE key ttl NX` sets the TTL only when the window starts", for the EXPIRE command `command`: made
    /// once for EXPIRE and PEXPIRE (every finding built it in a buffer and decoded it into a new string).
    private static func nxHint(_ command: String) -> String {
        switch command {
        case "EXPIRE": return expireNXHint
        case "PEXPIRE": return pexpireNXHint
        default: return builtNXHint(command)
        }
    }

    private static func builtNXHint(_ command: String) -> String {
        "`" + command + " key ttl NX` sets the TTL only when the window starts"
    }

    private static let expireNXHint = builtNXHint("EXPIRE"), pexpireNXHint = builtNXHint("PEXPIRE")

    /// Adds the NX flag before the closing parenthesis of the EXPIRE call, spelled the client's way.
    func nxFix(_ expire: RedisOp, _ context: RuleContext) -> Fix? {
        guard expire.viaHelper == nil, expire.span.upperBound > expire.span.lowerBound else { return nil }
        let bytes = context.file.source.bytes
        let close = expire.span.upperBound - 1
        guard bytes.indices.contains(close), bytes[close] == UInt8(ascii: ")") else { return nil }
        let text: String
        switch context.file.source.language {
        case .ruby: text = ", nx: true"
        case .python: text = ", nx=True"
        case .javascript: text = ", \"NX\""
        case .swift, .lua: return nil
        }
        let at = context.positions(close..<close).start
        return Fix(description: "add NX so the TTL is set only when the window starts",
                   replacements: [Fix.Replacement(start: at, end: at, text: text)])
    }
}
