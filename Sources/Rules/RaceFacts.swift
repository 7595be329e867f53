import RedisLint

/// Command sets and IR predicates shared by the atomicity (RL2xx) and lock (RL3xx) rules, so that
/// the rules agree on which pair of ops belongs to which of them (each pair is reported once).
enum RaceFacts {
    /// Commands whose reply tells the client something about a key's current state.
    static let reads: Set<String> = [
        "GET", "EXISTS", "HGET", "HEXISTS", "HMGET", "HGETALL", "SISMEMBER", "SMISMEMBER", "TTL", "PTTL",
        "ZSCORE", "ZCARD", "SCARD", "LLEN", "HLEN", "STRLEN", "GETBIT", "TYPE", "LINDEX", "ZRANK", "HSTRLEN",
    ]
    /// Writes that claim or update shared state (check-then-act targets).
    static let stateWrites: Set<String> = [
        "SET", "SETEX", "PSETEX", "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "HSET", "HMSET",
        "HINCRBY", "HINCRBYFLOAT", "SADD", "SREM", "ZADD", "ZINCRBY", "ZREM", "LPUSH", "RPUSH", "APPEND",
        "SETBIT", "GETSET", "HDEL",
    ]
    /// Writes that store a value (cache-aside writes back a recomputed value with one of these).
    static let stores: Set<String> = ["SET", "SETEX", "PSETEX", "HSET", "HMSET"]
    static let storeIDs = CommandSet(stores)
    /// Commands that create a key (or add to it) and leave it without a TTL.
    static let creates: Set<String> = [
        "SET", "SETNX", "GETSET", "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "HSET", "HMSET",
        "HSETNX", "HINCRBY", "HINCRBYFLOAT", "SADD", "ZADD", "ZINCRBY", "LPUSH", "RPUSH", "XADD", "PFADD",
        "SETBIT", "APPEND",
    ]
    static let expires: Set<String> = ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"]
    /// Relative TTL commands: the ones that move a window when repeated.
    static let relativeExpires: Set<String> = ["EXPIRE", "PEXPIRE"]
    static let counters: Set<String> = ["INCR", "INCRBY"]
    static let ttlOptions = RedisOp.ttlOptions
    static let deletes: Set<String> = ["DEL", "UNLINK"]
    static let deleteIDs = CommandSet(deletes)
    // The sets above as `CommandSet`s, for the loops over every op.
    static let readIDs = CommandSet(reads)
    static let stateWriteIDs = CommandSet(stateWrites)
    static let expireIDs = CommandSet(expires)
    static let createIDs = CommandSet(creates)
    static let relativeExpireIDs = CommandSet(relativeExpires)
    static let counterIDs = CommandSet(counters)
    /// The commands `isAcquire` can say yes to (the names of its switch).
    static let acquires: Set<String> = ["SETNX", "GETSET", "SET"]
    static let acquireIDs = CommandSet(acquires)
    /// The commands `LockPairs` reads: acquires and deletes.
    static let lockPairIDs = CommandSet(deletes.union(acquires))

    /// An op a race or lock rule may reason about: a real client (not a guess from a short name)
    /// and not inside Lua, where the script is atomic.
    static func usable(_ op: RedisOp) -> Bool {
        op.confidence >= .medium && op.context != .lua
    }

    /// Both ops come from one call of a helper of the file: the pair is reported inside the helper,
    /// where its conditions are visible (a call site only carries the call's own conditions).
    static func sameHelperCall(_ a: RedisOp, _ b: RedisOp) -> Bool {
        a.viaHelper != nil && b.viaHelper != nil && a.span == b.span
    }

    /// A key that is only a variable (`${id}`) names the same key in two ops only when no loop is involved:
    /// `r.set(id, v)` in one loop and `r.expire(id, t)` in another are different keys.
    static func sameKeyInstance(_ key: KeyExpr, _ a: RedisOp, _ b: RedisOp) -> Bool {
        guard key.parts.count == 1, case .hole = key.parts[0] else { return true }
        return a.loopDepth == 0 && b.loopDepth == 0
    }

