import RedisLint

/// RL303: a lock released by a plain DEL, or by GET + compare + DEL from the client.
public struct UnsafeLockRelease: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL303",
        name: "unsafe-lock-release",
        severity: .warning,
        summary: "A lock is released with DEL without checking, atomically, that the caller still owns it",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `DEL`/`UNLINK` of a lock key that the same file takes with `SET … NX`, `SETNX` or `GETSET` (a `GETSET` or \
            `SET … GET` of a key not named like a lock only when a condition tests its reply; a key not named like a \
            lock is not one when the function that takes it inserts a record, `create`/`add`/`insert`), not \
            guarded by an ownership check, when the lock has a TTL (taken with `EX`/`PX` or expired; a lock without one \
            cannot pass to another holder, and RL302 reports it); or `DEL` of a lock key (named like one, or taken in the file) guarded \
            by a `GET` of the key compared on the client without `WATCH` + `MULTI`. Test files and test functions are skipped. Releases done by a Lua script (`EVAL`), by lock libraries (redis-py \
            `Lock`, Redlock) or by newer atomic commands (`DELEX … IFEQ`) are not `DEL` calls and are not reported.
            """,
        whyItIsAProblem: """
            A lock's TTL can run out while its holder is still working (GC pause, slow query). Another process \
            then takes the lock, and the first one's unconditional `DEL` removes the new holder's lock. Checking \
            the token with a `GET` first does not close the gap: the key can expire and be re-taken between the \
            `GET` and the `DEL`.
            """,
        useInstead: """
            Compare and delete on the server in one step: \
            `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0" 1 lock:name <token>` \
            (register it once: `register_script`, `defineCommand`, `Redis::Script`), or use a lock library. \
            `WATCH key`, `GET`, compare, then `MULTI`/`DEL`/`EXEC` also works.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def unlock(redis, name, token)
                  redis.↓del("lock:#{name}") if redis.get("lock:#{name}") == token
                end
                """),
            .clean(.ruby, """
                RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
                redis = Redis.new
                def unlock(redis, name, token)
                  redis.eval(RELEASE, keys: ["lock:#{name}"], argv: [token])
                end
                def clear(redis, name)
                  redis.del("cache:#{name}")
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def run(name, token):
                    if r.set(f"lock:{name}", token, nx=True, ex=30):
                        work()
                        r.↓delete(f"lock:{name}")
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def release_lock(lock_key, identifier):
                    with r.pipeline() as pipe:
                        pipe.watch(lock_key)
                        if pipe.get(lock_key) == identifier:
                            pipe.multi()
                            pipe.delete(lock_key)
                            pipe.execute()
                def put_if_empty(key, value):
                    return r.setnx(f"result:{key}", value)
                def delete_result(key):
                    r.delete(f"result:{key}")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function release(name: string, token: string) {
                  const current = await redis.get(`lock:${name}`);
                  if (current === token) {
                    await redis.↓del(`lock:${name}`);
                  }
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
                async function release(name: string, token: string) {
                  await redis.eval(RELEASE, 1, `lock:${name}`, token);
                }
                """),
            .clean(.javascript, """
                import { createClient } from "redis";
                const client = createClient();
                async function reset() {
                  await client.del("greeting");
                  // SET … GET swaps the value and returns the old one, which nothing tests: a write, not a lock taken.
                  console.log(await client.set("greeting", "hello", { GET: true }));
                }
                """),
            .triggering(.swift, """
                import RediStack
                func acquire(connection: RedisConnection, name: String, token: String) async throws -> Bool {
                    try await connection.set(RedisKey("lock:\\(name)"), to: token, onCondition: .keyDoesNotExist, expiration: .seconds(30)).get() == .ok
                }
                func release(connection: RedisConnection, name: String) async throws {
                    _ = try await connection.↓delete(RedisKey("lock:\\(name)")).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func forget(connection: RedisConnection, name: String) async throws {
                    _ = try await connection.delete(RedisKey("session:\\(name)")).get()
                }
                func forceUnlock(connection: RedisConnection, name: String) async throws {
                    _ = try await connection.delete(RedisKey("lock:\\(name)")).get()
                }
                func create(connection: RedisConnection, key: String, value: String) async throws -> Bool {
                    try await connection.set(RedisKey(key), to: value, onCondition: .keyDoesNotExist, expiration: .seconds(300)).get() == .ok
                }
                func remove(connection: RedisConnection, key: String) async throws {
                    _ = try await connection.delete(RedisKey(key)).get()
                }
                """),
        ],
        tags: ["lock"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        var findings: [Finding] = []
        lazy var locks = RaceFacts.lockPairs(context)  // shared by the lock rules; most files take no lock
        // By command number: hashing every op's name to ask `RaceFacts.deletes` was most of the rule's time.
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            commandIDs.forEachReportedOp(raceTraces, position, fileTrace: fileTraces[position], sending: RaceFacts.deleteIDs) { index in
                let op = raceTraces[position].ops[index]  // bound only when wanted: `for op in trace.ops` copied every op
                for key in op.keys where locks.isLockKey(key) {
                    if let finding = check(raceTraces, position, deleteIndex: index, key: key, locks: locks, context) { findings.append(finding) }
                    break
                }
            }
        }
        return findings
    }

    /// The trace is `traces[position]`, read in place (passing it by itself copied it).
    func check(_ traces: [Trace], _ position: Int, deleteIndex: Int, key: KeyExpr, locks: RaceFacts.LockPairs, _ context: RuleContext) -> Finding? {
        let delete = traces[position].ops[deleteIndex]
        // The GET whose reply is compared before the DEL.
        let checkIndex = traces[position].ops[..<deleteIndex].indices.last { index in
            let read = traces[position].ops[index]
            return read.command == "GET" && read.keys.first == key && RaceFacts.guards(traces, position, readIndex: index, write: delete)
        }
        if let checkIndex {
            if RaceFacts.watched(traces, position, key: key, before: checkIndex) { return nil }
            let read = traces[position].ops[checkIndex]
            return context.finding(
                description, span: delete.nameSpan,
                message: "lock `\(key.display)` is released by `GET` (line \(RaceFacts.line(context, read))) + compare + `\(delete.command)` (line \(RaceFacts.line(context, delete))) from the client: the lock can expire and be taken by another process in between",
                hint: "compare and delete in one Lua script (`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)",
                related: [context.related(read.nameSpan, "the ownership check runs in a separate round trip")],
                key: key)
        }
        // A bare DEL is a release only when this file takes the lock: keys merely named like locks are also
        // deleted by admin and cleanup code (`delete_by_digest`, a hash of holders emptied).
        guard locks.acquired(key) else { return nil }
        // A lock that never expires cannot pass to another process while its holder works (RL302 reports the missing
        // TTL): only its holder deletes it (huey's SETNX result lock).
        guard RaceFacts.isLeased(key, context) else { return nil }
        return context.finding(
            description, span: delete.nameSpan,
            message: "lock `\(key.display)` is released by `\(delete.command)` without checking who holds it: after its TTL runs out this deletes another process's lock",
            hint: "store a unique token when acquiring and release with a compare-and-delete Lua script (`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)",
            key: key)
    }
}
