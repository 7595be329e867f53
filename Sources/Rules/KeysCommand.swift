import RedisLint

/// RL101: `KEYS pattern` from application code or a Lua script.
public struct KeysCommand: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL101",
        name: "keys-command",
        severity: .warning,
        summary: "KEYS scans the whole keyspace and blocks Redis while it runs",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Calls of the Redis `KEYS` command from application code (redis-rb, redis-py, ioredis, node-redis, \
            RediStack…) or from a Lua script. Inside a request handler or a loop the finding is an error. \
            Tests, benchmarks, examples and tool scripts are skipped: they clean private databases, where a \
            blocking scan harms no one.
            """,
        whyItIsAProblem: """
            `KEYS` walks every key in the database in one go. Redis is single-threaded, so while it runs no other \
            client is served: on a production keyspace of millions of keys that is a stall of seconds, timeouts \
            everywhere, and failovers triggered by missed health checks. The Redis documentation warns against \
            using it in application code; the slow log of an outage often shows exactly this call.
            """,
        useInstead: """
            Iterate with `SCAN` and a `MATCH` pattern, which returns a few keys per call and never blocks for long: \
            `scan_each(match:)` in redis-rb, `scan_iter(match=)` in redis-py, `scanStream({ match })` in ioredis, \
            `scanIterator({ MATCH })` in node-redis, `scan(startingFrom:matching:)` in RediStack. Better still, \
            keep an index of the keys you need in a set and read that.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                stale = redis.↓keys("session:*")
                """),
            .clean(.ruby, """
                redis = Redis.new
                redis.scan_each(match: "session:*") { |key| puts key }
                totals = { "a" => 1 }
                totals.keys.each { |k| puts k }
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                for key in r.↓keys("user:*"):
                    print(key)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                for key in r.scan_iter(match="user:*"):
                    print(key)
                settings = {"a": 1}
                names = list(settings.keys())
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const keys = await redis.↓keys("cart:*");
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const stream = redis.scanStream({ match: "cart:*" });
                const fields = Object.keys({ a: 1 });
                const ids = new Map([[1, 2]]).keys();
                """),
            .triggering(.swift, """
                import RediStack
                func purge(connection: RedisConnection) async throws {
                    let keys = try await connection.send(command: ↓"KEYS", with: [.init(from: "cache:*")]).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func purge(connection: RedisConnection) async throws {
                    let (cursor, keys) = try await connection.scan(startingFrom: 0, matching: "cache:*").get()
                    let names = ["a": 1].keys
                }
                """),
            .triggering(.lua, """
                local keys = ↓redis.call('KEYS', ARGV[1])
                for _, k in ipairs(keys) do redis.call('DEL', k) end
                """),
            .clean(.lua, """
                local cursor = '0'
                repeat
                  local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1])
                  cursor = reply[1]
                until cursor == '0'
                local keys = {}
                """),
        ],
        tags: ["performance"],
        reads: [.traces, .scripts]
    )

    static let keysID = CommandSet(["KEYS"])

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and scripts are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        // By command number first: most ops are not KEYS, and their numbers are read without touching them.
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            for opIndex in traces[position].ops.indices where Self.keysID.contains(commandIDs.id(trace: position, op: opIndex), traces[position].ops[opIndex].command) && traces[position].ops[opIndex].confidence >= .medium {
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                let hot = traces[position].kind == .requestHandler || op.loopDepth > 0
                // A helper's KEYS is reported in the helper; its call site only when the call is hot.
                if op.viaHelper != nil && !hot { continue }
                let pattern = op.arguments.first.map(Self.describe) ?? op.keys.first?.display ?? "…"
                var place = traces[position].kind == .requestHandler ? " inside request handler `\(traces[position].name)`" : op.loopDepth > 0 ? " inside a loop" : ""
                if let helper = op.viaHelper { place += " (through `\(helper)`)" }
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`KEYS \(pattern)`\(place) scans the whole keyspace and blocks Redis while it runs",
                    severity: hot ? .error : nil,
                    hint: "iterate with SCAN and MATCH instead (\(Self.scanAdvice(context.file.source.language)))"))
            }
        }
        context.forEachScript { script in
            for call in script.script.redisCalls where call.command == "KEYS" {
                findings.append(context.finding(
                    description, span: script.hostRange(call.span),
                    message: "`KEYS` in a Lua script scans the whole keyspace and blocks Redis for the whole script",
                    hint: "pass the keys the script needs in KEYS, or keep them in a set and read it with SMEMBERS/SSCAN"))
            }
        }
        return findings
    }

    static func describe(_ argument: ArgumentValue) -> String {
        switch argument {
        case .literal(let bytes): return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        case .number(let text), .dynamic(let text): return text
        }
    }

    static func scanAdvice(_ language: Language) -> String {
        switch language {
        case .ruby: return "`scan_each(match:)`"
        case .python: return "`scan_iter(match=...)`"
        case .javascript: return "`scanStream({ match })` in ioredis, `scanIterator({ MATCH })` in node-redis"
        case .swift: return "`scan(startingFrom:matching:)`"
        case .lua: return "SCAN"
        }
    }
}
