import RedisLint

/// RL106 (note): `DEL` of a hash, set, sorted set, list or stream that the code grows, where `UNLINK` frees it
/// in the background.
public struct DelGrowingCollection: Rule {
    public init() {}

    /// Commands that add to a collection, and what they build.
    static let fills: [String: String] = [
        "HSET": "hash", "HMSET": "hash", "HSETNX": "hash", "SADD": "set", "ZADD": "sorted set",
        "RPUSH": "list", "LPUSH": "list", "XADD": "stream",
    ]
    /// Key words that say the collection grows with use.
    static let growingWords: Set<String> = [
        "queue", "queues", "set", "list", "index", "log", "logs", "feed", "feeds", "timeline", "history", "events",
        "stream", "followers", "following", "members", "jobs", "backlog", "inbox", "outbox", "pending", "seen",
        "visited", "leaderboard", "ranking", "rankings", "scores", "items", "entries", "messages", "archive",
        "tasks", "dead", "failed", "retry", "retries", "scheduled", "delayed", "processed", "errors",
    ]

    public let description = RuleDescription(
        id: "RL106",
        name: "del-growing-collection",
        severity: .note,
        summary: "DEL frees a growing hash, set, list or stream synchronously where UNLINK frees it in the background",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `DEL` of a key that the project fills as a collection (`HSET`, `SADD`, `ZADD`, `RPUSH`/`LPUSH`, \
            `XADD`) with evidence that the collection grows: the adds run in a loop, add several members at once \
            (a splat or more than one member), append to a stream without `MAXLEN`/`MINID`, or the key is named \
            like a growing collection (`queue`, `set`, `list`, `index`, `log`, `feed`, `history`, `jobs`…). Small \
            fixed hashes (a user record written with one `HSET`) are not reported, nor collections trimmed after \
            each add (`LPUSH` then `LTRIM`, `ZADD` then `ZREMRANGEBYRANK`, `XTRIM`). Only when the minimum Redis \
            version (`min-redis-version`) has `UNLINK` (4.0). Test files are skipped. A note.
            """,
        whyItIsAProblem: """
            `DEL` frees the value before it replies, on Redis's only command thread: deleting a collection of \
            millions of members takes hundreds of milliseconds to seconds, during which every other client \
            waits — a latency spike that shows up in the slow log as a "simple" `DEL`. `UNLINK` removes the key \
            from the keyspace at once (O(1) for the caller) and frees the memory in a background thread. \
            (Servers with `lazyfree-lazy-user-del yes`, Redis 6.0+, already treat `DEL` like `UNLINK`; the \
            default is `no`.)
            """,
        useInstead: """
            `UNLINK key` — `unlink` in redis-rb, redis-py, ioredis and node-redis (a mechanical fix is offered), \
            `send(command: "UNLINK", with: [...])` in RediStack. Same reply, same semantics for the caller.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def track(ids)
                  ids.each { |id| redis.sadd("online", id) }
                end
                def reset
                  redis.↓del("online")
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def track(ids)
                  ids.each { |id| redis.sadd("online", id) }
                end
                def reset
                  redis.unlink("online")
                end
                def save(user)
                  redis.hset("user:#{user.id}", "name", user.name)
                end
                def forget(user)
                  redis.del("user:#{user.id}")
                end
                def remember(jid)
                  redis.lpush("jobs:history", jid)
                  redis.ltrim("jobs:history", 0, 9)
                end
                def clear_history
                  redis.del("jobs:history")
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def enqueue(job):
                    r.rpush("jobs:pending", job)
                def purge():
                    r.↓delete("jobs:pending")
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def enqueue(job):
                    r.rpush("jobs:pending", job)
                def purge():
                    r.unlink("jobs:pending")
                def remember(uid, name):
                    r.hset(f"user:{uid}", "name", name)
                def forget(uid):
                    r.delete(f"user:{uid}")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function log(event: string) {
                  await redis.xadd("audit", "*", "event", event);
                }
                export async function wipe() {
                  await redis.↓del("audit");
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function log(event: string) {
                  await redis.xadd("audit", "MAXLEN", "~", 1000, "*", "event", event);
                }
                export async function wipe() {
                  await redis.del("audit");
                }
                """),
            .triggering(.swift, """
                import RediStack
                func follow(_ ids: [String], connection: RedisConnection) async throws {
                    for id in ids {
                        _ = try await connection.sadd(id, to: "followers").get()
                    }
                }
                func reset(connection: RedisConnection) async throws {
                    _ = try await connection.↓delete("followers").get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func follow(_ ids: [String], connection: RedisConnection) async throws {
                    for id in ids {
                        _ = try await connection.sadd(id, to: "followers").get()
                    }
                }
                func reset(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "UNLINK", with: [.init(from: "followers")]).get()
                }
                """),
        ],
        tags: ["performance"],
        reads: .traces
    )

    /// One add that shows the collection grows.
    struct Growth {
        var op: RedisOp
        var path: String
        var file: FileModel
        var why: String
    }

    static let delID = CommandSet(["DEL"])
    /// The first Redis version with UNLINK, from the command table: read once (parsing the version text for
    /// every file cost ~5,000 instructions).
    static let unlinkSince = CommandTable.command(named: "UNLINK")?.since.flatMap(RedisVersion.init) ?? RedisVersion(4, 0)

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        guard Self.unlinkSince <= context.settings.minimumRedisVersion else { return [] }
        var findings: [Finding] = []
        var adds: FillIndex?
        // By command number first: most ops are no DEL, and their numbers are read without touching them.
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for traceIndex in raceTraces.indices {
            commandIDs.forEachReportedOp(raceTraces, traceIndex, fileTrace: fileTraces[traceIndex], sending: Self.delID) { opIndex in
                let op = raceTraces[traceIndex].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                if adds == nil { adds = FillIndex(context) }
                guard let (key, growth) = op.keys.lazy.compactMap({ key in adds!.growth(of: key, deletedIn: traceIndex).map { (key, $0) } }).first,
                      !RaceFacts.lockNamed(key) else { return }
                let kind = Self.fills[growth.op.command] ?? "collection"
                let sameFile = growth.path == context.file.source.path
                let whereFilled = sameFile ? "line \(context.line(of: growth.op.nameSpan.lowerBound))" : growth.path
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`DEL \(key.display)` frees the \(kind) that `\(growth.op.command) \(key.display)` (\(whereFilled)) grows (\(growth.why)) on Redis's command thread: a big \(kind) blocks every client while it is freed",
                    hint: "use UNLINK: same reply, the memory is freed in the background",
                    related: sameFile ? [context.related(growth.op.nameSpan, "`\(growth.op.command) \(key.display)` grows the \(kind) (\(growth.why))")] : [],
                    fix: Self.fix(op, context), key: key))
            }
        }
        return findings
    }

    /// Every growing add of the project with a key that has literal text, by key and by key shape, in
    /// project order: built once for the project (`ProjectModel.derived`).
    struct ProjectFills: Sendable {
        var exact: [KeyExpr: [Growth]] = [:]
        var shapes: [String: [Growth]] = [:]

        init(_ project: ProjectModel) {
            // Whether each file is test code, worked out at its first add (0 not yet, 1 test code, 2 not): asked
            // per add, a file's path was read again for each of its adds (2,347 on the 12 repositories).
            var isTest = [UInt8](repeating: 0, count: project.files.count)
            var lastTrims = LastTrims()
            for command in fills.keys.sorted() {
                for location in project.index.host[command] ?? [] {
                    // The op and path read in place, the file copied only for an add kept: binding the file copied
                    // its model for every add (each of its fields retained, then released).
                    let op = project.files[location.file].traces[location.trace].ops[location.op]
                    guard RaceFacts.usable(op), let key = op.keys.first, !(key.parts.count == 1 && key.shape == nil) else { continue }
                    if isTest[location.file] == 0 { isTest[location.file] = TestPaths.contains(project.files[location.file].source.path) ? 1 : 2 }
                    guard isTest[location.file] == 2, let why = evidence(op, key),
                          !lastTrims.isTrimmed(key, after: location.op, trace: location.file << 32 | location.trace,
                                           ops: project.files[location.file].traces[location.trace].ops) else { continue }
                    let file = project.files[location.file]
                    let growth = Growth(op: op, path: file.source.path, file: file, why: why)
                    exact[key, default: []].append(growth)
                    if let shape = key.shape { shapes[shape, default: []].append(growth) }
                }
            }
        }
    }

    /// The adds that show growth for one file's DELs (a DEL then asks in O(1) instead of walking every add).
    struct FillIndex {
        let path: String
        /// Adds of this file keyed by a key that is only a variable, with the index of their trace.
        var variables: [KeyExpr: [(trace: Int, growth: Growth)]] = [:]
        let project: ProjectFills

        init(_ context: RuleContext) {
            path = context.file.source.path
            let raceTraces = RaceFacts.traces(context)
            var lastTrims = LastTrims()
            // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
            // it (its lists retained and released).
            for traceIndex in raceTraces.indices {
                for opIndex in raceTraces[traceIndex].ops.indices where fills[raceTraces[traceIndex].ops[opIndex].command] != nil && RaceFacts.usable(raceTraces[traceIndex].ops[opIndex]) {
                    let op = raceTraces[traceIndex].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                    guard let key = op.keys.first, key.parts.count == 1, case .hole = key.parts[0], let why = evidence(op, key),
                          !lastTrims.isTrimmed(key, after: opIndex, trace: traceIndex, ops: raceTraces[traceIndex].ops) else { continue }
                    variables[key, default: []].append((traceIndex, Growth(op: op, path: path, file: context.file, why: why)))
                }
            }
            project = context.project.derived("RL106.projectFills") { ProjectFills(context.project) }
        }

        /// The first growing add: of this file when there is one (the reader can see it).
        func preferred(_ growths: [Growth]?) -> Growth? {
            guard let growths else { return nil }
            return growths.first { $0.path == path } ?? growths.first
        }

        /// An add that grows `key`. A key that is only a variable matches adds of the same function, or of the
        /// file when its name says which collection it is (`failed_queue_name`, `redis_key_for_queue(q)`).
        func growth(of key: KeyExpr, deletedIn traceIndex: Int) -> Growth? {
            if key.parts.count == 1, case .hole = key.parts[0] {
                let named = growingWord(key) != nil
                return variables[key]?.first { $0.trace == traceIndex || named }?.growth
            }
            let shape = key.shape
            let byKey = preferred(project.exact[key]), byShape = shape.flatMap { preferred(project.shapes[$0]) }
            if let byKey, byKey.path == path || byShape?.path != path { return byKey }
            return byShape ?? byKey
        }
    }

    /// Whether an add is followed in its trace by a trim of its key (`LPUSH history …` then `LTRIM history 0 9`,
    /// sidekiq-cron's job history): the collection is bounded, however its name sounds. Each trace's last trim of each
    /// key is found once, when the trace is first asked about: scanning the rest of the trace for every add was
    /// quadratic in a generated function of thousands of pushes.
    struct LastTrims {
        private var byTrace: [Int: [KeyExpr: Int]] = [:]

        /// `trace`: any number that names the trace among those asked about; `ops`: its ops.
        mutating func isTrimmed(_ key: KeyExpr, after index: Int, trace: Int, ops: @autoclosure () -> [RedisOp]) -> Bool {
            if byTrace[trace] == nil {
                var last: [KeyExpr: Int] = [:]
                for (position, op) in ops().enumerated() where DelGrowingCollection.trims.contains(op.command) {
                    if let trimmed = op.keys.first { last[trimmed] = position }
                }
                byTrace[trace] = last
            }
            return (byTrace[trace]?[key] ?? -1) > index
        }
    }

    static let trims: Set<String> = ["LTRIM", "ZREMRANGEBYRANK", "ZREMRANGEBYSCORE", "ZREMRANGEBYLEX", "XTRIM"]

    /// Why the add grows the collection, or nil when it looks like a fixed record.
    static func evidence(_ op: RedisOp, _ key: KeyExpr) -> String? {
        if op.loopDepth > 0 { return "in a loop" }
        switch op.command {
        case "XADD":
            if op.options.isDisjoint(with: ["MAXLEN", "MINID"]) { return "appends with no MAXLEN" }
        case "SADD", "RPUSH", "LPUSH":
            if op.arguments.isEmpty { return "a whole list of members at once" }
            if op.arguments.count >= 2 { return "several members at once" }
        case "ZADD":
            if op.arguments.isEmpty { return "a whole list of members at once" }
        default: break
        }
        if let word = growingWord(key) { return "named like a growing collection: `\(word)`" }
        return nil
    }

    /// The growing-collection word of the key's literal text, or of the variable or call that is the whole key.
    static func growingWord(_ key: KeyExpr) -> String? {
        for part in key.parts {
            switch part {
            case .literal(let bytes): if let word = growingWordList.firstWord(of: bytes) { return word }
            case .hole(let text): if key.parts.count == 1, let word = growingWordList.firstWord(of: text) { return word }
            }
        }
        return nil
    }

    private static let growingWordList = WordList(growingWords)

    /// `del` → `unlink`, `delete` → `unlink` (redis-py), `DEL` → `UNLINK` (node-redis), where the client has
    /// the method; RediStack has none.
    static func fix(_ op: RedisOp, _ context: RuleContext) -> Fix? {
        guard context.file.source.language != .swift else { return nil }
        let replacement: String
        switch op.method {
        case "del": replacement = "unlink"
        case "DEL": replacement = "UNLINK"
        case "delete" where context.file.source.language == .python: replacement = "unlink"
        default: return nil
        }
        let (start, end) = context.positions(op.nameSpan)
        guard context.file.source.bytes[op.nameSpan].elementsEqual(op.method.utf8) else { return nil }
        return Fix(description: "send UNLINK instead of DEL", replacements: [.init(start: start, end: end, text: replacement)])
    }
}