    /// The op is sent with `NX` or `XX` (atomic on its own, or an EXPIRE that repairs a missing TTL).
    static func hasNXOrXX(_ op: RedisOp) -> Bool {
        let options = op.options
        if options.count > 4 { return options.contains("NX") || options.contains("XX") }
        return options.contains { $0 == "NX" || $0 == "XX" }
    }

    /// `options.contains(option)`. An op has an option or two (most none): they are compared one by one (`==`,
    /// as the set's look-up compares), which costs less than hashing the name (~250 instructions an ask); an
    /// empty set is not asked at all (`Set.contains` is a call that retains the name).
    static func contains(_ options: Set<String>, _ option: String) -> Bool {
        options.count > 4 ? options.contains(option) : options.contains { $0 == option }
    }

    /// The op is sent with one of `RedisOp.expiryOptions` (`EX`, `PX`, `EXAT`, `PXAT`): `!isDisjoint(with:)`,
    /// asked of an ASCII option's bytes (`RedisOp.isTTLWord`: hashing each option into the set cost ~460
    /// instructions per lock op); other options are asked of the set (its look-up compares by canonical
    /// equivalence).
    static func hasExpiryOption(_ op: RedisOp) -> Bool {
        let options = op.options
        if options.isEmpty { return false }
        for option in options {
            switch RedisOp.isTTLWord(option.utf8, foldingCase: false) {
            // The TTL words are the expiry options and `KEEPTTL`, the only one of seven bytes.
            case true?: if option.utf8.count != 7 { return true }
            case false?: continue
            case nil: if RedisOp.expiryOptions.contains(option) { return true }
            }
        }
        return false
    }

    /// The op is sent with `option` (`contains(_:_:)`).
    static func hasOption(_ op: RedisOp, _ option: String) -> Bool {
        contains(op.options, option)
    }

    /// A single-op finding belongs where the command is written, not at every call of its helper.
    static func writtenHere(_ op: RedisOp) -> Bool { op.viaHelper == nil }

    // MARK: conditions

    /// `write` runs only depending on the reply of `traces[position].ops[readIndex]`: the read is evaluated in
    /// a condition guarding the write, or its reply variable is read by such a condition.
    ///
    /// The race helpers take the trace list and a position, and read the trace in place through it: a trace
    /// passed by itself (`traces[position]`) was copied for the call, its lists retained and released.
    static func guards(_ traces: [Trace], _ position: Int, readIndex: Int, write: RedisOp) -> Bool {
        let name = traces[position].ops[readIndex].assignedTo
        // The conditions are read in place: binding one copied it (its lists retained and released).
        for index in write.conditions where traces[position].conditions.indices.contains(index) {
            if traces[position].conditions[index].ops.contains(readIndex) { return true }
            if let name, reads(names: traces[position].conditions[index].names, name) { return true }
        }
        return false
    }

    /// The condition reads `name` (`condition.names.contains(name)`). A condition reads a name or two: they
    /// are compared with it one by one (`==`, as the set's look-up compares), which costs less than hashing it.
    static func reads(_ condition: Condition, _ name: String) -> Bool {
        reads(names: condition.names, name)
    }

    /// `names` (a condition's) holds `name`. The trace helpers pass a condition's names read in place: passing the
    /// condition copied it (its text, ops and names retained and released, ~200 instructions a condition, 1.8M of
    /// check-then-act's `guards` on nb10).
    static func reads(names: Set<String>, _ name: String) -> Bool {
        names.count > 4 ? names.contains(name) : names.contains { $0 == name }
    }

    /// The reply of `read` is used to compute the value `write` stores (get → compute → set). (A write reads
    /// a name or two: `contains(_:_:)` compares them with the name instead of hashing it, 3,536 asks on nb10.)
    static func feeds(_ read: RedisOp, _ write: RedisOp) -> Bool {
        guard let name = read.assignedTo else { return false }
        return contains(write.argumentNames, name)
    }

    /// A `WATCH` of `key` precedes op `index` in the trace (optimistic locking: EXEC fails on a change).
    static func watched(_ traces: [Trace], _ position: Int, key: KeyExpr, before index: Int) -> Bool {
        traces[position].ops[..<index].contains { ClusterSupport.watchID.contains($0.commandID, $0.command) && $0.keys.contains(key) }
    }

