import RedisLint

/// RL201: a read of K whose reply guards or feeds a write of K, sent separately from the client.
public struct CheckThenAct: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL201",
        name: "check-then-act",
        severity: .warning,
        summary: "A read of a key decides or computes a later write of the same key without WATCH, MULTI or a script",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A read of a key (`GET`, `EXISTS`, `HGET`, `HEXISTS`, `SISMEMBER`, `TTL`, …) whose reply decides \
            whether a write of the same key happens (`if not exists(k): set(k, 1)`), or is used to compute the \
            value written (`n = get(k); set(k, n + 1)`), when the two are separate round trips from the client \
            with no `WATCH` of the key before the read. A `MULTI` around the write alone does not help: the read \
            is outside it. Writes that are atomic on their own (`SET … NX`, `SETNX`, `HSETNX`) and cache-aside \
            (read; on a miss load the value and write it back) are not reported; neither are `DEL` and `EXPIRE` \
            after a check (see RL303 for lock releases). Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            Between the read and the write another client can run the same code: both see the key missing, both \
            send the email, both claim the job; both read `41`, both write `42` and one increment is lost. The \
            window is small, so the bug shows up under load and is hard to reproduce.
            """,
        useInstead: """
            Make the decision on the server in one command: `SET key value NX` (claim once), `INCR`/`INCRBY` \
            (counters), `HSETNX`, `SADD` (its reply says whether the member was new), `SET key value GET`. When \
            the logic does not fit one command, use a Lua script (`EVAL`), or `WATCH key`, read, then \
            `MULTI`…`EXEC` and retry when `EXEC` returns nil.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def throttle(redis, key, seconds)
                  unless redis.↓exists?(key)
                    yield
                    redis.multi do |tx|
                      tx.set(key, 1)
                      tx.expire(key, seconds)
                    end
                  end
                end
                """),
            .triggering(.ruby, """
                redis = Redis.new
                def bump(redis, id)
                  n = redis.↓get("count:#{id}").to_i
                  redis.set("count:#{id}", n + 1)
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def throttle(redis, key, seconds)
                  yield if redis.set(key, 1, nx: true, ex: seconds)
                end
                def user(redis, id)
                  cached = redis.get("user:#{id}")
                  return cached if cached
                  json = User.find(id).to_json
                  redis.set("user:#{id}", json, ex: 3600)
                  json
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def handle(msg_id):
                    if r.↓sismember("seen", msg_id):
                        return
                    r.sadd("seen", msg_id)
                    process(msg_id)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def handle(msg_id):
                    if r.sadd("seen", msg_id) == 0:
                        return
                    process(msg_id)
                def get_user(user_id):
                    cached = r.get(f"user:{user_id}")
                    if cached:
                        return cached
                    user = load(user_id)
                    r.set(f"user:{user_id}", user, ex=3600)
                    return user
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function claim(id: string) {
                  const taken = await redis.↓exists(`job:${id}`);
                  if (!taken) {
                    await redis.set(`job:${id}`, "1");
                    await run(id);
                  }
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function claim(id: string) {
                  const ok = await redis.set(`job:${id}`, "1", "EX", 3600, "NX");
                  if (ok) await run(id);
                }
                async function profile(id: string) {
                  const cached = await redis.get(`profile:${id}`);
                  if (cached) return cached;
                  const fresh = await db.load(id);
                  await redis.set(`profile:${id}`, fresh, "EX", 600);
                  return fresh;
                }
                async function anyUser() {
                  if (cacheEnabled) {
                    const user = await redis.get("any-user");
                    if (user) return user;
                  }
                  const user = await db.first();
                  await redis.set("any-user", JSON.stringify(user), "EX", 300);
                  return user;
                }
                """),
            .triggering(.swift, """
                import RediStack
                func bump(connection: RedisConnection, id: String) async throws {
                    let key = RedisKey("count:\\(id)")
                    let n = try await connection.↓get(key, as: Int.self).get() ?? 0
                    try await connection.set(key, to: n + 1).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func bump(connection: RedisConnection, id: String) async throws {
                    let key = RedisKey("count:\\(id)")
                    _ = try await connection.increment(key).get()
                }
                """),
        ],
        tags: ["atomicity", "race"],
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
            var reported: Set<Int> = [] // writes already blamed on an earlier check
            // Asked once per trace, not per read: a long trace's ask is a locked look-up.
            lazy var index = RaceFacts.keyIndex(context, position, in: raceTraces)
            for readIndex in raceTraces[position].ops.indices where RaceFacts.readIDs.contains(commandIDs.id(trace: fileTrace, op: readIndex), raceTraces[position].ops[readIndex].command) && RaceFacts.usable(raceTraces[position].ops[readIndex]) && raceTraces[position].ops[readIndex].context == .plain {
                let read = raceTraces[position].ops[readIndex]  // bound only when wanted: `for read in trace.ops` copied every op
                guard let key = read.keys.first else { continue }
                guard !index.watched(key, before: readIndex) else { continue }
                var writes: [RedisOp] = []
                var fed = false
                for writeIndex in index.later(key, after: readIndex) where !reported.contains(writeIndex) {
                    // Tested in place before binding: most later ops of the key are not writes.
                    let writeID = commandIDs.id(trace: fileTrace, op: writeIndex)
                    guard RaceFacts.usable(raceTraces[position].ops[writeIndex]),
                          RaceFacts.stateWriteIDs.contains(writeID, raceTraces[position].ops[writeIndex].command) else { continue }
                    let write = raceTraces[position].ops[writeIndex]
                    guard !RaceFacts.sameHelperCall(read, write) else { continue }
                    // Atomic on its own: the check is only an optimisation.
                    if RaceFacts.hasNXOrXX(write) { continue }
                    // In the miss branch the reply was empty: a name read by the write was assigned anew
                    // (`v = get(k); unless v; v = load; set(k, v)`), so it does not carry the reply.
                    let feeds = RaceFacts.feeds(read, write) && !CacheAsideFlow.missBranch(raceTraces, position, readIndex: readIndex, write: write)
                    guard feeds || RaceFacts.guards(raceTraces, position, readIndex: readIndex, write: write) else { continue }
                    if !feeds && isCacheAside(write, id: writeID, key: key) { continue }
                    fed = fed || feeds
                    writes.append(write)
                    reported.insert(writeIndex)
                }
                guard let first = writes.first else { continue }
                let how = fed ? "computes the value of" : "decides"
                let message = "`\(RaceFacts.label(read))` (line \(RaceFacts.line(context, read))) \(how) `\(RaceFacts.label(first))` " +
                    "(line \(RaceFacts.line(context, first))) in a separate round trip: another client can change `\(key.display)` in between"
                let hint = fed && ["GET"].contains(read.command) && ["SET"].contains(first.command)
                    ? "for counters use INCR/INCRBY; otherwise WATCH the key before the read and write in MULTI/EXEC, or use a Lua script"
                    : "decide on the server: SET … NX, SADD's reply, HSETNX, a Lua script, or WATCH + MULTI/EXEC"
                findings.append(context.finding(
                    description, span: read.nameSpan, message: message, hint: hint,
                    related: writes.map { context.related($0.nameSpan, "`\(RaceFacts.label($0))` acts on the result of the check") },
                    key: key))
            }
        }
        return findings
    }

    /// Cache-aside: on a miss, a recomputed (non-constant) value is written back to a key that is not a lock.
    /// `id`: the write's command number (`FileCommandIDs`), asked instead of hashing its name.
    func isCacheAside(_ write: RedisOp, id: Int32, key: KeyExpr) -> Bool {
        guard RaceFacts.storeIDs.contains(id, write.command), !RaceFacts.lockNamed(key) else { return false }
        // Some value written is not a constant. Literals (TTL options among them) and numbers are constants, so
        // only a computed argument can be one: the arguments are asked in place, without the copy of those
        // that are not TTL options (a decoded, upper-cased string per literal) and the word list made per call.
        return write.arguments.contains { argument in
            if case .dynamic(let text) = argument { return !Self.constantTexts.contains(text) }
            return false
        }
    }

    /// Computed arguments that are constants all the same.
    private static let constantTexts = ["true", "True", "TRUE", "false", "False"]
}
