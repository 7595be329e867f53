import RedisLint

/// RL501: a plain SET on a key the same file gives a TTL elsewhere: the SET silently removes it.
public struct SetClearsTTL: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL501",
        name: "set-clears-ttl",
        severity: .warning,
        summary: "A plain SET removes the TTL the same code gives this key elsewhere",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `SET` without `EX`/`PX`/`EXAT`/`PXAT`/`KEEPTTL` (and without `NX`) on a key that the same file \
            gives a TTL somewhere else (`SET … EX`, `SETEX`, `EXPIRE`, `GETEX … EX`), when no `EXPIRE` of the \
            key follows the `SET` in the same function. Keys are compared by shape: `session:#{sid}` and \
            `session:#{id}` are the same family.
            """,
        whyItIsAProblem: """
            `SET` discards the key's time to live. Code that creates a session or a cache entry with a TTL and \
            later updates it with a plain `SET` makes it permanent: sessions that never expire, caches that \
            serve stale data for ever, and memory that only grows until eviction starts dropping keys that \
            matter. The bug is silent: every read still works.
            """,
        useInstead: """
            Pass `KEEPTTL` (Redis 6.0+: `keepttl: true`, `keepttl=True`, `{ KEEPTTL: true }`, `"KEEPTTL"`) to \
            keep the remaining TTL, or an explicit `EX`/`PX` to start a new one.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def login(sid, data)
                  redis.set("session:#{sid}", data, ex: 3600)
                end
                def update(sid, data)
                  redis.↓set("session:#{sid}", data)
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def login(sid, data)
                  redis.set("session:#{sid}", data, ex: 3600)
                end
                def update(sid, data)
                  redis.set("session:#{sid}", data, keepttl: true)
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def cache_user(user):
                    r.setex(f"user:{user.id}", 3600, user.json())
                def rename(user, name):
                    r.↓set(f"user:{user.id}", user.with_name(name).json())
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def cache_user(user):
                    r.setex(f"user:{user.id}", 3600, user.json())
                def rename(user, name):
                    r.set(f"user:{user.id}", user.with_name(name).json(), keepttl=True)
                def touch(user):
                    r.set(f"user:{user.id}", user.json())
                    r.expire(f"user:{user.id}", 3600)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function start(id: string, cart: string) {
                  await redis.set(`cart:${id}`, cart, "EX", 86400);
                }
                export async function save(id: string, cart: string) {
                  await redis.↓set(`cart:${id}`, cart);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function start(id: string, cart: string) {
                  await redis.set(`cart:${id}`, cart, "EX", 86400);
                }
                export async function save(id: string, cart: string) {
                  await redis.set(`cart:${id}`, cart, "KEEPTTL");
                }
                """),
            .triggering(.swift, """
                import RediStack
                func store(_ token: String, connection: RedisConnection) async throws {
                    _ = try await connection.setex(RedisKey("token:\\(token)"), to: "1", expirationInSeconds: 600).get()
                    _ = try await connection.↓set(RedisKey("token:\\(token)"), to: "2").get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func store(_ token: String, connection: RedisConnection) async throws {
                    _ = try await connection.set(RedisKey("token:\\(token)"), to: "2").get()
                    _ = try await connection.expire(RedisKey("token:\\(token)"), after: .minutes(10)).get()
                }
                """),
        ],
        tags: ["lifecycle", "ttl"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        let traces = context.file.traces
        let commandIDs = FileCommandIDs.of(context)
        // A finding needs a SET that gives no TTL itself: looked for first, before the TTL ops' shapes and
        // their table are made (in many files every SET gives its TTL, `SET k v EX 60`).
        guard Self.hasCandidateSet(traces, commandIDs) else { return [] }
        let ttlOps = Self.ttlOps(traces, commandIDs)
        // TTLs given in this file, with where, for the related location.
        let ttlOpCount = ttlOps.reduce(0) { $0 + $1.count }
        guard ttlOpCount > 0 else { return [] }  // no TTL given here (most files): nothing to look up
        var ttlPlaces: [String: Range<Int>] = [:]
        // Room for every TTL op's shape at once: grown from empty, the table was rebuilt at each doubling.
        ttlPlaces.reserveCapacity(ttlOpCount)
        // The first place of each shape: the TTL ops stored last to first, each over the one after it, so that
        // each shape is hashed once (asking whether it was there, then adding it, hashed it twice). The traces
        // are read in place (`zip` and `enumerated()` copied each one).
        // (Counted down by hand: `reversed()` asked the run time for its collection's type at every loop.)
        var position = traces.count
        while position > 0 {
            position -= 1
            var entry = ttlOps[position].count
            while entry > 0 {
                entry -= 1
                if let shape = ttlOps[position][entry].shape { ttlPlaces[shape] = traces[position].ops[ttlOps[position][entry].index].nameSpan }
            }
        }
        guard !ttlPlaces.isEmpty else { return [] }
        var findings: [Finding] = []
        for position in traces.indices {
            for index in traces[position].ops.indices where Self.mayClearTTL(traces, position, index, id: commandIDs.id(trace: position, op: index)) {
                let op = traces[position].ops[index]  // bound only when wanted: `for op in trace.ops` copied every op
                // Whether it gives a TTL, from the trace's TTL ops already found: an op of a kept (uncompacted)
                // file works the answer out again at each ask.
                guard !Self.isTTLOp(ttlOps[position], index), !RaceFacts.hasOption(op, "NX"), let key = op.keys.first,
                      let shape = TTLFacts.shape(key), let ttlSpan = ttlPlaces[shape] else { continue }
                // `SET` then `EXPIRE` of the same key in the same function re-arms the TTL.
                if Self.rearmed(ttlOps[position], after: index, shape: shape) { continue }
                let line = context.line(of: ttlSpan.lowerBound)
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`SET \(key.display)` without a TTL option removes the TTL this key is given on line \(line); the key becomes permanent",
                    hint: "pass KEEPTTL to keep the remaining TTL, or EX/PX to start a new one",
                    related: [context.related(ttlSpan, "the TTL that this SET discards")],
                    key: key))
            }
        }
        return findings
    }

    /// Op `index` of `trace` is a SET this rule reads (command number `id`): from a real client, in host code,
    /// written here (not through a helper).
    /// (The trace is `traces[position]`, read in place: passed by itself, it was copied for the call.)
    static func mayClearTTL(_ traces: [Trace], _ position: Int, _ index: Int, id: Int32) -> Bool {
        CommandSet.set.contains(id, traces[position].ops[index].command) && traces[position].ops[index].confidence >= .medium
            && traces[position].ops[index].context != .lua && traces[position].ops[index].viaHelper == nil
    }

    /// Some SET the rule reads gives no TTL (`setsTTL`), has no NX and has a key: without one, no SET of the
    /// file can be reported.
    static func hasCandidateSet(_ traces: [Trace], _ ids: FileCommandIDs) -> Bool {
        for position in traces.indices {
            for index in traces[position].ops.indices {
                let id = ids.id(trace: position, op: index)
                if mayClearTTL(traces, position, index, id: id), !TTLFacts.setsTTL(traces[position].ops[index], id: id),
                   !RaceFacts.contains(traces[position].ops[index].options, "NX"), !traces[position].ops[index].keys.isEmpty { return true }
            }
        }
        return false
    }

    /// An op that gives its key a TTL (`TTLFacts.setsTTL`): where it is in its trace, and its first key's
    /// shape (nil without a key or for a key that is one hole).
    struct TTLOp: Equatable {
        var index: Int
        var shape: String?
    }

    /// Each trace's TTL ops in order, found in one pass: asking every later op of the trace for every
    /// `SET` was quadratic in a trace's ops.
    static func ttlOps(_ traces: [Trace], _ ids: FileCommandIDs) -> [[TTLOp]] {
        traces.indices.map { position in
            traces[position].ops.indices.compactMap { index in
                // By command number first: the op is read only when its command may give a TTL.
                guard TTLFacts.setsTTL(traces[position].ops[index], id: ids.id(trace: position, op: index)) else { return nil }
                return TTLOp(index: index, shape: traces[position].ops[index].keys.first.flatMap(TTLFacts.shape))
            }
        }
    }

    /// Op `index` is one of `ttlOps` (in index order).
    static func isTTLOp(_ ttlOps: [TTLOp], _ index: Int) -> Bool {
        let at = ttlOps.partitionPoint(where: { $0.index >= index })
        return at < ttlOps.count && ttlOps[at].index == index
    }

    /// Some TTL op after op `index` gives a key of `shape` a TTL.
    static func rearmed(_ ttlOps: [TTLOp], after index: Int, shape: String) -> Bool {
        ttlOps.contains { $0.index > index && $0.shape == shape }
    }
}