    // MARK: window reset vs expire-not-atomic

    /// RL203's pair: INCR/INCRBY of K followed by an EXPIRE/PEXPIRE of K that runs on every hit
    /// (no NX, not guarded by the counter's value) on a key that is not already a time bucket.
    static func isWindowReset(_ traces: [Trace], _ position: Int, counterIndex: Int, expireIndex: Int) -> Bool {
        isWindowReset(traces, position, counterIndex: counterIndex, expireIndex: expireIndex,
                      counterID: traces[position].ops[counterIndex].commandID, expireID: traces[position].ops[expireIndex].commandID)
    }

    /// `isWindowReset` for ops whose command numbers the caller has (`FileCommandIDs`): an op's own
    /// `commandID` hashes its name when the file was not compacted (every kept file), four times per
    /// finding of RL202 and RL203.
    static func isWindowReset(_ traces: [Trace], _ position: Int, counterIndex: Int, expireIndex: Int, counterID: Int32, expireID: Int32) -> Bool {
        // Commands first, in place: most pairs asked about are not counter + EXPIRE, and binding an op copies it.
        // By command number: the numbers are kept with each op's shape, and hashing the names cost more.
        guard counterIDs.contains(counterID, traces[position].ops[counterIndex].command),
              relativeExpireIDs.contains(expireID, traces[position].ops[expireIndex].command) else { return false }
        let counter = traces[position].ops[counterIndex], expire = traces[position].ops[expireIndex]
        guard !hasNXOrXX(expire) else { return false }
        guard !guards(traces, position, readIndex: counterIndex, write: expire),
              expire.conditions.isEmpty || !guardedByTTLRead(traces, position, expire) else { return false }
        // A key held in a variable may or may not contain the window (`key = "rate:#{user}:#{minute}"`):
        // the IR keeps only the variable's name, so such pairs are left to RL202.
        guard let key = expire.keys.first, !key.literalPrefix.isEmpty || key.parts.count > 1, !hasTimeBucket(key) else { return false }
        // A counter whose value is used (a limiter) or whose name says it limits something.
        return counter.assignedTo != nil || limiterLike(key) || limiterLike(traces[position].name)
    }

    /// The op is guarded by a TTL/PTTL check of its key: the "repair a missing TTL" pattern.
    /// A TTL read of the op's key guards it when a condition of the op evaluates it, or reads its reply. The
    /// trace's TTL reads of the key are found in one pass, and each asked of the op's conditions (the ops
    /// were searched again for every condition, their command names compared as strings).
    static func guardedByTTLRead(_ traces: [Trace], _ position: Int, _ op: RedisOp) -> Bool {
        if op.conditions.isEmpty { return false }
        let key = op.keys.first
        // By index: `for read in trace.ops` copied every op.
        for read in traces[position].ops.indices
        where ttlReadIDs.contains(traces[position].ops[read].commandID, traces[position].ops[read].command) && traces[position].ops[read].keys.first == key {
            let name = traces[position].ops[read].assignedTo
            for index in op.conditions where traces[position].conditions.indices.contains(index) {
                if traces[position].conditions[index].ops.contains(read) { return true }
                if let name, reads(names: traces[position].conditions[index].names, name) { return true }
            }
        }
        return false
    }

    /// `TTL` and `PTTL`, by command number.
    static let ttlReadIDs = CommandSet(["TTL", "PTTL"])

    /// The key embeds the current time window (`rate:#{user}:#{Time.now.to_i / 60}`): a new key per
    /// window, so refreshing the TTL does not extend the window.
    static func hasTimeBucket(_ key: KeyExpr) -> Bool {
        let markers = ["time", "minute", "hour", "window", "bucket", "epoch", "now", "period", "second", "day", "date", "interval", "slot", "ts"]
        for part in key.parts {
            guard case .hole(let text) = part else { continue }
            let words = Self.words(text)
            if words.contains(where: { markers.contains($0) }) { return true }
            let lower = text.lowercased()
            if lower.contains("time") || lower.contains("now") || lower.contains("minute") || lower.contains("/60") || lower.contains("//60") { return true }
        }
        return false
    }

