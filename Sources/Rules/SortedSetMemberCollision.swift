import RedisLint

/// RL403: ZADD whose member is the same value as its score (a timestamp in sliding-window limiters),
/// so two events in the same tick collapse into one member.
public struct SortedSetMemberCollision: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL403",
        name: "sorted-set-member-collision",
        severity: .warning,
        summary: "ZADD uses its score (a timestamp) as the member, so events in the same tick count once",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            `ZADD` calls whose member is the score itself or the score turned into a string: \
            `zadd(key, {str(now): now})`, `zadd(key, now, now)`, `zadd(key, now, now.to_s)`, \
            `` zadd(key, now, `${now}`) ``, `(element: "\\(now)", score: now)`, \
            `redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])`. This is the sliding-window rate limiter of many \
            tutorials. A sorted set of time buckets is not reported: when the same function stores the event \
            under a key named by that score (`RPUSH delayed:<ts> job` then `ZADD schedule ts ts`), the set only \
            lists the ticks and the events are kept apart.
            """,
        whyItIsAProblem: """
            A sorted set holds each member once. When the member is the timestamp, two requests in the same \
            millisecond (or second, with `time()` truncated) write the same member: the second `ZADD` only \
            updates its score, `ZCARD` counts one request instead of two, and a burst of concurrent requests \
            passes a limiter that should have stopped it — exactly the traffic a limiter exists for.
            """,
        useInstead: """
            Make the member unique and keep the timestamp as the score: append a random or sequence \
            suffix (`f"{now}-{uuid4()}"`, `` `${now}-${Math.random()}` ``, `"#{now}-#{SecureRandom.hex(4)}"`, \
            a request id), or use `INCR` on a per-window counter when an approximate window is enough.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def hit(user)
                  now = Time.now.to_f
                  redis.↓zadd("rate:#{user}", now, now.to_s)
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def hit(user)
                  now = Time.now.to_f
                  redis.zadd("rate:#{user}", now, "#{now}-#{SecureRandom.hex(4)}")
                end
                def schedule(job, at)
                  redis.rpush("delayed:#{at.to_i}", job)
                  redis.zadd("delayed_schedule", at.to_i, at.to_i)
                end
                """),
            .triggering(.python, """
                import time
                import redis
                r = redis.Redis()
                def is_rate_limited(user_id):
                    now = time.time()
                    r.↓zadd(f"rate_limit:{user_id}", {str(now): now})
                """),
            .clean(.python, """
                import time
                import uuid
                import redis
                r = redis.Redis()
                def is_rate_limited(user_id):
                    now = time.time()
                    r.zadd(f"rate_limit:{user_id}", {f"{now}-{uuid.uuid4()}": now})
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const now = Date.now();
                await redis.↓zadd(`ratelimit:${ip}`, now, now);
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const now = Date.now();
                await redis.zadd(`ratelimit:${ip}`, now, `${now}-${Math.random()}`);
                """),
            .triggering(.swift, """
                import RediStack
                func hit(_ ip: String, connection: RedisConnection) async throws {
                    let now = Date().timeIntervalSince1970
                    _ = try await connection.↓zadd((element: "\\(now)", score: now), to: RedisKey("rate:\\(ip)")).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func hit(_ ip: String, connection: RedisConnection) async throws {
                    let now = Date().timeIntervalSince1970
                    _ = try await connection.zadd((element: "\\(now)-\\(UUID())", score: now), to: RedisKey("rate:\\(ip)")).get()
                }
                """),
            .triggering(.lua, """
                redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1] - ARGV[2])
                ↓redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
                return redis.call('ZCARD', KEYS[1])
                """),
            .clean(.lua, """
                redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1] - ARGV[2])
                redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. '-' .. ARGV[3])
                return redis.call('ZCARD', KEYS[1])
                """),
        ],
        tags: ["lifecycle", "rate-limiting"],
        reads: [.traces, .scripts]
    )

    static let optionWords: Set<String> = ["NX", "XX", "GT", "LT", "CH", "INCR"]

    static let zaddID = CommandSet(["ZADD"])

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and scripts are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            lazy var holes = Self.keyHoles(traces[position].ops)  // made at the trace's first colliding ZADD, if any
            commandIDs.forEachReportedOp(traces, position, fileTrace: position, sending: Self.zaddID) { opIndex in
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard let score = Self.collidingScore(op), !Self.indexesBuckets(score, of: op, holes: holes) else { return }
                // RediStack's `zadd((element:score:), to: key)` can leave the tuple in the key slot.
                let key = op.keys.first(where: { !$0.display.hasPrefix("${(") })
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`ZADD\(key.map { " " + $0.display } ?? "")` uses its score `\(score)` as the member: two events in the same tick are stored once and counted once",
                    hint: "make the member unique (append a random or sequence suffix) and keep the timestamp as the score",
                    key: key))
            }
        }
        context.forEachScript { script in
            for call in script.script.redisCalls where call.command == "ZADD" {
                var values = Array(call.arguments.dropFirst())
                while let first = values.first, case .string(let word) = first.value, Self.optionWords.contains(word.uppercased()) { values.removeFirst() }
                var index = 0
                while index + 1 < values.count {
                    let score = values[index].value, member = values[index + 1].value
                    // A literal score equal to a literal member is deliberate; a run-time value is not.
                    // `.computed` values are all equal to each other, so only values with an identity count.
                    var varies = false
                    switch score {
                    case .argument, .key, .variable: varies = true
                    default: break
                    }
                    if score == member, varies {
                        findings.append(context.finding(
                            description, span: script.hostRange(call.span),
                            message: "`ZADD` in a Lua script uses the same value as score and member: two events in the same tick are stored once",
                            hint: "make the member unique, e.g. ARGV[1] .. '-' .. a request id"))
                        break
                    }
                    index += 2
                }
            }
        }
        return findings
    }

    /// The ZADD lists time buckets: another op of its function stores something under a key named by the score
    /// (resque-scheduler's `RPUSH delayed:#{ts}` beside `ZADD delayed_queue_schedule ts ts`), so the events live apart,
    /// one collection per tick. `holes`: `keyHoles` of the function's ops.
    static func indexesBuckets(_ score: String, of zadd: RedisOp, holes: [String: Int]) -> Bool {
        let own = zadd.keys.contains { $0.parts.contains(.hole(score)) } ? 1 : 0
        return (holes[score] ?? 0) > own
    }

    /// For each hole text of the keys that ops add events to (`timestamp.to_i` of `RPUSH delayed:#{timestamp.to_i}`; a
    /// read, a counter or one value, `INCR hits:#{now}`, `SET last:#{now}`, keeps no bucket), how many ops have it: made once per function (asked of
    /// every op for every ZADD, a generated function of 3,000 ZADDs cost 45 s).
    static func keyHoles(_ ops: [RedisOp]) -> [String: Int] {
        var holes: [String: Int] = [:]
        for op in ops where stores.contains(op.command) {
            var seen: Set<String> = []
            for key in op.keys {
                for case .hole(let text) in key.parts where seen.insert(text).inserted { holes[text, default: 0] += 1 }
            }
        }
        return holes
    }

    /// Commands that add an event to a collection under a key (a bucket holds many; a `SET last_seen:#{now}` of one value
    /// beside a limiter's ZADD is no bucket).
    static let stores: Set<String> = ["RPUSH", "LPUSH", "RPUSHX", "LPUSHX", "SADD", "ZADD", "HSET", "HMSET", "XADD"]

    /// The score text when some member is that score (or the score made a string).
    static func collidingScore(_ op: RedisOp) -> String? {
        var texts: [String] = []
        // Room for every argument and key at once (grown from empty, the list was made twice per ZADD).
        texts.reserveCapacity(op.arguments.count + op.keys.count)
        for argument in op.arguments {
            switch argument {
            case .dynamic(let text) where !text.isEmpty: texts.append(text)
            case .number(let text): texts.append(text)
            case .literal(let bytes): texts.append("\"" + String(decoding: bytes, as: UTF8.self) + "\"")
            default: break
            }
        }
        // Then each key that is only a variable, read in place: joining the keys, made arguments, to the
        // arguments built two lists per op.
        for key in op.keys {
            if let text = Self.holeText(key), !text.isEmpty { texts.append(text) }
        }
        // Structured forms: a Python dict `{member: score}`, a Swift tuple `(element: m, score: s)`,
        // a node-redis object `{score: s, value: m}`.
        for text in texts {
            for (member, score) in Self.pairs(in: text) where Self.sameValue(member: member, score: score) { return score }
        }
        // Positional forms: `score, member, score, member…` after the option words.
        var positional: [String] = []
        positional.reserveCapacity(op.arguments.count)
        for argument in op.arguments {
            switch argument {
            case .dynamic(let text), .number(let text): positional.append(text)
            case .literal(let bytes):
                let word = String(decoding: bytes, as: UTF8.self)
                if !Self.optionWords.contains(word.uppercased()) { positional.append("\"" + word + "\"") }
            }
        }
        var index = 0
        while index + 1 < positional.count {
            if Self.sameValue(member: positional[index + 1], score: positional[index]) { return positional[index] }
            index += 2
        }
        return nil
    }

    static func holeText(_ key: KeyExpr) -> String? {
        guard key.parts.count == 1, case .hole(let text) = key.parts[0] else { return nil }
        return text
    }

    /// `{m: s, m2: s2}`, `(element: m, score: s)`, `{score: s, value: m}` (possibly in a list).
    static func pairs(in text: String, depth: Int = 0) -> [(member: String, score: String)] {
        // Hostile input can nest lists thousands deep; real ZADD arguments nest two or three levels.
        guard depth < 16 else { return [] }
        // Most texts are a name (`now`): a character that starts with an ASCII byte other than `[`, `(` and `{`
        // is none of them, and then the text is not read as characters.
        if let byte = text.utf8.first, byte < 0x80, byte != 0x5B, byte != 0x28, byte != 0x7B { return [] }
        var body = Substring(text)
        while let first = body.first, first == "[" || first == "(" || first == "{", let last = body.last, Self.closes(first, last) {
            let inner = body.dropFirst().dropLast()
            let entries = splitTopLevel(inner, on: ",")
            if first == "{" || first == "(" {
                var named: [String: String] = [:]
                var dictPairs: [(String, String)] = []
                for entry in entries {
                    let halves = splitTopLevel(Substring(entry), on: ":")
                    guard halves.count == 2 else { continue }
                    named[halves[0].lowercased()] = halves[1]
                    dictPairs.append((halves[0], halves[1]))
                }
                if let member = named["element"] ?? named["value"] ?? named["member"], let score = named["score"] {
                    return [(member, score)]
                }
                if first == "{", !dictPairs.isEmpty { return dictPairs.map { (member: $0.0, score: $0.1) } }
            }
            guard entries.count == 1 else {
                return entries.flatMap { Self.pairs(in: $0, depth: depth + 1) }
            }
            body = Substring(entries[0])
        }
        return []
    }

    static func closes(_ open: Character, _ close: Character) -> Bool {
        (open == "[" && close == "]") || (open == "(" && close == ")") || (open == "{" && close == "}")
    }

    /// Splits at `separator` outside brackets and quotes.
    static func splitTopLevel(_ text: Substring, on separator: Character) -> [String] {
        var parts: [String] = []
        var depth = 0
        var quote: Character?
        var current = ""
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
            if character == separator && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// True when `member` is `score` or `score` turned into a string, and the score is not a literal.
    static func sameValue(member: String, score: String) -> Bool {
        let score = unwrapNumber(score)
        guard !score.isEmpty, !isLiteralNumberOrString(score) else { return false }
        return unwrapString(member) == score
    }

    static func isLiteralNumberOrString(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let byte = utf8.first else { return true }
        // An ASCII byte followed by another (or by nothing) is the first character on its own (CR LF aside, and a
        // CR is none of these), and of the ASCII characters only the digits are numbers: asked of the byte
        // (finding the first character and its Unicode properties cost ~700 instructions a ZADD on nb10).
        if byte < 0x80, utf8.count == 1 || utf8[utf8.index(after: utf8.startIndex)] < 0x80 {
            return byte == 0x22 || byte == 0x27 || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
        guard let first = text.first else { return true }
        return first == "\"" || first == "'" || first.isNumber || first == "-"
    }

    /// `float(x)`, `Number(x)`, `x.to_f` → `x`.
    static func unwrapNumber(_ text: String) -> String {
        let isASCII = Wrapper.isASCII(text)
        for wrapper in numberCalls where wrapper.wraps(text, isASCII: isASCII) {
            return String(text.dropFirst(wrapper.prefixCount).dropLast(wrapper.suffixCount))
        }
        for wrapper in numberSuffixes where wrapper.wraps(text, isASCII: isASCII) { return String(text.dropLast(wrapper.suffixCount)) }
        return text
    }

    /// `str(x)`, `String(x)`, `x.to_s`, `x.toString()`, `` `${x}` ``, `f"{x}"`, `"#{x}"`, `"\(x)"` → `x`.
    static func unwrapString(_ text: String) -> String {
        let isASCII = Wrapper.isASCII(text)
        for wrapper in stringCalls where wrapper.wraps(text, isASCII: isASCII) {
            let inner = String(text.dropFirst(wrapper.prefixCount).dropLast(wrapper.suffixCount))
            // `"#{a}-#{b}"` is not one interpolation.
            if inner.contains("}") || inner.contains("{") || inner.contains("\\(") { return text }
            return unwrapNumber(inner)
        }
        for wrapper in stringSuffixes where wrapper.wraps(text, isASCII: isASCII) {
            return unwrapNumber(String(text.dropLast(wrapper.suffixCount)))
        }
        return unwrapNumber(text)
    }

    // The wrappers `unwrapNumber` and `unwrapString` take off, in the order they are tried. Made once: the lists
    // written in the functions were made at every call, and their tuples destroyed one by one through the run
    // time's generic code (with the comparisons, ~7,900 instructions per ZADD on nb10).
    static let numberCalls = [Wrapper("float(", ")"), Wrapper("int(", ")"), Wrapper("Number(", ")"), Wrapper("Double(", ")")]
    static let numberSuffixes = [Wrapper("", ".to_f"), Wrapper("", ".to_i")]
    static let stringCalls = [
        Wrapper("str(", ")"), Wrapper("String(", ")"), Wrapper("String(describing:", ")"), Wrapper("`${", "}`"), Wrapper("f\"{", "}\""),
        Wrapper("f'{", "}'"), Wrapper("\"#{", "}\""), Wrapper("\"\\(", ")\""), Wrapper("repr(", ")"),
    ]
    static let stringSuffixes = [Wrapper("", ".to_s"), Wrapper("", ".toString()"), Wrapper("", ".description")]

    /// ASCII text before and after a value (`str(` and `)`; an empty prefix for a suffix alone). Static strings:
    /// copying a wrapper, as each loop over a list does, retains nothing (with `String`s and their bytes it
    /// retained four objects, more than the comparisons saved).
    struct Wrapper: Sendable {
        let prefix: StaticString, suffix: StaticString
        /// Their lengths in characters: their bytes (ASCII, and no CR, the one byte that joins the next into a
        /// character).
        let prefixCount: Int, suffixCount: Int

        init(_ prefix: StaticString, _ suffix: StaticString) {
            (self.prefix, self.suffix) = (prefix, suffix)
            (prefixCount, suffixCount) = (prefix.withUTF8Buffer(\.count), suffix.withUTF8Buffer(\.count))
        }

        /// `text.hasPrefix(prefix) && text.hasSuffix(suffix)`. `isASCII`: `text` is ASCII (`Wrapper.isASCII`),
        /// and then compared as bytes: an ASCII text's characters are its bytes, and the run time's comparison
        /// by canonical equivalence cost several times more. Other text is compared as characters.
        func wraps(_ text: String, isASCII: Bool) -> Bool {
            guard isASCII, let answer = text.utf8.withContiguousStorageIfAvailable({ bytes in
                prefix.withUTF8Buffer { prefix in
                    suffix.withUTF8Buffer { suffix in
                        guard bytes.count >= prefix.count && bytes.count >= suffix.count else { return false }
                        for index in 0..<prefix.count where bytes[index] != prefix[index] { return false }
                        let start = bytes.count - suffix.count
                        for index in 0..<suffix.count where bytes[start + index] != suffix[index] { return false }
                        return true
                    }
                }
            }) else { return text.hasPrefix(prefix.description) && text.hasSuffix(suffix.description) }
            return answer
        }

        static func isASCII(_ text: String) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 } } ?? false
        }
    }
}
