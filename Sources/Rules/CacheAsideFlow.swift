import RedisLint

/// Cache-aside by flow, for no-ttl (RL404): a `GET`/`HGET` whose reply is tested for a miss, and the same key
/// then written back (`SET`/`HSET`) with a recomputed value in the miss branch. The key name need not say
/// "cache": the flow does.
enum CacheAsideFlow {
    /// One read → miss → write-back pair.
    struct Pair {
        var trace: Trace
        var read: RedisOp
        var write: RedisOp
        var key: KeyExpr
    }

    /// Which write answers which read: a string is written back with `SET`, a hash field with `HSET`.
    /// Asked of every op: two comparisons cost less than hashing the command for a dictionary. The writes
    /// are asked by command number (`FileCommandIDs`): a set of names hashed every later op's name.
    static func writeBack(_ read: String) -> CommandSet? {
        if read == "GET" { return stringWrites }
        if read == "HGET" { return hashWrites }
        return nil
    }
    /// The reads `writeBack` answers for.
    static let readIDs = CommandSet(["GET", "HGET"])
    private static let stringWrites = CommandSet(["SET"])
    private static let hashWrites = CommandSet(["HSET", "HMSET"])

    /// Words of key names (or key variables) that say the value is meant to stay: configuration, ids handed
    /// out once, schema versions, locks (RL3xx). A reviewer accepts these without a TTL.
    static let permanentWords: Set<String> = [
        "config", "configuration", "settings", "setting", "setup", "version", "versions", "schema", "migration",
        "migrations", "feature", "features", "flag", "flags", "seq", "sequence", "next", "id", "ids", "uuid",
        "lock", "locks", "mutex", "lease", "leader", "owner", "registry", "secret", "key", "keys", "salt", "token",
        "tokens", "index", "mapping", "map", "lookup", "alias", "aliases", "meta", "metadata", "state", "status",
        "checkpoint", "offset", "cursor",
    ]