    /// A word of the key's literal text says it limits something. (Each literal is read on its own: no word
    /// runs across a hole.)
    static func limiterLike(_ key: KeyExpr) -> Bool {
        key.parts.contains { part in
            if case .literal(let bytes) = part { return limiterWords.containsWord(of: bytes) }
            return false
        }
    }

    static func limiterLike(_ text: String) -> Bool {
        limiterWords.containsWord(of: text)
    }

    static let limiterWords = WordList(["rate", "ratelimit", "limit", "limiter", "throttle", "throttled", "attempts", "attempt", "quota", "hits", "limited", "allow", "allowed"])

    // MARK: locks

    /// A lock taken: `SETNX`, `GETSET`, or `SET` with NX or GET. Every command it can say yes to is in
    /// `acquires` (the lock rules pick ops by `acquireIDs` before asking).
    static func isAcquire(_ op: RedisOp) -> Bool {
        switch op.command {
        case "SETNX", "GETSET": return true
        case "SET": return hasOption(op, "NX") || hasOption(op, "GET")
        default: return false
        }
    }

    /// An acquire only one caller can win: `SETNX`, `SET … NX`. `GETSET` and `SET … GET` swap in a value whoever
    /// holds the key; they take a lock when their reply decides whether to go on (`unless conn.getset(key, "yes")`),
    /// and are otherwise a plain write that returns the old value.
    static func isExclusiveAcquire(_ op: RedisOp) -> Bool {
        op.command == "SETNX" || op.command == "SET" && hasOption(op, "NX")
    }

    /// The reply of op `index` of `trace` decides a branch: the op is in a condition (`unless conn.getset(k, v)`),
    /// or a condition reads the name its reply is assigned to (`old = r.getset(k, v)`, then `if old`).
    static func replyIsTested(_ trace: Trace, _ index: Int) -> Bool {
        let assigned = trace.ops[index].assignedTo
        return trace.conditions.contains { condition in
            condition.ops.contains(index) || assigned.map { condition.names.contains($0) } == true
        }
    }

    /// The key's literal text or variable names say it is a lock (`lock:#{name}`, `lock_key`, `mutex`).
    static func lockNamed(_ key: KeyExpr) -> Bool {
        key.parts.contains { part in
            switch part {
            case .literal(let bytes): return lockWords.containsWord(of: bytes)
            case .hole(let text): return lockWords.containsWord(of: text)
            }
        }
    }

    /// A function named to insert a record only when it is absent (hummingbird's persist driver: `create(key:value:expires:)`
    /// sends `SET key value NX EX`, and `remove(key:)` a `DEL`): its first word (of its last dotted part) is `create`,
    /// `add` or `insert`, and no word says lock (`createLock`, `add_lock` take locks). (`put` is not one: huey's
    /// `put_if_empty` is the SETNX its task lock is taken with.)
    static func insertsRecord(_ functionName: String) -> Bool {
        guard insertWords.containsLeadingWord(ofFunction: functionName) else { return false }
        return !lockWords.containsWord(of: functionName)
    }

    static let insertWords = WordList(["create", "add", "insert"])

    static let lockWords = WordList(["lock", "locks", "locked", "locking", "mutex", "semaphore", "leader", "leadership", "lease", "election"])

    /// Same key shape: equal literal parts, holes anywhere. Used to match a lock acquired in one
    /// function with its release in another (`"lock:#{name}"` and `"lock:#{job}"`). Needs some literal
    /// text, otherwise every variable key would match every other.
    static func sameShape(_ a: KeyExpr, _ b: KeyExpr) -> Bool {
        if a == b { return true }
        guard a.parts.count == b.parts.count, a.parts.contains(where: { if case .literal = $0 { return true } else { return false } }) else { return false }
        for (x, y) in zip(a.parts, b.parts) {
            switch (x, y) {
            case (.literal(let p), .literal(let q)): if p != q { return false }
            case (.hole, .hole): continue
            default: return false
            }
        }
        return true
    }

