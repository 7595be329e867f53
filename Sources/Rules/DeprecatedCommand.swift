import RedisLint

/// RL801: a command the Redis command table marks deprecated, from host code or a Lua script.
public struct DeprecatedCommand: Rule {
    public init() {}

    /// Deprecated in later documentation only, and still the form two widely read articles teach: a
    /// note, so they never fail a build at the default `--fail-on`.
    static let softlyDeprecated: Set<String> = ["SETNX", "SETEX", "PSETEX"]

    public let description = RuleDescription(
        id: "RL801",
        name: "deprecated-command",
        severity: .warning,
        summary: "The command is deprecated; a replacement does the same job",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Every command the Redis command table (generated from a real server's `COMMAND DOCS`) marks \
            deprecated: `GETSET`, `HMSET`, `RPOPLPUSH`, `BRPOPLPUSH`, `ZRANGEBYSCORE` and its family, \
            `SUBSTR`, `GEORADIUS`… The message names the replacement and the version that deprecated it. A call \
            inside a function named after the command (a library's own `def zrevrange(…)`) is its API, not reported, \
            nor is one on a branch on a version in a function that also sends the replacement \
            (`if version < (6, 2): brpoplpush(…) else: blmove(…)`). \
            `SETNX`, `SETEX` and `PSETEX` are reported as notes: their deprecation is documentation-only and \
            they still work everywhere. A command whose replacement is newer than the project's minimum \
            Redis version (default 7.0) is not reported: the project has to keep it; when the replacement is newer than \
            5.0, the hint says which version it needs and how to declare older servers (`min-redis-version`). `QUIT` and other connection \
            commands are left to the client library (`quit()` is how clients close). In `.lua` files, `GETSET`, `SETEX` \
            and `PSETEX` come with a fix (`SET … GET`, `SET … EX`, `SET … PX`: same replies).
            """,
        whyItIsAProblem: """
            Deprecated commands are kept for compatibility but no longer get new options (`GETSET` has no \
            `EX`, `RPOPLPUSH` no direction), hosted Redis offerings and proxies are free to drop them, and \
            code that mixes old and new forms is harder to review. Their replacements are strictly more \
            capable: `SET key value GET EX 60` does what `GETSET` + `EXPIRE` did in two round trips.
            """,
        useInstead: """
            The replacement the message names: `SET … GET` for `GETSET`, `HSET` (variadic since 4.0) for \
            `HMSET`, `LMOVE`/`BLMOVE` for `RPOPLPUSH`/`BRPOPLPUSH`, `ZRANGE … BYSCORE`/`BYLEX`/`REV` for \
            the `ZRANGEBYSCORE` family, `GETRANGE` for `SUBSTR`, `GEOSEARCH` for `GEORADIUS`, `SET … NX` / \
            `SET … EX` for `SETNX` / `SETEX`.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                old = redis.↓getset("counter", 0)
                redis.↓hmset("user:1", "name", "Ann", "age", 3)
                redis.↓setex("otp:1", 300, code)
                """),
            .clean(.ruby, """
                redis = Redis.new
                old = redis.set("counter", 0, get: true)
                redis.hset("user:1", "name", "Ann", "age", 3)
                redis.set("otp:1", code, ex: 300)
                cache = {}
                cache.getset(:a)
                """),
            .clean(.python, """
                import redis
                class Client:
                    def zrevrange(self, name, start, end):
                        return redis.Redis().zrevrange(name, start, end)
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                job = r.↓rpoplpush("jobs", "jobs:processing")
                recent = r.↓zrangebyscore("events", now - 60, now)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                job = r.lmove("jobs", "jobs:processing", "RIGHT", "LEFT")
                recent = r.zrange("events", now - 60, now, byscore=True)
                latest = r.zrange("events", 0, 9, desc=True)
                def dequeue(timeout):
                    if redis_version() < (6, 2, 0):
                        return r.brpoplpush("jobs", "jobs:processing", timeout)
                    return r.blmove("jobs", "jobs:processing", timeout, "RIGHT", "LEFT")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.↓hmset("user:1", { name: "Ann" });
                const near = await redis.↓georadius("shops", 13.4, 52.5, 5, "km");
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.hset("user:1", { name: "Ann" });
                const near = await redis.geosearch("shops", "FROMLONLAT", 13.4, 52.5, "BYRADIUS", 5, "km");
                """),
            .triggering(.swift, """
                import RediStack
                func rotate(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: ↓"RPOPLPUSH", with: [.init(from: "jobs"), .init(from: "done")]).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func rotate(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "LMOVE", with: [.init(from: "jobs"), .init(from: "done"), .init(from: "RIGHT"), .init(from: "LEFT")]).get()
                }
                """),
            .triggering(.lua, """
                local old = ↓redis.call('GETSET', KEYS[1], ARGV[1])
                return old
                """),
            .clean(.lua, """
                local old = redis.call('SET', KEYS[1], ARGV[1], 'GET')
                return old
                """),
        ],
        tags: ["deprecated"],
        reads: [.traces, .scripts]
    )

    /// The op runs on one side of a branch on a version (`if await self.version() < (6, 2, 0): brpoplpush(…) else:
    /// blmove(…)`, saq) and its function also sends the replacement (`sent`: the function's commands): the code already
    /// uses the replacement where the server has it. (A branch on an application's version, `if app_version >= 2:
    /// hmset(…)`, sends no replacement.)
    static func fallsBackForOldServers(_ op: RedisOp, _ conditions: [Condition], sent: () -> Set<String>) -> Bool {
        guard op.conditions.contains(where: { conditions.indices.contains($0) && versionWord.containsWord(of: conditions[$0].text) }),
              let replacedBy = CommandTable.command(named: op.command)?.deprecation?.replacedBy else { return false }
        // The commands the replacement names (`` `BLMOVE` with the `RIGHT` and `LEFT` arguments ``: BLMOVE).
        let words = replacedBy.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
        let replacements = words.map { plainReplacement(String($0.element)).uppercased() }.filter { CommandTable.command(named: $0) != nil }
        return replacements.contains { sent().contains($0) }
    }

    static let versionWord = WordList(["version"])

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and scripts are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        // One verdict per command name: a file sends a few commands many times, and each table lookup
        // lowercases the name and copies a command spec.
        // Kept by command number (`CommandIDs`) when the command has one: hashing the name for every op
        // cost more than the verdicts saved. A number's verdict is found through `slots` (-1 for none yet,
        // on the stack): a dictionary by number hashed the number for every op.
        var verdicts: [String: (String, String?, Severity?)?] = [:]
        var verdictsByID: [(String, String?, Severity?)?] = []
        let commandIDs = FileCommandIDs.of(context)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: CommandIDs.count) { slots in
            slots.initialize(repeating: -1)
            let traces = context.file.traces
            // The commands of the trace last asked about (a deprecated command on a version branch asks): made once per
            // trace, not searched for each such op.
            var sent: (position: Int, commands: Set<String>)?
            func sentCommands(_ position: Int) -> Set<String> {
                if let sent, sent.position == position { return sent.commands }
                let commands = Set(traces[position].ops.lazy.map(\.command))
                sent = (position, commands)
                return commands
            }
            // Each trace read in place through its index: binding it in the loop copied every trace (its lists
            // retained and released).
            for position in traces.indices {
                for opIndex in traces[position].ops.indices where traces[position].ops[opIndex].context != .lua && traces[position].ops[opIndex].confidence >= .medium && traces[position].ops[opIndex].viaHelper == nil {
                    let subcommand = traces[position].ops[opIndex].subcommand
                    let id = commandIDs.id(trace: position, op: opIndex)
                    let verdict: (String, String?, Severity?)?
                    // A known verdict by number first: the name (in the op's shape) is read only when needed.
                    if subcommand == nil, id >= 0, slots[Int(id)] >= 0 {
                        verdict = verdictsByID[Int(slots[Int(id)])]
                    } else if subcommand == nil, id < 0, let known = verdicts[traces[position].ops[opIndex].command] {
                        verdict = known
                    } else {
                        verdict = assess(traces[position].ops[opIndex].command, subcommand: subcommand, settings: context.settings)
                        if subcommand == nil {
                            if id >= 0 {
                                slots[Int(id)] = Int32(verdictsByID.count)
                                verdictsByID.append(verdict)
                            } else {
                                verdicts[traces[position].ops[opIndex].command] = verdict
                            }
                        }
                    }
                    guard let (message, hint, severity) = verdict else { continue }
                    let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                    guard !Self.clientChose(op), !CommandWrapper.isWrapper(named: traces[position].name, of: op.command),
                          !Self.fallsBackForOldServers(op, traces[position].conditions, sent: { sentCommands(position) }) else { continue }
                    findings.append(context.finding(description, span: op.nameSpan, message: message, severity: severity, hint: hint))
                }
            }
        }
        for script in context.file.scripts {
            for call in script.script.redisCalls {
                guard let command = call.command,
                      let (message, hint, severity) = assess(command, subcommand: nil, settings: context.settings) else { continue }
                findings.append(context.finding(description, span: script.hostRange(call.span),
                                                message: message + " (in a Lua script)", severity: severity, hint: hint,
                                                fix: luaFix(command, commandSpan: call.commandSpan, argumentSpans: call.arguments.map(\.span), in: script, context: context)))
            }
        }
        return findings
    }

    /// The code called another command's method and the client library sent this one (redis-py's
    /// `zrange(…, desc=True)` sends ZREVRANGE): the code already uses the modern form.
    static func clientChose(_ op: RedisOp) -> Bool {
        let written = String(op.method.prefix { $0 != "(" }.lowercased().filter { $0 != "_" })
        return written != op.command.lowercased() && CommandTable.command(named: written) != nil
    }

    /// A mechanical rewrite for `.lua` files where the replacement returns the same reply:
    /// `GETSET k v` → `SET k v GET` (the old value), `SETEX k s v` → `SET k v EX s` and `PSETEX k ms v`
    /// → `SET k v PX ms` (`OK`). Embedded scripts are left alone: their quoting belongs to the host string.
    func luaFix(_ command: String, commandSpan: Range<Int>, argumentSpans: [Range<Int>], in script: EmbeddedScript, context: RuleContext) -> Fix? {
        guard script.sourceOffsets.isEmpty else { return nil }
        let source = context.file.source
        let arguments = argumentSpans.map { source.text($0) }
        let literal = source.text(commandSpan)
        guard let quote = literal.first, quote == "'" || quote == "\"", literal.last == quote else { return nil }
        let set = String(quote) + "SET" + String(quote)
        func word(_ text: String) -> String { String(quote) + text + String(quote) }
        let rewritten: [String]
        switch (command, arguments.count) {
        case ("GETSET", 2):
            guard CommandTable.command(named: "SET")?.since(token: "GET").flatMap(RedisVersion.init).map({ $0 <= context.settings.minimumRedisVersion }) ?? true else { return nil }
            rewritten = [set, arguments[0], arguments[1], word("GET")]
        case ("SETEX", 3): rewritten = [set, arguments[0], arguments[2], word("EX"), arguments[1]]
        case ("PSETEX", 3): rewritten = [set, arguments[0], arguments[2], word("PX"), arguments[1]]
        default: return nil
        }
        guard let last = argumentSpans.last else { return nil }
        let (start, _) = context.positions(commandSpan)
        let (_, end) = context.positions(last)
        return Fix(description: "rewrite as \(rewritten[0].dropFirst().dropLast()) with \(command == "GETSET" ? "GET" : command == "SETEX" ? "EX" : "PX")",
                   replacements: [Fix.Replacement(start: start, end: end, text: rewritten.joined(separator: ", "))])
    }

    /// Message, hint and severity for a deprecated command, or nil when it is not deprecated.
    func assess(_ command: String, subcommand: String?, settings: RuleSettings) -> (String, String?, Severity?)? {
        let spec = subcommand.flatMap { CommandTable.command(named: command, subcommand: $0) } ?? CommandTable.command(named: command)
        // `QUIT` (deprecated in 7.2) is what clients' `quit()`/`close()` send: connection management is
        // the client library's business, not a command choice of the application.
        guard let spec, let deprecation = spec.deprecation, spec.group != "connection" else { return nil }
        let name = spec.displayName
        let soft = Self.softlyDeprecated.contains(name)
        var message = "`\(name)` is deprecated since Redis \(deprecation.since)"
        var hint: String?
        if let replacement = deprecation.replacedBy.map(Self.plainReplacement) {
            // A project that supports servers older than the replacement has to keep the old command.
            let needed = replacementVersion(replacement)
            if let needed, needed > settings.minimumRedisVersion { return nil }
            message += "; use \(replacement)"
            hint = "replace `\(name)` with \(replacement)"
            // A library or service that still runs on older servers cannot switch: say which version the
            // replacement needs and how to tell the linter (the real-repository reviews' false findings
            // were job-queue libraries that support Redis 5).
            if let needed, needed > Self.widelyDeployed {
                hint! += " (it needs Redis \(needed); code that must also run on older servers sets `min-redis-version` in `.redislint.toml`, and this is not reported)"
            }
        }
        if soft { message += " (documentation-only deprecation; still supported)" }
        return (message, hint, soft ? .note : nil)
    }

    /// Redis writes argument tokens as `` `!GET` ``; messages show them as `` `GET` ``.
    static func plainReplacement(_ text: String) -> String {
        String(text.filter { $0 != "!" })
    }

    /// The newest Redis version the replacement (`` `SET` with the `GET` argument ``) needs, nil when the table
    /// says nothing: the first back-quoted word is a command, the others its argument tokens or other commands.
    func replacementVersion(_ replacement: String) -> RedisVersion? {
        let words = replacement.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        var current: CommandSpec?
        var newest: RedisVersion?
        for word in words {
            var since: String?
            if let base = current, let tokenSince = base.since(token: word) {
                since = tokenSince
            } else if let spec = CommandTable.command(named: word), current == nil || !(current?.tokens.contains(word.uppercased()) ?? false) {
                current = spec
                since = spec.since
            }
            if let version = since.flatMap(RedisVersion.init), newest.map({ version > $0 }) ?? true { newest = version }
        }
        return newest
    }

    /// Replacements this old or older run on every server still commonly deployed; newer ones get a hint on
    /// `min-redis-version`.
    static let widelyDeployed = RedisVersion(5, 0)
}