    /// Every cache-aside pair of the file whose write leaves the key without a TTL, of the reads whose key
    /// `keeps` (asked with the context and the read's trace, `traces[position]` of `RaceFacts.traces`) before their write is
    /// looked for: RL404 reports a pair only when nothing in the project expires the key or writes it
    /// elsewhere, and the search for the write and its miss branch cost more (~4,000 instructions a read
    /// on nb10, whose keys are all expired somewhere) than asking first.
    static func pairs(in context: RuleContext,
                      keeping keeps: (RuleContext, KeyExpr, _ traces: [Trace], _ position: Int) -> Bool) -> [Pair] {
        var out: [Pair] = []
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            let fileTrace = fileTraces[position]
            // Asked once per trace, not per read: a long trace's ask is a locked look-up.
            lazy var keyIndex = RaceFacts.keyIndex(context, position, in: raceTraces)
            // How many ops assign their reply to each name: a long trace's counts are kept in a table, a short
            // trace's ops are searched for the few names asked (building the table cost more, ~1,500 instructions
            // per trace asked on nb10, than the searches).
            lazy var assignments: [String: Int] = raceTraces[position].ops.reduce(into: [:]) { counts, op in
                if let name = op.assignedTo { counts[name, default: 0] += 1 }
            }
            func assignedCount(_ name: String) -> Int {
                if raceTraces[position].ops.count > TraceKeyIndex.directSearchLimit { return assignments[name] ?? 0 }
                var count = 0
                for index in raceTraces[position].ops.indices where raceTraces[position].ops[index].assignedTo == name { count += 1 }
                return count
            }
            // By command number first: the name, in the op's shape, is read only for a GET or HGET.
            for readIndex in raceTraces[position].ops.indices where readIDs.contains(commandIDs.id(trace: fileTrace, op: readIndex), raceTraces[position].ops[readIndex].command) {
                guard let writes = writeBack(raceTraces[position].ops[readIndex].command) else { continue }
                let read = raceTraces[position].ops[readIndex]  // bound only when wanted: `for read in trace.ops` copied every op
                // `keeps` before `permanent`: most keys a project reads are expired somewhere, which the first
                // look-up of `keeps` answers for less than reading the key's words (~430 instructions a key; nb10
                // -1.5M, realall unchanged).
                guard RaceFacts.usable(read), read.context == .plain,
                      RaceFacts.writtenHere(read), let key = read.keys.first, keeps(context, key, raceTraces, position), !permanent(key) else { continue }
                for writeIndex in keyIndex.later(key, after: readIndex) {
                    guard writes.contains(commandIDs.id(trace: fileTrace, op: writeIndex), raceTraces[position].ops[writeIndex].command),
                          raceTraces[position].ops[writeIndex].keys.first == key else { continue }
                    let write = raceTraces[position].ops[writeIndex]
                    guard RaceFacts.usable(write), RaceFacts.writtenHere(write), write.context != .lua,
                          RaceFacts.sameKeyInstance(key, read, write), !write.givesTTL,
                          !RaceFacts.hasNXOrXX(write),
                          missBranch(raceTraces, position, readIndex: readIndex, write: write),
                          recomputed(write, in: raceTraces, position, readIndex: readIndex, assignedCount: assignedCount) else { continue }
                    out.append(Pair(trace: raceTraces[position], read: read, write: write, key: key))
                    break
                }
            }
        }
        return out
    }

    /// The write runs only when the read found nothing: `if not v`, `unless v`, `if (!v)`, `v.nil?`,
    /// `v is None`, `return v if v` (the rest of the function), Swift's `if let v = … { return }` / `guard let
    /// v = … else`.
    /// The trace is `traces[position]`, read in place (passing it by itself copied it).
    static func missBranch(_ traces: [Trace], _ position: Int, readIndex: Int, write: RedisOp) -> Bool {
        let read = traces[position].ops[readIndex]
        for index in write.conditions where traces[position].conditions.indices.contains(index) {
            let condition = traces[position].conditions[index]
            // The front-ends store condition text without spaces: filtering a character at a time is then
            // needed only when a space byte is there.
            let text = condition.text.utf8.contains(0x20) ? condition.text.filter { $0 != " " } : condition.text
            if condition.ops.contains(readIndex) {
                // Swift optional binding of the reply itself: `if let v = try await conn.get(k).get()`.
                if condition.negated && (text.hasPrefix("let") || text.hasPrefix("var")) && text.contains("=") { return true }
                continue
            }
            guard let name = read.assignedTo, RaceFacts.reads(condition, name) else { continue }
            if condition.negated ? present(text, name) : absent(text, name) { return true }
        }
        return false
    }

    /// `v`, `v.present?`, `v is not None`, `v != nil`, `let v` (an optional binding of `v`).
    static func present(_ text: String, _ name: String) -> Bool {
        if isASCII(text), isASCII(name) { return anyForm(presentForms, matches: text, name) }
        return presentByText(text, name)
    }

    /// `present`, by building every form and comparing it with the text (as Unicode text: for names or
    /// text that are not all ASCII).
    static func presentByText(_ text: String, _ name: String) -> Bool {
        presentForms.contains { $0.text(name) == text }
    }

    /// `!v`, `not v`, `v.nil?`, `v.blank?`, `v is None`, `v == nil`, `v === null`, `!v.present?`.
    static func absent(_ text: String, _ name: String) -> Bool {
        if isASCII(text), isASCII(name) { return anyForm(absentForms, matches: text, name) }
        return absentByText(text, name)
    }

    /// `absent`, by building every form and comparing it with the text (as Unicode text).
    static func absentByText(_ text: String, _ name: String) -> Bool {
        absentForms.contains { $0.text(name) == text }
    }

    /// Some form of `forms` matches `text` for `name` (ASCII both), compared on their UTF-8 taken once for
    /// all the forms.
    static func anyForm(_ forms: [MissForm], matches text: String, _ name: String) -> Bool {
        var text = text, name = name
        return text.withUTF8 { text in name.withUTF8 { name in forms.contains { $0.matches(text, name) } } }
    }

    /// A condition's text made of a name, as the structure records it (without spaces): `prefix + name +
    /// suffix`, then the name again when `repeatsName` (`let v = v`).
    struct MissForm: Sendable {
        let prefix: String
        let suffix: String
        let repeatsName: Bool
        /// `prefix`'s and `suffix`'s UTF-8, kept for `matches` (the strings' views were read a byte at a time
        /// through the generic sequence paths, for every form of every condition asked).
        private let prefixBytes: [UInt8], suffixBytes: [UInt8]

        init(prefix: String = "", suffix: String = "", repeatsName: Bool = false) {
            self.prefix = prefix
            self.suffix = suffix
            self.repeatsName = repeatsName
            prefixBytes = Array(prefix.utf8)
            suffixBytes = Array(suffix.utf8)
        }

        /// The form written out for `name`.
        func text(_ name: String) -> String { prefix + name + suffix + (repeatsName ? name : "") }

        /// `text` is this form of `name`, byte for byte, compared on their UTF-8 without building the form:
        /// asked for every condition of every candidate write, building the dozen strings of each list was
        /// most of the work. For ASCII text and names, where two strings are equal exactly when their bytes are.
        func matches(_ text: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
            let prefixCount = prefixBytes.count, nameCount = name.count, suffixCount = suffixBytes.count
            guard text.count == prefixCount + nameCount * (repeatsName ? 2 : 1) + suffixCount else { return false }
            for index in 0..<prefixCount where text[index] != prefixBytes[index] { return false }
            for index in 0..<nameCount where text[prefixCount + index] != name[index] { return false }
            let suffixStart = prefixCount + nameCount
            for index in 0..<suffixCount where text[suffixStart + index] != suffixBytes[index] { return false }
            guard repeatsName else { return true }
            let repeatStart = suffixStart + suffixCount
            for index in 0..<nameCount where text[repeatStart + index] != name[index] { return false }
            return true
        }
    }

    /// `present`'s and `absent`'s forms: the one list both the byte comparison and the text comparison read.
    static let presentForms: [MissForm] = [
        MissForm(), MissForm(suffix: ".present?"), MissForm(suffix: "isnotNone"), MissForm(suffix: "!=nil"),
        MissForm(suffix: "!=null"), MissForm(suffix: "!==null"), MissForm(suffix: "!==undefined"), MissForm(prefix: "!!"),
        MissForm(prefix: "let"), MissForm(prefix: "var"), MissForm(prefix: "let", suffix: "=", repeatsName: true),
    ]
    static let absentForms: [MissForm] = [
        MissForm(prefix: "!"), MissForm(prefix: "not"), MissForm(suffix: ".nil?"), MissForm(suffix: ".blank?"),
        MissForm(suffix: ".empty?"), MissForm(suffix: "isNone"), MissForm(suffix: "==None"), MissForm(suffix: "==nil"),
        MissForm(suffix: "==null"), MissForm(suffix: "===null"), MissForm(suffix: "===undefined"), MissForm(suffix: "==undefined"),
        MissForm(prefix: "!", suffix: ".present?"), MissForm(prefix: "(!", suffix: ")"), MissForm(prefix: "not(", suffix: ")"),
    ]

    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// The value written back is computed by the code (a database load, a render), not a constant default
    /// (`set(k, 0)` initialises a counter or flag) and not the reply of another Redis command (`id = incr(seq)`
    /// then `set(k, id)` records a permanent mapping).
    /// `assignedCount(name)`: how many ops of the trace assign their reply to `name`.
    static func recomputed(_ write: RedisOp, in traces: [Trace], _ position: Int, readIndex: Int, assignedCount: (String) -> Int) -> Bool {
        let command = traces[position].ops[readIndex].command
        // HSET key field value: the value is the last argument; SET key value: the first. (Read as slices of
        // the arguments, and the words from a list made once: both were made anew per write asked.)
        let arguments = write.arguments
        let values = command == "HGET" ? arguments.dropFirst() : arguments.prefix(1)
        guard !values.isEmpty else { return false }
        let constant = values.allSatisfy {
            switch $0 {
            case .literal, .number: return true
            case .dynamic(let text): return constantTexts.contains(text)
            }
        }
        if constant { return false }
        // `id = get(k); unless id; id = incr(seq)`: the name is reassigned from another reply.
        let read = traces[position].ops[readIndex]
        for name in write.argumentNames where assignedCount(name) > (read.assignedTo == name ? 1 : 0) { return false }
        return true
    }

    /// Computed values that are constants all the same (a default written on a miss).
    private static let constantTexts = ["true", "True", "TRUE", "false", "False", "nil", "None", "null", "1", "0"]

    /// How often the project writes each key and key shape with commands that maintain a value in place
    /// (`ProjectCommandIndex.valueWriters`: a key they touch is stored data that the miss branch only
    /// initialises, `count = get(k) || recount(); … incr(k)` elsewhere, not a cached copy). The keys are tallied
    /// as the project is indexed; their shapes are summed once, for the first check that asks.
    struct WrittenKeys {
        /// The keys, tallied as the project was indexed (`ProjectCommandIndex.valueWriteKeys`).
        let exact: KeyTally
        var shapes: [String: Int] = [:]

        init(_ project: ProjectModel) {
            self.init(project.index.valueWriteKeys)
        }

        /// `keys`: the project's `valueWriteKeys`.
        init(_ keys: KeyTally) {
            exact = keys
            shapes.reserveCapacity(exact.keys.count)
            // A shape's count is the sum of its keys' counts: built once per distinct key, not once per write.
            for entry in exact.keys.indices {
                if let shape = WrittenKeys.shape(exact.keys[entry]) { shapes[shape, default: 0] += exact.counts[entry] }
            }
        }

        /// The shape of a key with literal text (a key that is only a variable has none).
        static func shape(_ key: KeyExpr) -> String? {
            hasShape(key) ? key.shape : nil
        }

        /// The key has literal text (`shape(key)` is its shape).
        static func hasShape(_ key: KeyExpr) -> Bool { key.parts.count > 1 || key.isFullyLiteral }

        /// Some other op of the project writes a pair's key (the same text, or the same shape when it has
        /// literal text): the key holds data the code owns, and the miss branch is a lazy default. The pair's
        /// own write is one of the counted writes.
        /// `keyShape`: `key.shape`, which the caller has.
        func writtenElsewhere(_ key: KeyExpr, shape keyShape: String?) -> Bool {
            if exact.count(of: key) > 1 { return true }
            if WrittenKeys.hasShape(key), let keyShape, (shapes[keyShape] ?? 0) > 1 { return true }
            return false
        }
    }

    /// The key's literal words or its variable's name say the value is meant to stay.
    static func permanent(_ key: KeyExpr) -> Bool {
        key.parts.contains { part in
            switch part {
            case .literal(let bytes): return permanentWordList.containsWord(of: bytes)
            // A variable named `key` says nothing about the value.
            case .hole(let text): return key.parts.count == 1 && permanentHoleWords.containsWord(of: text)
            }
        }
    }

    private static let permanentWordList = WordList(permanentWords)
    private static let permanentHoleWords = WordList(permanentWords.subtracting(["key"]))
}