    /// `traces(context.file)`, filtered once per file for the many rules that ask.
    static func traces(_ context: RuleContext) -> [Trace] {
        context.fileFact("RaceFacts.traces") {
            let indices = traceIndices(context)
            // Every trace kept (most files have no test function): the file's own list, not a copy of each trace.
            if indices.count == context.file.traces.count { return context.file.traces }
            return indices.map { context.file.traces[$0] }
        }
    }

    /// The traces these rules read: none in test code, where tests exercise commands one by one on
    /// purpose (`test_setnx` sets, checks and deletes a key) and races do not reach production.
    static func traces(_ file: FileModel) -> [Trace] {
        traceIndices(file).map { file.traces[$0] }
    }

    /// Where `traces(context)` are in `context.file.traces` (to read facts kept by file trace, such as
    /// `FileCommandIDs`), found once per file.
    static func traceIndices(_ context: RuleContext) -> [Int] {
        context.fileFact("RaceFacts.traceIndices") { traceIndices(context.file) }
    }

    /// Where `traces(file)` are in `file.traces`.
    static func traceIndices(_ file: FileModel) -> [Int] {
        if file.traces.isEmpty || isTestFile(file.source.path) { return [] }
        return file.traces.indices.filter { index in !isTestFunctionName(file.traces[index].name) }
    }

    /// `test_…`, `test …` or `testX…` (X upper case): a test's name.
    static func isTestFunctionName(_ name: String) -> Bool {
        let utf8 = name.utf8
        // An ASCII name's characters are its bytes (`\r\n` aside, which no test prefix holds): compared in
        // place. (Counting the characters of every trace's name cost more than the rest of the filter.)
        // Most names do not start with `t`: no test prefix can then match, by bytes or by characters (no other
        // text is canonically equivalent to a `t`), and the rest of the name is not read.
        guard utf8.count > 4, utf8.first == 0x74 else { return false }
        if !utf8.contains(where: { $0 >= 0x80 }) {
            guard utf8.starts(with: "test".utf8) else { return false }
            let next = utf8[utf8.index(utf8.startIndex, offsetBy: 4)]
            return next == 0x5F || next == 0x20 || (next >= 65 && next <= 90)
        }
        return isTestFunctionNameByCharacters(name)
    }

    /// `isTestFunctionName` by the `String`'s characters, for any name.
    static func isTestFunctionNameByCharacters(_ name: String) -> Bool {
        name.hasPrefix("test_") || name.hasPrefix("test ") || (name.hasPrefix("test") && name.count > 4 && name.utf8.dropFirst(4).first.map { $0 >= 65 && $0 <= 90 } == true)
    }

    /// `tests/`, `spec/`, `__tests__/`, `test_x.py`, `x_test.go`, `x_spec.rb`, `x.test.ts`, `XTests.swift`.
    /// (Worked out at each ask: a few hundred instructions, less than a memo's hashing of the path and lock.)
    static func isTestFile(_ path: String) -> Bool { computeIsTestFile(path) }

    static func computeIsTestFile(_ path: String) -> Bool {
        ASCIIPath.with(path) { path in
            if path.containsFolder(where: testFolders.matches) { return true }
            guard !path.last.isEmpty else { return false }
            let file = path.lastComponent
            // The stem: the first run of bytes between dots that is not empty (`split(separator: ".").first`),
            // or the whole name when it is all dots.
            var start = 0
            while start < file.count && file[start] == 0x2E { start += 1 }
            var end = start
            while end < file.count && file[end] != 0x2E { end += 1 }
            let stem = start < file.count ? UnsafeBufferPointer(rebasing: file[start..<end]) : file
            return testStems.matches(stem) || testFileInfixes.matches(file)
        } ?? computeIsTestFileByString(path)
    }

    /// `computeIsTestFile` for any path (the ASCII form above answers the same for ASCII paths).
    static func computeIsTestFileByString(_ path: String) -> Bool {
        let components = path.split(separator: "/").map { $0.lowercased() }
        if components.dropLast().contains(where: testFolders.matches) { return true }
        guard let file = components.last else { return false }
        return testStems.matches(file.split(separator: ".").first.map(String.init) ?? file) || testFileInfixes.matches(file)
    }

