import RedisLint

/// RL202: a key is created by one command and given its TTL by a separate EXPIRE outside MULTI or Lua.
public struct ExpireNotAtomic: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL202",
        name: "expire-not-atomic",
        severity: .warning,
        summary: "A key is created and then given its TTL by a separate command, so a crash in between leaves it forever",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A command that creates a key (`SET`, `INCR`, `HSET`, `SADD`, `ZADD`, `LPUSH`, `XADD`, `SETNX`, …) \
            followed by `EXPIRE`/`PEXPIRE`/`EXPIREAT` of the same key, where the two are not both inside one \
            `MULTI`/`EXEC` (a `multi` block, `pipeline(transaction=True)`, `multi()`) or a Lua script. That \
            includes the common `n = INCR k; if n == 1 then EXPIRE k`. An `INCR` followed by an EXPIRE that runs \
            on every hit is RL203's finding; a create and expire in a non-transactional pipeline is RL204's. An `EXPIRE … XX` \
            or `GT` right after a create is reported as what it is: it sets no TTL (Redis treats a key without one as \
            having none to extend or an infinite one), so the key never expires. Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            If the process dies, times out or loses its connection between the two commands, the key exists \
            without a TTL and is never removed: a rate-limit counter that blocks its user forever, a lock nobody \
            can take again, memory that only grows. With `if n == 1 then EXPIRE`, the one request that was \
            meant to set the TTL is the one that failed.
            """,
        useInstead: """
            Use one command when there is one: `SET key value EX ttl` (or `SETEX`), `SET key token NX PX ttl`. \
            Otherwise send both commands in one `MULTI`/`EXEC` (redis-rb `multi`, redis-py \
            `pipeline(transaction=True)`, ioredis/node-redis `multi()`), or run them in a Lua script. For \
            counters, `INCR` followed by `EXPIRE key ttl NX` (Redis 7.0+) repairs a missing TTL on the next hit.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def hit(redis, user)
                  count = redis.incr("rate:#{user}")
                  redis.↓expire("rate:#{user}", 60) if count == 1
                  count
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def hit(redis, user)
                  count, _ = redis.multi do |tx|
                    tx.incr("rate:#{user}")
                    tx.expire("rate:#{user}", 60, nx: true)
                  end
                  count
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def remember(token, user_id):
                    r.set(f"reset:{token}", user_id)
                    r.↓expire(f"reset:{token}", 900)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def remember(token, user_id):
                    r.set(f"reset:{token}", user_id, ex=900)
                def touch(token):
                    r.expire(f"reset:{token}", 900)
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def replace(token, user_id):
                    r.set(f"reset:{token}", user_id)
                    # XX sets no TTL on a key that has none, and SET just left it without one.
                    r.↓expire(f"reset:{token}", 900, xx=True)
                """),
            .clean(.python, """
                import redis
                from redis.client import Pipeline
                class Heartbeat:
                    def __init__(self):
                        self.connection = redis.Redis()
                    # Callers pass their transaction: the HSET and EXPIRE are queued together.
                    def save(self, key, ttl, pipeline: Pipeline | None = None):
                        connection = pipeline if pipeline is not None else self.connection
                        connection.hset(key, "at", 1)
                        connection.expire(key, ttl)
                """),
            .clean(.python, """
                import redis
                class Result:
                    def __init__(self):
                        self.connection = redis.Redis()
                    def save(self, key, ttl, pipeline=None):
                        connection = pipeline if pipeline is not None else self.connection
                        connection.xadd(key, {"v": 1}, maxlen=10)
                        connection.expire(key, ttl)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function hit(ip: string) {
                  const n = await redis.incr(`visits:${ip}`);
                  if (n === 1) {
                    await redis.↓expire(`visits:${ip}`, 60);
                  }
                  return n;
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function hit(ip: string) {
                  const [[, n]] = await redis.multi().incr(`visits:${ip}`).expire(`visits:${ip}`, 60, "NX").exec();
                  return n;
                }
                """),
            .triggering(.swift, """
                import RediStack
                func count(connection: RedisConnection, id: String) async throws -> Int {
                    let n = try await connection.increment(RedisKey("visits:\\(id)")).get()
                    if n == 1 {
                        _ = try await connection.↓expire(RedisKey("visits:\\(id)"), after: .seconds(60)).get()
                    }
                    return n
                }
                """),
            .clean(.swift, """
                import RediStack
                func store(connection: RedisConnection, id: String, data: String) async throws {
                    try await connection.setex(RedisKey("session:\\(id)"), to: data, expirationInSeconds: 3600).get()
                }
                """),
        ],
        tags: ["atomicity", "ttl"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        var findings: [Finding] = []
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            let fileTrace = fileTraces[position]
            for expireIndex in raceTraces[position].ops.indices where RaceFacts.expireIDs.contains(commandIDs.id(trace: fileTrace, op: expireIndex), raceTraces[position].ops[expireIndex].command) && RaceFacts.usable(raceTraces[position].ops[expireIndex]) {
                let expire = raceTraces[position].ops[expireIndex]  // bound only when wanted: `for expire in trace.ops` copied every op
                // EXPIRE … NX after a create repairs a missing TTL on the next call; a TTL check guarding it is the repair itself.
                guard !RaceFacts.hasOption(expire, "NX"), let key = expire.keys.first, !RaceFacts.guardedByTTLRead(raceTraces, position, expire) else { continue }
                // EXPIRE … XX / GT set nothing on a key without a TTL, which a create leaves: not a race, a TTL never set.
                let noTTLCondition = RaceFacts.hasOption(expire, "XX") ? " with XX" : RaceFacts.hasOption(expire, "GT") ? " with GT" : nil
                // By command number, in place (the names were hashed for every earlier op of the key).
                guard let createIndex = raceTraces[position].ops.indices[..<expireIndex].last(where: { index in
                    let id = commandIDs.id(trace: fileTrace, op: index)
                    return RaceFacts.usable(raceTraces[position].ops[index]) && raceTraces[position].ops[index].keys.first == key
                        && (RaceFacts.createIDs.contains(id, raceTraces[position].ops[index].command) || RaceFacts.expireIDs.contains(id, raceTraces[position].ops[index].command))
                }) else { continue }
                let create = raceTraces[position].ops[createIndex]
                // The nearest earlier op on the key is another EXPIRE, or a create that already set a TTL.
                guard RaceFacts.createIDs.contains(commandIDs.id(trace: fileTrace, op: createIndex), create.command),
                      create.options.isDisjoint(with: RaceFacts.ttlOptions) else { continue }
                // A helper's command may act on a key that already exists (an HSET keeps its TTL): too indirect.
                if create.viaHelper != nil || expire.viaHelper != nil { continue }
                // On a pipeline the caller may pass in (`pipeline if pipeline else self.connection`): queued then.
                if create.mayBeQueued || expire.mayBeQueued { continue }
                if !RaceFacts.sameKeyInstance(key, create, expire) { continue }
                if create.context == .transaction && expire.context == .transaction { continue }
                if create.context == .pipeline && expire.context == .pipeline { continue } // RL204
                if RaceFacts.isWindowReset(raceTraces, position, counterIndex: createIndex, expireIndex: expireIndex, counterID: commandIDs.id(trace: fileTrace, op: createIndex),
                                           expireID: commandIDs.id(trace: fileTrace, op: expireIndex)) { continue } // RL203
                let conditional = RaceFacts.guards(raceTraces, position, readIndex: createIndex, write: expire)
                // Each op's positions worked out once, for its line in the message and for the finding.
                let expireAt = context.positions(expire.nameSpan), createAt = context.positions(create.nameSpan)
                // In one buffer (`MessageText`): an interpolation appended its dozen pieces to a String one by one.
                var message = MessageText()
                RaceFacts.addPlace(expire, line: expireAt.start.line, to: &message)
                if let noTTLCondition {
                    message.add(noTTLCondition)
                    message.add(" sets no TTL on the key ")
                    RaceFacts.addPlace(create, line: createAt.start.line, to: &message)
                    message.add(" just left without one: `")
                    message.add("", display: key)
                    message.add("` never expires")
                    findings.append(context.finding(
                        description, at: expireAt, message: message.text,
                        hint: "give the key its TTL where it is written (`SET key value EX ttl`), or drop the XX/GT condition",
                        related: [context.related(at: createAt, "the key is written here without a TTL")], key: key))
                    continue
                }
                message.add(" is sent separately from ")
                RaceFacts.addPlace(create, line: createAt.start.line, to: &message)
                if conditional { message.add(" and only when its reply says the key is new") }
                message.add(": if the process dies in between, `")
                message.add("", display: key)
                message.add("` never expires")
                var creates = MessageText(capacity: 64)
                creates.add("`")
                RaceFacts.addLabel(create, to: &creates)
                creates.add("` creates the key without a TTL")
                findings.append(context.finding(
                    description, at: expireAt, message: message.text, hint: hint(create, conditional: conditional, context),
                    related: [context.related(at: createAt, creates.text)],
                    key: key))
            }
        }
        return findings
    }

    func hint(_ create: RedisOp, conditional: Bool, _ context: RuleContext) -> String {
        if create.command == "SET" {
            return "set the value and the TTL in one command: `SET key value EX ttl`"
        }
        if create.command == "SETNX" {
            return "take the lock and its TTL in one command: `SET key token NX EX ttl`"
        }
        if RaceFacts.counterIDs.contains(create.commandID, create.command), context.settings.minimumRedisVersion >= RedisVersion(7, 0) {
            // Made once per counter command (every finding built it in a buffer and decoded it into a new string).
            switch create.command {
            case "INCR": return Self.incrNXHint
            case "INCRBY": return Self.incrbyNXHint
            default: return Self.counterNXHint(create.command)
            }
        }
        return "send both commands in one MULTI/EXEC (a transaction) or run them in a Lua script"
    }

    private static func counterNXHint(_ command: String) -> String {
        "send the " + command + " and `EXPIRE key ttl NX` together in MULTI/EXEC (NX keeps the window fixed and repairs a missing TTL), or use a Lua script"
    }

    private static let incrNXHint = counterNXHint("INCR"), incrbyNXHint = counterNXHint("INCRBY")
}
