import RedisLint

/// RL302: a lock taken without a TTL, so a crashed holder keeps it forever.
public struct LockWithoutExpiry: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL302",
        name: "lock-without-expiry",
        severity: .error,
        summary: "A lock is taken without a TTL, so a crashed holder blocks everyone forever",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `SETNX`, `SET … NX` without `EX`/`PX`/`EXAT`/`PXAT`, or `GETSET` of a lock key (named like a lock, or \
            taken with NX, or with a `GETSET` whose reply a condition tests, and later deleted in the same file) with no `EXPIRE` of the key afterwards. When an `EXPIRE` \
            follows as a separate command, RL202 reports the pair instead. An untested `SETNX` in a constructor (its \
            reply neither tested nor kept) of a key the file also takes with `SET … NX` and a TTL is an initial value. \
            Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            Release happens in the holder's own code. If that process is killed, deployed over, out of memory or \
            partitioned before its `DEL`, the key stays and every later caller waits or skips the work forever, \
            until someone deletes the key by hand.
            """,
        useInstead: """
            Take the lock and its TTL in one command: `SET lock:name <token> NX PX 30000` (redis-rb \
            `set(key, token, nx: true, px: 30_000)`, redis-py `set(key, token, nx=True, px=30000)`, ioredis \
            `set(key, token, "PX", 30000, "NX")`, RediStack `set(_:to:onCondition: .keyDoesNotExist, \
            expiration:)`), choosing a TTL longer than the work, or use a maintained lock library.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def exclusively(redis, name)
                  return unless redis.↓setnx("lock:#{name}", Process.pid)
                  yield
                ensure
                  redis.del("lock:#{name}")
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def exclusively(redis, name, token)
                  return unless redis.set("lock:#{name}", token, nx: true, px: 30_000)
                  yield
                end
                """),
            .clean(.ruby, """
                class Lock
                  def redis
                    @redis ||= Redis.new
                  end
                  def initialize(key, options = {})
                    @key = key
                    redis.setnx(@key, options[:start]) if options[:init]
                  end
                  def lock
                    return unless redis.set(@key, SecureRandom.uuid, px: 5000, nx: true)
                    yield
                  end
                  def clear
                    redis.del(@key)
                  end
                end
                """),
            .triggering(.ruby, """
                class Lock
                  def redis
                    @redis ||= Redis.new
                  end
                  def lock
                    return unless redis.set(@key, SecureRandom.uuid, px: 5000, nx: true)
                    yield
                  end
                  def lock_forever
                    return unless redis.↓setnx(@key, 1)
                    yield
                  end
                  def clear
                    redis.del(@key)
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def acquire(name, token):
                    return r.↓set(f"lock:{name}", token, nx=True)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def acquire(name, token):
                    return r.set(f"lock:{name}", token, nx=True, px=30000)
                def remember(request_id, body):
                    return r.set(f"request:{request_id}", body, nx=True)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function becomeLeader(id: string) {
                  return redis.↓setnx("leader", id);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function becomeLeader(id: string) {
                  return redis.set("leader", id, "EX", 15, "NX");
                }
                """),
            .triggering(.swift, """
                import RediStack
                func acquire(connection: RedisConnection, name: String, token: String) async throws -> Bool {
                    try await connection.↓setnx(RedisKey("lock:\\(name)"), to: token).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func acquire(connection: RedisConnection, name: String, token: String) async throws -> Bool {
                    try await connection.set(RedisKey("lock:\\(name)"), to: token, onCondition: .keyDoesNotExist, expiration: .seconds(30)).get() == .ok
                }
                """),
        ],
        tags: ["lock", "ttl"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        var findings: [Finding] = []
        lazy var locks = RaceFacts.lockPairs(context)  // shared by the lock rules; most files take no lock
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            // By command number first: `isAcquire` reads the name, in the op's shape, of every op.
            commandIDs.forEachReportedOp(raceTraces, position, fileTrace: fileTraces[position], sending: RaceFacts.acquireIDs) { index in
                guard RaceFacts.isAcquire(raceTraces[position].ops[index]) else { return }
                let op = raceTraces[position].ops[index]  // bound only when wanted: `for op in trace.ops` copied every op
                guard let key = op.keys.first, !RaceFacts.hasExpiryOption(op) else { return }
                // `SET … GET` without NX is a swap, a lock only when the file treats the key as one.
                guard locks.isLockKey(key) else { return }
                if raceTraces[position].ops[(index + 1)...].contains(where: { RaceFacts.expires.contains($0.command) && $0.keys.first == key }) { return }
                // `redis.setnx(key, start) if options[:init]` in a constructor, beside `set(key, token, nx: true, px: 5000)`:
                // a starting value written once, its reply unused, while the file takes the lock itself with a TTL
                // (redis-objects' `Lock`). (A constructor returns the object, so an untested, unkept reply there is
                // dropped; elsewhere `return r.setnx(k, v)` hands it to the caller.)
                if Self.constructorNames.contains(raceTraces[position].name), op.assignedTo == nil,
                   !RaceFacts.replyIsTested(raceTraces[position], index), RaceFacts.isLeased(key, context) { return }
                let how = op.command == "SET" ? (op.options.contains("NX") ? "SET … NX" : "SET … GET") : op.command
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "lock `\(key.display)` is taken with \(how) and no TTL: if the holder dies before releasing it, the lock is held forever",
                    hint: "take the lock and its TTL in one command: \(advice(context.file.source.language))",
                    key: key))
            }
        }
        return findings
    }

    /// Constructors' names in the host languages (Ruby, Python, JavaScript, Swift).
    static let constructorNames: Set<String> = ["initialize", "__init__", "constructor", "init"]

    func advice(_ language: Language) -> String {
        switch language {
        case .ruby: return "`set(key, token, nx: true, px: 30_000)`"
        case .python: return "`set(key, token, nx=True, px=30000)`"
        case .javascript: return "`set(key, token, \"PX\", 30000, \"NX\")` (node-redis: `{ NX: true, PX: 30000 }`)"
        case .swift: return "`set(key, to: token, onCondition: .keyDoesNotExist, expiration: .milliseconds(30000))`"
        case .lua: return "`SET key token NX PX 30000`"
        }
    }
}
