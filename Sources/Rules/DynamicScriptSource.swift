import RedisLint

/// RL507: `EVAL`/`SCRIPT LOAD` whose Lua source is built from a runtime value.
public struct DynamicScriptSource: Rule {
    public init() {}

    static let scriptCommands: Set<String> = ["EVAL", "EVAL_RO"]
    /// Those and `SCRIPT`, for the loop over every op.
    static let candidateIDs = CommandSet(scriptCommands.union(["SCRIPT"]))

    public let description = RuleDescription(
        id: "RL507",
        name: "dynamic-script-source",
        severity: .warning,
        summary: "A Lua script's source is built from a runtime value, so every value caches a new script",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `EVAL`, `EVAL_RO`, `SCRIPT LOAD` and script objects (`register_script`, ioredis `defineCommand`, \
            node-redis `defineScript`) whose script source is a string built at run time: \
            interpolation (`f"…{limit}…"`, `"…#{limit}…"`, `` `…${limit}…` ``, `"…\\(limit)…"`), concatenation \
            (`"…" + field + "…"`), `%`/`.format`/`format(…)` — of anything but constants (`ALL_CAPS` names, \
            numbers). A script built only from constants is one script and is not reported. Scripts held in a \
            variable or returned by a function are not followed. Test files are skipped.
            """,
        whyItIsAProblem: """
            Redis caches every script it is sent by `EVAL` or `SCRIPT LOAD`, keyed by the SHA1 of its text, \
            and never evicts one (only `SCRIPT FLUSH` or a restart empties the cache). A value inside the text \
            makes every call a new script: the server compiles Lua on every call, the script cache grows with \
            every distinct value until memory runs out (`used_memory_scripts`), and the SHA1 never matches a \
            preloaded one, so `EVALSHA` cannot be used. Interpolating user data into Lua is also code injection.
            """,
        useInstead: """
            Keep the script text constant and pass the values as `ARGV` (or key names as `KEYS`): \
            `redis.call('INCRBY', KEYS[1], ARGV[1])` with `eval(SCRIPT, 1, key, limit)`. Use the client's \
            script object (`register_script`, `defineCommand`, `defineScript`) for the EVALSHA round trip.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def bump(key, limit)
                  redis.↓eval("return redis.call('INCRBY', KEYS[1], #{limit})", keys: [key])
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                STEP = 5
                def bump(key, limit)
                  redis.eval("return redis.call('INCRBY', KEYS[1], ARGV[1])", keys: [key], argv: [limit])
                  redis.eval("return redis.call('INCRBY', KEYS[1], #{STEP})", keys: [key])
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def read_field(key, field):
                    return r.↓eval("return redis.call('HGET', KEYS[1], '" + field + "')", 1, key)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                TTL = 60
                def read_field(key, field):
                    return r.eval("return redis.call('HGET', KEYS[1], ARGV[1])", 1, key, field)
                def touch(key):
                    return r.eval(f"return redis.call('EXPIRE', KEYS[1], {TTL})", 1, key)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function cap(key: string, max: number) {
                  return redis.↓eval(`if redis.call('LLEN', KEYS[1]) > ${max} then return 0 end return 1`, 1, key);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function cap(key: string, max: number) {
                  return redis.eval("if redis.call('LLEN', KEYS[1]) > tonumber(ARGV[1]) then return 0 end return 1", 1, key, max);
                }
                """),
            .triggering(.swift, """
                import RediStack
                func bump(_ key: String, _ limit: Int, connection: RedisConnection) async throws {
                    _ = try await connection.send(command: ↓"EVAL", with: [.init(from: "return redis.call('INCRBY', KEYS[1], \\(limit))"), .init(from: 1), .init(from: key)]).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func bump(_ key: String, _ limit: Int, connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "EVAL", with: [.init(from: "return redis.call('INCRBY', KEYS[1], ARGV[1])"), .init(from: 1), .init(from: key), .init(from: limit)]).get()
                }
                """),
        ],
        tags: ["scripts", "performance", "security"],
        reads: [.traces, .scriptDefinitions]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and script definitions are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scriptDefinitions.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            commandIDs.forEachReportedOp(traces, position, fileTrace: position, sending: Self.candidateIDs) { opIndex in
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                let loads = op.command == "SCRIPT" && op.subcommand == "LOAD"
                guard Self.scriptCommands.contains(op.command) || loads,
                      case .dynamic(let text)? = op.arguments.first(where: { !Self.isSubcommandToken($0) }),
                      let runtime = Self.runtimeValues(in: text), let first = runtime.first else { return }
                let name = loads ? "SCRIPT LOAD" : op.command
                let values = runtime.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(name)` in `\(traces[position].name)` builds its Lua source from \(runtime.count == 1 ? "the runtime value" : "runtime values") \(values): " +
                        "every distinct value is a new script that Redis compiles and caches until SCRIPT FLUSH",
                    hint: "keep the script text constant and pass `\(first)` as ARGV (or KEYS for key names)",
                    key: op.keys.first))
            }
        }
        for definition in context.file.scriptDefinitions where Self.definitionMethods.contains(definition.method) {
            guard case .dynamic(let text) = definition.source, let runtime = Self.runtimeValues(in: text), let first = runtime.first else { continue }
            // Functions without Redis commands have no trace: name the function only when one is known.
            let owner = context.file.traces.last { $0.kind != .topLevel && $0.span.contains(definition.nameSpan.lowerBound) }
            let place = owner.map { " in `\($0.name)`" } ?? ""
            let values = runtime.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            findings.append(context.finding(
                description, span: definition.nameSpan,
                message: "`\(definition.method)`\(place) builds its Lua source from \(runtime.count == 1 ? "the runtime value" : "runtime values") \(values): " +
                    "every distinct value defines a new script that Redis compiles and caches until SCRIPT FLUSH",
                hint: "keep the script text constant and pass `\(first)` as ARGV (or KEYS for key names)"))
        }
        return findings.sorted { $0.start < $1.start }
    }

    /// Script objects of redis-py, ioredis and node-redis.
    static let definitionMethods: Set<String> = ["register_script", "defineCommand", "defineScript"]

    /// `LOAD` when a client passes the subcommand as the first argument (`script("LOAD", src)`).
    static func isSubcommandToken(_ argument: ArgumentValue) -> Bool {
        guard case .literal(let bytes) = argument else { return false }
        // ASCII text is compared with `load` in place, a letter's case bit set (decoding and upper-casing a
        // string per literal cost ~1,300 instructions); other text is upper-cased by Unicode's rules.
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return bytes.count == 4 && bytes[0] | 0x20 == 0x6C && bytes[1] | 0x20 == 0x6F && bytes[2] | 0x20 == 0x61 && bytes[3] | 0x20 == 0x64
        }
        return isSubcommandTokenByText(bytes)
    }

    /// `isSubcommandToken` for literal bytes, through their upper-cased text.
    static func isSubcommandTokenByText(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).uppercased() == "LOAD"
    }

    /// The runtime expressions a script text is built from, or nil when the argument is not a string
    /// built in place (a variable, a call) or is built only from constants.
    static func runtimeValues(in text: String) -> [String]? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return nil }
        var expressions: [String] = []
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "`") {
            expressions = holes(bytes)
            // `"…%s…" % value`, `"…{}…".format(value)` after the literal.
            if let tail = formatArguments(bytes) { expressions += tail }
        } else if text.hasPrefix("format(") || text.hasPrefix("sprintf(") || text.hasPrefix("String(format:") {
            // `format("…%d", value)`: everything after the format string.
            guard let comma = text.firstIndex(of: ",") else { return nil }
            expressions = text[text.index(after: comma)...].dropLast().split(separator: ",").map { $0.trimmingSpaces() }
        } else {
            return nil
        }
        var seen: Set<String> = []
        let runtime = expressions.filter { !$0.isEmpty && !isConstant($0) && seen.insert($0).inserted }
        return runtime.isEmpty ? nil : runtime
    }

    /// `${…}` holes of a rendered literal (the front-ends render interpolation and `+` concatenation so).
    static func holes(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") else { index += 1; continue }
            var depth = 1
            var end = index + 2
            while end < bytes.count, depth > 0 {
                if bytes[end] == UInt8(ascii: "{") { depth += 1 }
                if bytes[end] == UInt8(ascii: "}") { depth -= 1 }
                end += 1
            }
            out.append(String(decoding: bytes[(index + 2)..<max(index + 2, end - 1)], as: UTF8.self).trimmingSpaces())
            index = end
        }
        return out
    }

    /// The values after a literal formatted with `%` or `.format(…)`, or nil when nothing follows it.
    static func formatArguments(_ bytes: [UInt8]) -> [String]? {
        let quote = bytes[0]
        var index = 1
        while index < bytes.count, bytes[index] != quote {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index + 1 < bytes.count else { return nil }
        let tail = String(decoding: bytes[(index + 1)...], as: UTF8.self).trimmingSpaces()
        var inner: Substring
        if tail.hasPrefix("%") {
            inner = tail.dropFirst()
        } else if tail.hasPrefix(".format(") {
            inner = tail.dropFirst(8)
        } else {
            return nil
        }
        inner = inner.drop { $0 == "(" || $0 == " " }
        while inner.hasSuffix(")") { inner = inner.dropLast() }
        return inner.split(separator: ",").map { $0.trimmingSpaces() }
    }

    /// `LIMIT`, `self.TTL`, `Config::MAX`, `42`, `TOP - 1`: the same text on every call.
    static func isConstant(_ expression: String) -> Bool {
        let operands = expression.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == ":") }
        if operands.count > 1 { return operands.allSatisfy { isConstant(String($0)) } }
        if Double(expression) != nil { return true }
        let last = expression.split(whereSeparator: { $0 == "." || $0 == ":" }).last.map(String.init) ?? expression
        guard let head = last.unicodeScalars.first, ("A"..."Z").contains(head) else { return false }
        return last.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