    private static let testFolders = NamePatterns(names: ["test", "tests", "spec", "specs", "__tests__", "__test__", "testing"])
    /// The file name up to its first dot.
    private static let testStems = NamePatterns(prefixes: ["test_", "test-"], suffixes: ["_test", "-test", "_spec", "tests"])
    private static let testFileInfixes = NamePatterns(infixes: [".test.", ".spec."])

    /// The file's `LockPairs`, built once for the lock rules that ask (three of them do).
    static func lockPairs(_ context: RuleContext) -> LockPairs {
        context.fileFact("RaceFacts.lockPairs") { LockPairs(context) }
    }

    /// The key index of `traces[position]` (`traces(context)`, read in place) for the pair rules (check-then-act
    /// and the cache-aside flow of no-ttl both walk reads to later writes). A short trace's index (its ops,
    /// searched directly) is made for each ask: keeping it cost more, two locked steps and the file's slot list
    /// (~1,300 instructions per trace on nb10), than making it again for the other rule. A long trace's is
    /// kept in the file's `keyIndexes`, asked only then (most files have no long trace).
    static func keyIndex(_ context: RuleContext, _ position: Int, in traces: [Trace]) -> TraceKeyIndex {
        if traces[position].ops.count <= TraceKeyIndex.directSearchLimit { return TraceKeyIndex(ops: traces[position].ops) }
        return keyIndexes(context).index(position, in: traces)
    }

    /// The key indexes of the long traces of `traces(context.file)` (`KeyIndexes.index`), each built once.
    static func keyIndexes(_ context: RuleContext) -> KeyIndexes {
        context.fileFact("RaceFacts.keyIndexes") { KeyIndexes(count: traceIndices(context).count) }
    }

    /// Key indexes by trace position (in `traces(context)`), built on first use: a trace with no read never
    /// needs one. A slot per trace: a dictionary by position hashed the position twice per trace and grew
    /// (~600 instructions per trace asked, 3,536 traces on nb10).
    final class KeyIndexes: Sendable {
        /// Empty until the first index is built (most files' pair rules build none).
        private let built = Locked<[TraceKeyIndex?]>([])
        private let count: Int

        /// `count`: how many traces there are.
        init(count: Int) { self.count = count }

        /// The index of `traces[position]` (the trace read in place: passing it copied it).
        func index(_ position: Int, in traces: [Trace]) -> TraceKeyIndex {
            if let known = built.withLock({ $0.indices.contains(position) ? $0[position] : nil }) { return known }
            let index = TraceKeyIndex(ops: traces[position].ops)
            built.withLock { slots in
                if slots.isEmpty { slots = Array(filled: nil, count: count) }
                if slots.indices.contains(position) { slots[position] = index }
            }
            return index
        }
    }

    /// The file takes `key` (same key shape) with `SET … NX` and a TTL, or expires it (`SETNX lock` then `EXPIRE lock
    /// 30`): a lock that times out. The keys are gathered when a file first asks, which only a lock released without
    /// a check makes it do (gathered for every file that takes a lock, they cost 16M instructions on the synthetic
    /// corpus; walked again for every release, a generated file of 5,000 releases took 3 s).
    static func isLeased(_ key: KeyExpr, _ context: RuleContext) -> Bool {
        let leased = context.fileFact("RaceFacts.leasedKeys") { () -> KeyShapes in
            var shapes = KeyShapes()
            for trace in RaceFacts.traces(context) {
                for index in trace.ops.indices where usable(trace.ops[index]) {
                    let op = trace.ops[index]
                    guard isExclusiveAcquire(op) && hasExpiryOption(op) || expires.contains(op.command), let taken = op.keys.first else { continue }
                    shapes.insert(taken)
                }
            }
            return shapes
        }
        return leased.containsSameShape(key)
    }

