import RedisLint

/// RL301: a lock taken with a constant value, so no holder can tell its lock from another's.
public struct UntokenedLock: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL301",
        name: "untokened-lock",
        severity: .warning,
        summary: "A lock is taken with a constant value instead of a unique owner token",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `SET key value NX`, `SETNX` or `GETSET` of a lock key with a constant value (`1`, `true`, `"yes"`, \
            `"locked"`) that some code of the project releases with `DEL`/`UNLINK`. A key is a lock when its name \
            says so (`lock`, `mutex`, `semaphore`, `leader`, `lease`…) or when the file takes it with NX (or with \
            `GETSET`/`SET … GET` whose reply a condition tests) and later deletes it. A lock left to expire (a once-per-period gate) is not reported: no holder releases \
            another's. Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            With a constant value every holder looks the same. When a holder is slower than the lock's TTL, the \
            lock expires, a second process takes it, and the first one's `DEL` then releases the second one's \
            lock: now three processes can be inside the critical section. No release code can be made safe \
            without knowing who owns the lock.
            """,
        useInstead: """
            Store a unique token per acquisition (`SecureRandom.uuid`, `uuid.uuid4().hex`, `crypto.randomUUID()`, \
            `UUID().uuidString`): `SET lock:name <token> NX PX 30000`, and release with the compare-and-delete \
            script `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`. \
            Or use a maintained lock: redis-py `Lock`, `redlock-rb`, `redlock` for Node.
            """,
        examples: [
            .triggering(.ruby, """
                class Report
                  def perform(id)
                    Sidekiq.redis do |conn|
                      if conn.↓set("lock:report:#{id}", 1, nx: true, ex: 60)
                        build(id)
                        conn.del("lock:report:#{id}")
                      end
                    end
                  end
                end
                """),
            .triggering(.ruby, """
                def lock_operation(key)
                  Sidekiq.redis do |conn|
                    unless conn.↓getset(key, "yes")
                      yield
                      conn.del(key)
                    end
                  end
                end
                """),
            .clean(.ruby, """
                class Report
                  def perform(id)
                    token = SecureRandom.uuid
                    Sidekiq.redis do |conn|
                      build(id) if conn.set("lock:report:#{id}", token, nx: true, ex: 60)
                    end
                  end
                end
                class RedisLock
                  def self.acquire(name, seconds = 55)
                    !!Sidekiq.redis { _1.set("lock:#{name}", "locked", nx: true, ex: seconds) }
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def acquire(name):
                    return r.↓set(f"lock:{name}", "locked", nx=True, ex=30)
                def release(name):
                    r.delete(f"lock:{name}")
                """),
            .clean(.python, """
                import redis
                import uuid
                r = redis.Redis()
                def acquire(name):
                    token = uuid.uuid4().hex
                    return token if r.set(f"lock:{name}", token, nx=True, ex=30) else None
                def remember(request_id):
                    return r.set(f"idempotency:{request_id}", "1", nx=True, ex=86400)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function acquire(name: string) {
                  return redis.↓set(`mutex:${name}`, "1", "PX", 30000, "NX");
                }
                async function release(name: string) {
                  await redis.del(`mutex:${name}`);
                }
                """),
            .clean(.javascript, """
                import { createClient } from "redis";
                const client = createClient();
                async function reset() {
                  await client.del("greeting");
                  // SET … GET swaps the value and returns the old one, which nothing tests: a write, not a lock.
                  console.log(await client.set("greeting", "hello", { GET: true }));
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                import { randomUUID } from "crypto";
                const redis = new Redis();
                async function acquire(name: string) {
                  const token = randomUUID();
                  return (await redis.set(`mutex:${name}`, token, "PX", 30000, "NX")) ? token : null;
                }
                """),
            .triggering(.swift, """
                import RediStack
                func acquire(connection: RedisConnection, name: String) async throws -> Bool {
                    try await connection.↓set(RedisKey("lock:\\(name)"), to: "locked", onCondition: .keyDoesNotExist, expiration: .seconds(30)).get() == .ok
                }
                func release(connection: RedisConnection, name: String) async throws {
                    _ = try await connection.delete(RedisKey("lock:\\(name)")).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func acquire(connection: RedisConnection, name: String, token: String) async throws -> Bool {
                    try await connection.set(RedisKey("lock:\\(name)"), to: token, onCondition: .keyDoesNotExist, expiration: .seconds(30)).get() == .ok
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
        let traces = RaceFacts.traces(context)
        lazy var locks = RaceFacts.lockPairs(context)
        // By command number first: `isAcquire` compares the op's name with three others, for every op.
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        // The file's usable deletes, collected only when the file takes a lock (most files do not), by command
        // number and read in place (filtering each trace's ops hashed every op's name and copied every op).
        lazy var deletes: [RedisOp] = {
            var found: [RedisOp] = []
            for position in traces.indices {
                for index in traces[position].ops.indices where RaceFacts.deleteIDs.contains(commandIDs.id(trace: fileTraces[position], op: index), traces[position].ops[index].command)
                    && RaceFacts.usable(traces[position].ops[index]) {
                    found.append(traces[position].ops[index])
                }
            }
            return found
        }()
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            commandIDs.forEachReportedOp(traces, position, fileTrace: fileTraces[position], sending: RaceFacts.acquireIDs) { opIndex in
                guard RaceFacts.isAcquire(traces[position].ops[opIndex]) else { return }
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard let key = op.keys.first, let value = RaceFacts.constantValue(op), locks.isLockKey(key) else { return }
                let releases = deletes.filter { $0.keys.contains { RaceFacts.sameShape($0, key) } }
                // Released by expiry only (a once-per-period gate, feedbin's `RedisLock.acquire`): no holder can
                // release another's lock, so the value does not matter. A release elsewhere in the project counts.
                if releases.isEmpty && !RaceFacts.deletes.contains(where: { command in
                    context.project.containsOp(command) { $0.keys.contains { RaceFacts.sameShape($0, key) } }
                }) { return }
                let how = op.command == "SET" ? "SET … NX" : op.command
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "lock `\(key.display)` is taken with the constant value \(value) (\(how)): no holder can tell its lock from another's, so any of them can release it",
                    hint: "store a unique token (\(tokenAdvice(context.file.source.language))) and release with a compare-and-delete Lua script",
                    related: releases.prefix(3).map { context.related($0.nameSpan, "`\(RaceFacts.label($0))` releases whoever holds the lock") },
                    key: key))
            }
        }
        return findings
    }

    func tokenAdvice(_ language: Language) -> String {
        switch language {
        case .ruby: return "`SecureRandom.uuid`"
        case .python: return "`uuid.uuid4().hex`"
        case .javascript: return "`crypto.randomUUID()`"
        case .swift: return "`UUID().uuidString`"
        case .lua: return "a token passed in ARGV"
        }
    }
}
