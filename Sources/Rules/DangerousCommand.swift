import RedisLint

/// RL102: server-administration commands (FLUSHALL/FLUSHDB without ASYNC, DEBUG, MONITOR, CONFIG SET,
/// SHUTDOWN) sent from application code or a Lua script.
public struct DangerousCommand: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL102",
        name: "dangerous-command",
        severity: .warning,
        summary: "FLUSHALL, FLUSHDB, DEBUG, MONITOR, CONFIG SET or SHUTDOWN sent from application code",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Application code or a Lua script that sends `FLUSHALL` or `FLUSHDB` without `ASYNC`, `DEBUG`, \
            `MONITOR`, `CONFIG SET` or `SHUTDOWN`. Test and benchmark files (paths with a `test`, `tests`, `spec`, \
            `__tests__` or `benchmark` folder, or names such as `test_*.py`, `*_spec.rb`, `*.test.ts`) are skipped: \
            resetting a private test database is what they are for.
            """,
        whyItIsAProblem: """
            These are operator commands. A synchronous `FLUSHALL`/`FLUSHDB` frees every key on the main thread \
            and blocks the server for seconds on a large dataset (and deletes everything, including other \
            applications' data on a shared instance); `DEBUG` can crash or freeze the server; `MONITOR` streams \
            every command to the client and roughly halves throughput; `CONFIG SET` changes the server for every \
            client and is lost or fought over on restart; `SHUTDOWN` stops it. Managed Redis services disable \
            most of them, so code that depends on them also breaks on deployment.
            """,
        useInstead: """
            Delete the keys your application owns (`SCAN` + `UNLINK`, or a versioned key prefix), and if a flush \
            is really needed use `FLUSHDB ASYNC` so the memory is freed in the background. Keep configuration in \
            `redis.conf` or your provider's settings, and monitoring in `SLOWLOG`/`INFO` scraped by an exporter.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def reset_cache!
                  redis.↓flushdb
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def reset_cache!
                  redis.flushdb(async: true)
                  redis.scan_each(match: "cache:*") { |key| redis.unlink(key) }
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def tune():
                    r.↓config_set("maxmemory-policy", "allkeys-lru")
                    r.↓flushall()
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def tune():
                    policy = r.config_get("maxmemory-policy")
                    r.flushall(asynchronous=True)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.↓flushall();
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.flushall("ASYNC");
                await redis.unlink("cache:home");
                """),
            .triggering(.swift, """
                import RediStack
                func wipe(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: ↓"FLUSHDB").get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func wipe(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "FLUSHDB", with: [.init(from: "ASYNC")]).get()
                }
                """),
            .triggering(.lua, """
                ↓redis.call('FLUSHDB')
                return 1
                """),
            .clean(.lua, """
                redis.call('UNLINK', KEYS[1])
                return 1
                """),
        ],
        tags: ["operations"],
        reads: [.traces, .scripts]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and scripts are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        // By command number: most ops are none of these, and their numbers are read without touching them.
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            commandIDs.forEachReportedOp(traces, position, fileTrace: position, sending: Self.administrativeIDs) { opIndex in
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                let arguments = op.arguments.compactMap(Self.literalWord)
                guard let why = Self.danger(op.command, subcommand: op.subcommand ?? arguments.first,
                                            async: RaceFacts.hasOption(op, "ASYNC") || arguments.contains("ASYNC")) else { return }
                findings.append(context.finding(description, span: op.nameSpan,
                                                message: "`\(Self.name(op.command, op.subcommand ?? arguments.first))` from application code: \(why)",
                                                hint: Self.hint(op.command)))
            }
        }
        context.forEachScript { script in
            for call in script.script.redisCalls {
                guard let command = call.command else { continue }
                var words: [String] = []
                for argument in call.arguments { if case .string(let text) = argument.value { words.append(text.uppercased()) } else { break } }
                guard let why = Self.danger(command, subcommand: words.first, async: words.contains("ASYNC")) else { continue }
                findings.append(context.finding(description, span: script.hostRange(call.span),
                                                message: "`\(Self.name(command, words.first))` in a Lua script: \(why)",
                                                hint: Self.hint(command)))
            }
        }
        return findings
    }

    static func name(_ command: String, _ subcommand: String?) -> String {
        command == "CONFIG" ? "CONFIG " + (subcommand ?? "SET") : command
    }

    /// The commands `danger` can object to.
    static let administrative: Set<String> = ["FLUSHALL", "FLUSHDB", "DEBUG", "MONITOR", "SHUTDOWN", "CONFIG"]
    /// `administrative` by command number, asked first so that other ops skip decoding their arguments.
    static let administrativeIDs = CommandSet(administrative)

    /// Why the command is dangerous, or nil when it is not one of the family.
    static func danger(_ command: String, subcommand: String?, async: Bool) -> String? {
        switch command {
        case "FLUSHALL", "FLUSHDB":
            return async ? nil : "deletes every key\(command == "FLUSHALL" ? " of every database" : " of the database") and blocks Redis until it is done"
        case "DEBUG": return "a debugging command that can block or crash the server"
        case "MONITOR": return "streams every command the server runs and cuts its throughput"
        case "SHUTDOWN": return "stops the Redis server for every client"
        case "CONFIG":
            return subcommand?.uppercased() == "SET" ? "changes server configuration for every client at run time" : nil
        default: return nil
        }
    }

    static func hint(_ command: String) -> String {
        switch command {
        case "FLUSHALL", "FLUSHDB": return "delete only your own keys (SCAN + UNLINK, or a versioned prefix), or use `\(command) ASYNC`"
        case "CONFIG": return "set configuration in redis.conf or the provider's settings"
        case "MONITOR": return "use SLOWLOG and INFO for observability"
        default: return "leave server administration to operators, not application code"
        }
    }

    static func literalWord(_ argument: ArgumentValue) -> String? {
        if case .literal(let bytes) = argument { return String(decoding: bytes, as: UTF8.self).uppercased() }
        return nil
    }
}