    /// The keys a file takes with SET NX / SETNX / GETSET and the keys it deletes, collected once per
    /// check (asking the file's ops again for every key was quadratic in its ops), and kept as sets of
    /// keys and of shapes (asking every acquired key in turn was quadratic in a file's locks).
    struct LockPairs: Sendable {
        private var acquiredKeys = KeyShapes()
        private var deletedKeys = KeyShapes()

        init(_ context: RuleContext) {
            let file = context.file
            // By command number first: only acquires and deletes count, and the others' names (in their
            // shapes) need not be read. The numbers and trace indices are the file's, kept for every rule.
            let ids = FileCommandIDs.of(context)
            // The keys gathered first, then put in sets with room for all of them: grown from empty, the sets
            // were rebuilt at each doubling (~2,200 instructions a key on nb10, most of it the rehashing).
            var acquired: [KeyExpr] = [], deleted: [KeyExpr] = []
            for fileTrace in RaceFacts.traceIndices(context) {
                let trace = file.traces[fileTrace]
                for index in trace.ops.indices where RaceFacts.lockPairIDs.contains(ids.id(trace: fileTrace, op: index), trace.ops[index].command)
                    && RaceFacts.usable(trace.ops[index]) {
                    // A key not named like a lock is one when some call takes it with NX, or with GETSET / SET GET
                    // whose reply decides what runs (`SET mykey v GET` printed after `DEL mykey` is a write and a read,
                    // not a lock and its release).
                    // A function that inserts a record only when absent (`create`, `add`, `insert`) uses NX to keep keys
                    // unique: a key-value store's insert, not a lock, unless the key is named like one.
                    if RaceFacts.isAcquire(trace.ops[index]), let key = trace.ops[index].keys.first,
                       RaceFacts.lockNamed(key) || (!RaceFacts.insertsRecord(trace.name)
                           && (RaceFacts.isExclusiveAcquire(trace.ops[index]) || RaceFacts.replyIsTested(trace, index))) {
                        acquired.append(key)
                    }
                    if RaceFacts.deleteIDs.contains(ids.id(trace: fileTrace, op: index), trace.ops[index].command) { deleted += trace.ops[index].keys }
                }
            }
            acquiredKeys.reserve(acquired.count)
            deletedKeys.reserve(deleted.count)
            for key in acquired { acquiredKeys.insert(key) }
            for key in deleted { deletedKeys.insert(key) }
        }

        /// Key K is a lock in this file: named like one, or acquired (`acquired`) somewhere in the file and
        /// deleted somewhere (an acquire/release pair).
        func isLockKey(_ key: KeyExpr) -> Bool {
            RaceFacts.lockNamed(key) || (acquired(key) && deletedKeys.containsSameShape(key))
        }

        /// The file takes `key` with SET NX / SETNX somewhere, or with GETSET / SET GET when it is named like a lock
        /// or the reply decides a branch (same key shape).
        func acquired(_ key: KeyExpr) -> Bool {
            acquiredKeys.containsSameShape(key)
        }
    }

    /// Keys, asked whether one of them has the same shape as a key (`sameShape`) by look-up instead of
    /// comparing the key with each.
    struct KeyShapes: Sendable {
        private var keys: Set<KeyExpr> = []
        /// `shapeKey` of every key with literal text.
        private var shapes: Set<KeyExpr> = []

        /// Room for `count` keys (and their shapes), when there are enough for growing to cost more than making
        /// room (a few keys grow at little cost, and making room for them cost more on most projects).
        mutating func reserve(_ count: Int) {
            guard count > 16 else { return }
            keys.reserveCapacity(count)
            shapes.reserveCapacity(count)
        }

        mutating func insert(_ key: KeyExpr) {
            keys.insert(key)
            if RaceFacts.hasLiteral(key) { shapes.insert(RaceFacts.shapeKey(key)) }
        }

        /// Some key `k` of these has `sameShape(k, key)`: the same key, or (with literal text) the same
        /// literal parts and holes in the same places.
        func containsSameShape(_ key: KeyExpr) -> Bool {
            keys.contains(key) || (RaceFacts.hasLiteral(key) && shapes.contains(RaceFacts.shapeKey(key)))
        }
    }

