import RedisLint

/// RL404: temporary keys (cache, session, OTP, rate limit…) written without a TTL that nothing in the
/// project ever sets.
public struct NoTTL: Rule {
    public init() {}

    /// Commands that create or grow a key.
    static let writes: Set<String> = ["SET", "SETNX", "MSET", "HSET", "HMSET", "HSETNX", "SADD", "ZADD", "LPUSH", "RPUSH",
                                      "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "APPEND", "PFADD", "HINCRBY"]
    static let writeIDs = CommandSet(writes)
    /// Words of key names that say the data is temporary.
    static let temporaryWords: Set<String> = ["cache", "cached", "session", "sessions", "sess", "otp", "nonce", "ratelimit",
                                              "throttle", "tmp", "temp", "csrf", "captcha", "verification", "reset"]

    public let description = RuleDescription(
        id: "RL404",
        name: "no-ttl",
        severity: .warning,
        summary: "A cache, session, one-time-code or rate-limit key is written without a TTL and never expires",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Writes (`SET`, `HSET`, `SADD`, `INCR`, `RPUSH`…) of keys whose name says they are temporary — a \
            literal segment or key variable named `cache`, `session`, `otp`, `nonce`, `ratelimit`/`rate_limit`, \
            `throttle`, `tmp`/`temp`, `csrf`, `captcha`, `verification`, `reset` — when no code in the project \
            gives a key of that shape a TTL (`SET … EX`, `SETEX`, `EXPIRE`, `GETEX … EX`, or a Lua script that \
            expires the keys passed to it). A temporary key that its function then renames into place (`RPUSH list:tmp …` \
            then `RENAME list:tmp list`, onto a key not named like temporary data) does not outlive the function and is \
            not reported.

            The flow says the same thing when the name does not: cache-aside code that reads a key (`GET`, \
            `HGET`), tests the reply for a miss (`if not v`, `unless v`, `if (!v)`, `v.nil?`, `v is None`, \
            `return v if v`, Swift's `guard let v = … else` / `if let v = … { return v }`) and on the miss writes \
            a recomputed value back to the same key (`SET`, `HSET`) without a TTL is reported too, whatever the \
            key is called. Not reported: a constant written back (`set(k, 0)` initialises a counter or flag), a \
            value that is the reply of another Redis command (`id = incr(seq)` then `set(k, id)` records a \
            mapping), keys named like configuration, settings, versions, ids, locks, tokens or indexes, and keys \
            the project also writes or increments somewhere else (the key holds data the code owns; the miss \
            branch is a lazy default). Test files are skipped.
            """,
        whyItIsAProblem: """
            Temporary data without a TTL is permanent data. Cache entries pile up until `maxmemory` is reached \
            and eviction starts dropping keys at random (or writes fail under `noeviction`); sessions and \
            one-time codes stay valid for ever, which is a security problem as much as a memory one; a rate-limit \
            counter without expiry never resets, so users are locked out for good once they reach the limit.
            """,
        useInstead: """
            Write the key with its lifetime in the same command: `SET key value EX seconds` (`ex:`, `ex=`, \
            `{ EX: … }`, `"EX", n`), or `EXPIRE key seconds` right after `INCR`/`HSET`/`SADD` (in a \
            `MULTI` or pipeline so the TTL cannot be lost). Use `EXPIRE … NX` to set it only on the first write. \
            A cached copy needs a TTL even when the code deletes it on every update: a missed invalidation (a \
            crash between the database write and the `DEL`, a deploy that changes the format) is then repaired \
            by time instead of lasting for ever.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def remember(user)
                  redis.↓set("cache:user:#{user.id}", user.to_json)
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def remember(user)
                  redis.set("cache:user:#{user.id}", user.to_json, ex: 3600)
                  redis.set("user:#{user.id}:name", user.name)
                end
                def replace_list(name, values)
                  redis.multi do |multi|
                    multi.rpush("#{name}:tmp", values)
                    multi.rename("#{name}:tmp", name)
                  end
                end
                """),
            .triggering(.ruby, """
                redis = Redis.new
                def user_json(id)
                  cached = redis.get("user:#{id}")
                  return cached if cached
                  json = User.find(id).to_json
                  redis.↓set("user:#{id}", json)
                  json
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def user_json(id)
                  cached = redis.get("user:#{id}")
                  return cached if cached
                  json = User.find(id).to_json
                  redis.set("user:#{id}", json, ex: 3600)
                  json
                end
                def theme
                  theme = redis.get("settings:theme")
                  unless theme
                    theme = Defaults.theme
                    redis.set("settings:theme", theme)
                  end
                  theme
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def get_profile(pid):
                    v = r.get(f"profile:{pid}")
                    if v is None:
                        v = render_profile(pid)
                        r.↓set(f"profile:{pid}", v)
                    return v
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def get_profile(pid):
                    v = r.get(f"profile:{pid}")
                    if v is None:
                        v = render_profile(pid)
                        r.set(f"profile:{pid}", v)
                        r.expire(f"profile:{pid}", 600)
                    return v
                def page_views(page):
                    n = r.get(f"views:{page}")
                    if n is None:
                        n = count_views(page)
                        r.set(f"views:{page}", n)
                    return n
                def record_view(page):
                    r.incr(f"views:{page}")
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def hit(user_id):
                    return r.↓incr(f"rate_limit:{user_id}")
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def hit(user_id):
                    n = r.incr(f"rate_limit:{user_id}")
                    if n == 1:
                        r.expire(f"rate_limit:{user_id}", 60)
                    return n
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function sendCode(phone: string, code: string) {
                  await redis.↓set(`otp:${phone}`, code);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function sendCode(phone: string, code: string) {
                  await redis.set(`otp:${phone}`, code, "EX", 300);
                }
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function price(sku: string) {
                  let v = await redis.hget("prices", sku);
                  if (!v) {
                    v = await pricing.quote(sku);
                    await redis.↓hset("prices", sku, v);
                  }
                  return v;
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function price(sku: string) {
                  let v = await redis.get(`price:${sku}`);
                  if (!v) {
                    v = await pricing.quote(sku);
                    await redis.set(`price:${sku}`, v, "EX", 300);
                  }
                  return v;
                }
                export async function userId(email: string) {
                  let id = await redis.get(`email:${email}`);
                  if (!id) {
                    id = await redis.incr("users:next");
                    await redis.set(`email:${email}`, id);
                  }
                  return id;
                }
                """),
            .triggering(.swift, """
                import RediStack
                func profile(_ id: String, connection: RedisConnection) async throws -> String {
                    guard let cached = try await connection.get(RedisKey("profile:\\(id)"), as: String.self).get() else {
                        let fresh = try await render(id)
                        try await connection.↓set(RedisKey("profile:\\(id)"), to: fresh).get()
                        return fresh
                    }
                    return cached
                }
                """),
            .clean(.swift, """
                import RediStack
                func profile(_ id: String, connection: RedisConnection) async throws -> String {
                    guard let cached = try await connection.get(RedisKey("profile:\\(id)"), as: String.self).get() else {
                        let fresh = try await render(id)
                        try await connection.set(RedisKey("profile:\\(id)"), to: fresh, onCondition: .none, expiration: .seconds(600)).get()
                        return fresh
                    }
                    return cached
                }
                """),
            .triggering(.swift, """
                import RediStack
                func save(_ id: String, _ data: String, connection: RedisConnection) async throws {
                    _ = try await connection.↓set(RedisKey("session:\\(id)"), to: data).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func save(_ id: String, _ data: String, connection: RedisConnection) async throws {
                    _ = try await connection.set(RedisKey("session:\\(id)"), to: data, onCondition: .none, expiration: .seconds(3600)).get()
                }
                """),
        ],
        tags: ["lifecycle", "ttl"],
        reads: .traces
    )

    /// The word of a key that says it is temporary: `ratelimit` when the word `rate` is followed by `limit`
    /// anywhere (`rate_limit`, `rate-limit`; `rateLimit` lowers to one word), otherwise the first of its
    /// words in `temporaryWords`. Its words are the runs of letters of its lower-cased literal text (a
    /// variable between literals separates them), or of the variable's name when the key is only a variable.
    static func temporaryWord(_ key: KeyExpr) -> String? {
        var words = ASCIIWords()
        if words.read(key) { return words.answer }
        return textTemporaryWord(key)
    }

    /// `temporaryWord` by building the key's text, lower-casing it and splitting it into words: for keys
    /// with non-ASCII text, whose lower case is Unicode's.
    static func textTemporaryWord(_ key: KeyExpr) -> String? {
        var text = ""
        for part in key.parts {
            switch part {
            case .literal(let bytes): text += String(decoding: bytes, as: UTF8.self)
            case .hole(let expression): if key.parts.count == 1 { text += expression } else { text += " " }
            }
        }
        let lowered = text.lowercased()
        var word = ""
        var words: [String] = []
        for scalar in lowered.unicodeScalars {
            if ("a"..."z").contains(scalar) { word.unicodeScalars.append(scalar) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        // `rate_limit`, `rate-limit`, `rateLimit` (lowered) are one word.
        for (index, current) in words.enumerated() where current == "rate" && index + 1 < words.count && words[index + 1] == "limit" {
            return "ratelimit"
        }
        return words.first { temporaryWords.contains($0) }
    }

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var candidates: [(op: RedisOp, key: KeyExpr, word: String, trace: Trace)] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            lazy var renamed = Self.renamedIntoPlace(traces[position].ops)  // made at the trace's first candidate, if any
            commandIDs.forEachReportedOp(traces, position, fileTrace: position, sending: Self.writeIDs) { opIndex in
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard !TTLFacts.setsTTL(op, id: commandIDs.id(trace: position, op: opIndex)), let key = op.keys.first, let word = Self.temporaryWord(key),
                      (renamed[key] ?? -1) < opIndex else { return }
                candidates.append((op, key, word, traces[position]))
            }
        }
        let expiring = TTLFacts.expiring(in: context.project)
        // Per trace: an EXPIRE of a key the IR cannot read. Room for an answer per trace asked is made at the
        // first answer (most files have none; grown from empty, the table was rebuilt at each doubling: ~750,000
        // instructions on nb10). (Not a `lazy var`: changed in place through one, the table was copied.)
        var unknownExpire = ExpiryMemo(room: min(traces.count, candidates.count + 16))
        // The keys the project writes, asked of the project at the first read asked about (the first file that
        // asks makes them for the project). The context is handed to the question, not named in it: a closure
        // that names the context copies it (its model's fields retained and released).
        var written: CacheAsideFlow.WrittenKeys?
        let flows = CacheAsideFlow.pairs(in: context) { context, key, flowTraces, position in
            if expiring.exact.contains(key) { return false }
            // The key's shape made once, for both questions (a string built from its parts).
            let shape = TTLFacts.shape(key)
            if Self.expired(shape: shape, span: flowTraces[position].span, ops: flowTraces[position].ops, expiring, unknownExpire: &unknownExpire) {
                return false
            }
            if written == nil {
                written = context.project.derived("RL404.writtenKeys") { [keys = context.project.index.valueWriteKeys] in
                    CacheAsideFlow.WrittenKeys(keys)
                }
            }
            return written?.writtenElsewhere(key, shape: shape) == false
        }
        guard !candidates.isEmpty || !flows.isEmpty else { return [] }
        var findings: [Finding] = []
        var reported: Set<Range<Int>> = []
        for candidate in candidates where !Self.expired(candidate.key, span: candidate.trace.span, ops: candidate.trace.ops, expiring, unknownExpire: &unknownExpire) {
            reported.insert(candidate.op.nameSpan)
            findings.append(context.finding(
                description, span: candidate.op.nameSpan,
                message: "`\(candidate.op.command) \(candidate.key.display)` stores temporary data (`\(candidate.word)`) without a TTL, and no code in the project expires it",
                hint: "give the key a lifetime: SET … EX seconds, or EXPIRE right after the write",
                key: candidate.key))
        }
        // (The flows' keys are neither expired nor written elsewhere: `pairs` asked.)
        for flow in flows where !reported.contains(flow.write.nameSpan) {
            reported.insert(flow.write.nameSpan)
            let readLine = context.line(of: flow.read.nameSpan.lowerBound)
            findings.append(context.finding(
                description, span: flow.write.nameSpan,
                message: "`\(flow.write.command) \(flow.key.display)` writes back what `\(flow.read.command) \(flow.key.display)` (line \(readLine)) " +
                    "missed, without a TTL, and no code in the project expires it: the cached copy never goes stale and never leaves memory",
                hint: flow.write.command == "SET" ? "write the copy with a lifetime: SET … EX seconds" : "EXPIRE the hash right after the write",
                related: [context.related(flow.read.nameSpan, "`\(flow.read.command) \(flow.key.display)` looks the value up; a miss leads to the write")],
                key: flow.key))
        }
        return findings.sorted { $0.start < $1.start }
    }

    /// The keys a function renames onto a key not named like temporary data (split's `persist_list`: `RPUSH list_tmp …`
    /// then `RENAME list_tmp list` in one MULTI), each with the index of its last such rename: a write before it leaves
    /// no temporary key behind, whatever its name says. (A write after it makes the key anew; a rename onto a key named
    /// like a cache keeps the cache.) Made once per function: asked of every op for every candidate, a generated
    /// function of 20,000 writes was quadratic.
    static func renamedIntoPlace(_ ops: [RedisOp]) -> [KeyExpr: Int] {
        var renamed: [KeyExpr: Int] = [:]
        for index in ops.indices where renames.contains(ops[index].command) && ops[index].keys.count == 2 {
            if temporaryWord(ops[index].keys[1]) == nil { renamed[ops[index].keys[0]] = index }
        }
        return renamed
    }

    /// (Not `RENAMENX`: when the destination exists it renames nothing and the temporary key stays.)
    static let renames: Set<String> = ["RENAME"]

    /// Some code gives the key a TTL: the project (same key or shape), or the function (its `span` and `ops`:
    /// a trace's fields, as a trace read in place gives them) on a key the IR cannot read (`expire(key, 60)`
    /// may be this one).
    static func expired(_ key: KeyExpr, span: Range<Int>, ops: [RedisOp], _ expiring: TTLFacts.Expiring,
                        unknownExpire: inout ExpiryMemo) -> Bool {
        expiring.exact.contains(key) || expired(shape: TTLFacts.shape(key), span: span, ops: ops, expiring, unknownExpire: &unknownExpire)
    }

    /// `expired` of a key that the project does not expire by its text, by its shape (`TTLFacts.shape`).
    static func expired(shape: String?, span: Range<Int>, ops: [RedisOp], _ expiring: TTLFacts.Expiring,
                        unknownExpire: inout ExpiryMemo) -> Bool {
        if let shape, expiring.shapes.contains(shape) { return true }
        if let known = unknownExpire.answers[span] { return known }
        let answer = ops.contains { TTLFacts.setsTTL($0) && ($0.keys.first.map { !TTLFacts.hasShape($0) } ?? true) }
        unknownExpire.set(answer, for: span)
        return answer
    }

    /// Per trace (by span), whether it expires a key the IR cannot read; room for `room` answers is made at
    /// the first.
    struct ExpiryMemo {
        private(set) var answers: [Range<Int>: Bool] = [:]
        private let room: Int

        init(room: Int) { self.room = room }

        mutating func set(_ answer: Bool, for span: Range<Int>) {
            if answers.isEmpty { answers.reserveCapacity(room) }
            answers[span] = answer
        }
    }
}

extension NoTTL {
    /// `temporaryWord` for a key whose text is all ASCII, its words read in place: building, lower-casing
    /// and splitting a string per written key was most of the rule's own time, and copying each word into
    /// a buffer and a `String` to look it up in a set most of what was left.
    struct ASCIIWords {
        private var previousIsRate = false
        private var rateLimit = false
        private var firstTemporary: String?

        init() {}

        var answer: String? { rateLimit ? "ratelimit" : firstTemporary }

        /// Reads the key's words; false (and no answer) when its text is not all ASCII, or when two literals
        /// follow each other (not as `KeyExpr` builds keys: a word could run across them), which the
        /// text form answers.
        mutating func read(_ key: KeyExpr) -> Bool {
            var previousIsLiteral = false
            for part in key.parts {
                switch part {
                case .literal(let bytes):
                    if previousIsLiteral { return false }
                    previousIsLiteral = true
                    guard bytes.withUnsafeBufferPointer({ readWords(in: $0) }) else { return false }
                case .hole(let expression):
                    previousIsLiteral = false
                    // A key that is only a variable is read by its name; a hole among literals separates words.
                    if key.parts.count == 1 {
                        var expression = expression
                        guard expression.withUTF8({ readWords(in: $0) }) else { return false }
                    }
                }
            }
            return true
        }

        /// Reads the words (runs of ASCII letters) of `bytes`; false at a byte outside ASCII.
        private mutating func readWords(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var start = -1  // where the current word starts; -1 between words
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 { return false }
                if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    take(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    start = -1
                }
            }
            if start >= 0 { take(UnsafeBufferPointer(rebasing: bytes[start...])) }
            return true
        }

        private mutating func take(_ word: UnsafeBufferPointer<UInt8>) {
            let isRate = Self.equal(word, Self.rate)
            if previousIsRate && Self.equal(word, Self.limit) { rateLimit = true }
            previousIsRate = isRate
            if firstTemporary == nil, let index = Self.temporaryBytes.firstIndex(where: { Self.equal(word, $0) }) {
                firstTemporary = Self.temporaryStrings[index]
            }
        }

        /// `word`, lower-cased, is `lower`.
        private static func equal(_ word: UnsafeBufferPointer<UInt8>, _ lower: [UInt8]) -> Bool {
            guard word.count == lower.count else { return false }
            for index in 0..<word.count {
                let byte = word[index]
                if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != lower[index] { return false }
            }
            return true
        }

        private static let rate = Array("rate".utf8), limit = Array("limit".utf8)
        /// `NoTTL.temporaryWords`, as bytes and as the strings answered.
        private static let temporaryStrings = NoTTL.temporaryWords.sorted()
        private static let temporaryBytes = temporaryStrings.map { Array($0.utf8) }
    }
}