    static func hasLiteral(_ key: KeyExpr) -> Bool {
        key.parts.contains { if case .literal = $0 { return true } else { return false } }
    }

    /// The key with every hole's text dropped: two keys with literal text have the same shape
    /// (`sameShape`) exactly when their shape keys are equal.
    static func shapeKey(_ key: KeyExpr) -> KeyExpr {
        KeyExpr(parts: key.parts.map { if case .hole = $0 { return .hole("") } else { return $0 } })
    }

    /// The stored value is a constant (`1`, `true`, `"locked"`): not an owner token.
    static func constantValue(_ op: RedisOp) -> String? {
        guard let value = op.arguments.first else { return nil }
        switch value {
        case .literal(let bytes):
            // An ASCII literal is screened and quoted as bytes (decoding it and upper-casing the text twice cost
            // ~900 instructions an acquire); other text the Unicode way, where upper-casing may change its length.
            if let isOption = asciiOptionWord(bytes) {
                if isOption { return nil }
                return String(unsafeUninitializedCapacity: bytes.count + 2) { text in
                    text[0] = 0x22
                    for index in bytes.indices { text[index + 1] = bytes[index] }
                    text[bytes.count + 1] = 0x22
                    return bytes.count + 2
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            return ttlOptions.contains(text.uppercased()) || text.uppercased() == "NX" ? nil : "\"" + text + "\""
        case .number(let text): return text
        case .dynamic(let text):
            if constantWords.contains(text) { return text }
            if text.hasPrefix(":"), text.count > 1, !text.hasPrefix("::") { return text }
            return nil
        }
    }

    /// Computed values that are constants all the same (made once: a list written in the call was made per call).
    private static let constantWords = ["true", "True", "TRUE", "yes", "nil", "None"]

    /// Whether ASCII `bytes`, upper-cased, are `NX` or one of `ttlOptions` (`EX`, `PX`, `EXAT`, `PXAT`,
    /// `KEEPTTL`: `RedisOp.isTTLWord`); nil when a byte is not ASCII.
    static func asciiOptionWord(_ bytes: [UInt8]) -> Bool? {
        guard let isTTLWord = RedisOp.isTTLWord(bytes, foldingCase: true) else { return nil }
        // NX in either case: setting bit 5 lower-cases `N` and `X`, and only they become `n` and `x` by it.
        return isTTLWord || (bytes.count == 2 && bytes[0] | 0x20 == 0x6E && bytes[1] | 0x20 == 0x78)
    }

    // MARK: text

    /// Lower-case alphanumeric words of an identifier or key text, splitting camelCase.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        for byte in text.utf8 {
            let isUpper = byte >= 65 && byte <= 90
            let isLower = byte >= 97 && byte <= 122
            let isDigit = byte >= 48 && byte <= 57
            if isUpper || isLower || isDigit {
                if isUpper && previousLower && !current.isEmpty {
                    out.append(String(decoding: current, as: UTF8.self))
                    current = []
                }
                current.append(isUpper ? byte + 32 : byte)
                previousLower = isLower || isDigit
            } else {
                if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
                current = []
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    static func line(_ context: RuleContext, _ op: RedisOp) -> Int {
        context.line(of: op.nameSpan.lowerBound)
    }

    /// `SET lock:${name}` style label used in messages.
    static func label(_ op: RedisOp) -> String {
        let key = op.keys.first?.display ?? ""
        return key.isEmpty ? op.command : "\(op.command) \(key)"
    }

    /// Appends `label(op)` to a message.
    static func addLabel(_ op: RedisOp, to text: inout MessageText) {
        text.add(op.command)
        if let key = op.keys.first { text.add(" ", display: key) }
    }

    /// "`SET lock:${name}` (line 12)": an op as the race messages place it, `line` being the line of its name
    /// (`RaceFacts.line`, or the start of its name's positions when the caller has them for the finding).
    static func addPlace(_ op: RedisOp, line: Int, to text: inout MessageText) {
        text.add("`")
        addLabel(op, to: &text)
        text.add("` (line ")
        text.add(line)
        text.add(")")
    }
}
