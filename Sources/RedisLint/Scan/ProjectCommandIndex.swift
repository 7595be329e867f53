/// Where each command is sent across the project, built once when the project is linked so that
/// project-wide rules (an XACK in another worker, an EXPIRE in another module) ask in O(1) instead of
/// walking every file for every file.
public struct ProjectCommandIndex: Sendable {
    /// One op of one trace of one file.
    /// Kept for every op of the project: three `Int32`s, half the size of three `Int`s.
    public struct Location: Sendable {
        private var storedFile: Int32
        private var storedTrace: Int32
        private var storedOp: Int32

        public init(file: Int, trace: Int, op: Int) {
            storedFile = Int32(file)
            storedTrace = Int32(trace)
            storedOp = Int32(op)
        }

        public var file: Int {
            get { Int(storedFile) }
            set { storedFile = Int32(newValue) }
        }
        public var trace: Int {
            get { Int(storedTrace) }
            set { storedTrace = Int32(newValue) }
        }
        public var op: Int {
            get { Int(storedOp) }
            set { storedOp = Int32(newValue) }
        }
    }

    /// Host-code ops by upper-case command name.
    public private(set) var host: [String: [Location]] = [:]
    /// Files whose Lua scripts call the command.
    public private(set) var scripts: [String: [Int]] = [:]
    /// Keys some op gives a TTL (`RedisOp.givesTTL`), and keys passed to scripts that expire keys.
    public private(set) var keysGivenTTL: Set<KeyExpr> = []
    /// `KeyExpr.shape` of every key in `keysGivenTTL`.
    public private(set) var shapesGivenTTL: Set<String> = []
    /// The first key of every host-code op that maintains a value in place (`valueWriters`), tallied: how often
    /// the project writes each key (RL404 asks whether a cache's key is data the code owns). Gathered with
    /// the parts, on every thread: counted when the first file asked, it held up the other threads, which
    /// waited for it (~10 ms of a 131 MB tree's 379 ms at `--jobs 2`).
    public private(set) var valueWriteKeys = KeyTally()

    /// Commands that maintain a value in place: a key they touch is stored data, not a cached copy.
    public static let valueWriters: Set<String> = ["SET", "HSET", "HMSET", "MSET", "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY",
                                                   "HINCRBY", "HINCRBYFLOAT", "APPEND", "SETRANGE", "SETBIT", "HDEL"]
    /// `valueWriters` by command number (`CommandIDs`). A name outside the table is looked up in `valueWriters`
    /// (as a `String`, as `host` joins names).
    fileprivate static let valueWriterNumbers: [Bool] = {
        var numbers = [Bool](repeating: false, count: CommandIDs.count)
        for name in valueWriters where CommandIDs.id(name) >= 0 { numbers[Int(CommandIDs.id(name))] = true }
        return numbers
    }()

    /// Each file's part is gathered on `jobs` threads; joining the parts costs a look-up per command per
    /// file instead of one per op (built serially, the index held up every core between the two phases).
    public init(files: [FileModel], jobs: Int = 1) {
        self.init(parts: parallelMap(count: files.count, jobs: jobs) { FilePart(files[$0]) })
    }

    /// The index of the files whose parts these are, in file order. A scan gathers each part in phase 1,
    /// right after its file's model is made (`Scanner.scan`): the ops are then still in the cache, and
    /// reading every op of the project again here was mostly waiting for memory.
    ///
    /// `shared`: the keys the parts' files give a TTL and write values to, gathered as the parts were made (then
    /// the parts hold none); joined from the parts when nil.
    init(parts: [FilePart], sharedKeys shared: SharedKeys? = nil) {
        // Each command's locations are gathered by command number (`slots`, -1 for none yet), or by name for a
        // command outside the table, and `host` is made at the end, one insert per command: looking each
        // file's commands up in `host` by name hashed a name per command per file.
        // (None for a project that sends nothing: counting the commands reads the whole command table, which
        // doubled the instructions of a run over files with no Redis code.)
        var slots = [Int32](repeating: -1, count: parts.contains { $0.contents != nil } ? CommandIDs.count : 0)
        var otherSlots: [String: Int] = [:]
        var names: [String] = []
        var lists: [[Location]] = []
        for (fileIndex, part) in parts.enumerated() {
            guard let part = part.contents else { continue }  // a file that sends nothing
            for entry in part.commands.indices {
                let id = part.commandIDs[entry]
                var slot = id >= 0 ? Int(slots[Int(id)]) : otherSlots[part.commands[entry]] ?? -1
                if slot < 0 {
                    // Every command's name is kept in `otherSlots` too, and a numbered one first looked for
                    // there: a name outside the table can still equal a numbered one as a `String` (the Kelvin
                    // sign equals `K`), and `host`, keyed by name, must get one list for both.
                    if id >= 0, let shared = otherSlots[part.commands[entry]] {
                        slot = shared
                    } else {
                        slot = lists.count
                        otherSlots[part.commands[entry]] = slot
                        names.append(part.commands[entry])
                        lists.append([])
                    }
                    if id >= 0 { slots[Int(id)] = Int32(slot) }
                }
                lists[slot].append(contentsOf: part.locations[entry].lazy.map { location in
                    var located = location
                    located.file = fileIndex
                    return located
                })
            }
            keysGivenTTL.formUnion(part.keysGivenTTL)
            for key in part.valueWriteKeys { valueWriteKeys.add(key) }
            for command in part.scriptCommands { scripts[command, default: []].append(fileIndex) }
        }
        host.reserveCapacity(names.count)
        for slot in names.indices { host[names[slot]] = lists[slot] }
        if let shared {
            // Each distinct key hashed into the set once, here (in phase 1 a set hashed every file's keys).
            keysGivenTTL = Set(shared.keys.withLock { $0.keys })
            shapesGivenTTL = shared.shapes.withLock { $0 }
            valueWriteKeys = shared.valueWriteKeys.withLock { $0 }
        } else {
            shapesGivenTTL = Set(keysGivenTTL.compactMap(\.shape))
        }
    }

    /// The keys given a TTL, and their shapes, and the keys values are written to, across the files of one
    /// scan, gathered as each file's part is made (phase 1, on every thread): joining the parts' sets between
    /// the two phases hashed every key again while one thread worked and the others waited.
    final class SharedKeys: Sendable {
        /// Tallied (`KeyTally`, a cheap hash of each key's bytes), not in a set: most keys recur across files.
        fileprivate let keys = Locked<KeyTally>(KeyTally())
        fileprivate let shapes = Locked<Set<String>>([])
        fileprivate let valueWriteKeys = Locked<KeyTally>(KeyTally())
    }

    /// One file's share of the index. Its locations say file 0: the file's place in the project is set
    /// when the parts are joined.
    struct FilePart: Sendable {
        /// Nil for a file that sends no command (most files of a tree): its part is then one word to copy
        /// and destroy, where four empty collections cost ~1,000 instructions a file.
        fileprivate let contents: Contents?

        fileprivate final class Contents: Sendable {
            /// The commands the file sends, in the order first sent (so the index does not depend on hashing
            /// order), and where each is sent (a list, not a table by name: joining the parts would hash each
            /// name twice, on the thread that runs alone between the phases).
            let commands: [String]
            /// Each command's number (`CommandIDs`, -1 outside the table), for the join.
            let commandIDs: [Int32]
            let locations: [[Location]]
            let keysGivenTTL: Set<KeyExpr>
            let valueWriteKeys: [KeyExpr]
            let scriptCommands: [String]

            init(commands: [String], commandIDs: [Int32], locations: [[Location]], keysGivenTTL: Set<KeyExpr>, valueWriteKeys: [KeyExpr],
                 scriptCommands: [String]) {
                (self.commands, self.commandIDs, self.locations, self.keysGivenTTL, self.valueWriteKeys, self.scriptCommands) =
                    (commands, commandIDs, locations, keysGivenTTL, valueWriteKeys, scriptCommands)
            }
        }

        /// `sharing`: where the file's keys given a TTL and written values go (the part then holds none).
        init(_ file: FileModel, sharing shared: SharedKeys? = nil) {
            let traces = file.traces
            var commands: [String] = []
            var commandIDs: [Int32] = []
            var lists: [[Location]] = []
            // The first keys of the ops that give a TTL, repeats and all: hashed once, into the set they
            // end in (a set per file hashed most of them twice).
            var ttlKeys: [KeyExpr] = []
            var valueWriteKeys: [KeyExpr] = []
            if traces.contains(where: { !$0.ops.isEmpty }) {
                // The ops' locations gathered per command in `lists`, found by command number (`slots`, -1
                // for none yet, on the stack: an array of them was allocated and filled for every file), or
                // by name for a command outside the table: hashing every op's command name into `host` cost
                // more than the rest of the loop.
                let valueWriters = ProjectCommandIndex.valueWriterNumbers  // (read once: a global asks `swift_once` each time)
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: CommandIDs.count) { slots in
                    slots.initialize(repeating: -1)
                    var otherSlots: [String: Int] = [:]
                    for traceIndex in traces.indices {
                        // Read in place: `for op in ops` copied every op (a dozen retains and releases each).
                        traces[traceIndex].ops.withUnsafeBufferPointer { ops in
                            for opIndex in ops.indices {
                                let location = Location(file: 0, trace: traceIndex, op: opIndex)
                                let id = ops[opIndex].commandID
                                let slot = id >= 0 ? Int(slots[Int(id)]) : otherSlots[ops[opIndex].command] ?? -1
                                if slot >= 0 {
                                    lists[slot].append(location)
                                } else {
                                    if id >= 0 { slots[Int(id)] = Int32(lists.count) } else { otherSlots[ops[opIndex].command] = lists.count }
                                    lists.append([location])
                                    commands.append(ops[opIndex].command)
                                    commandIDs.append(id)
                                }
                                if ops[opIndex].givesTTL, let key = ops[opIndex].keys.first { ttlKeys.append(key) }
                                if id >= 0 ? valueWriters[Int(id)] : ProjectCommandIndex.valueWriters.contains(ops[opIndex].command),
                                   let key = ops[opIndex].keys.first {
                                    valueWriteKeys.append(key)
                                }
                            }
                        }
                    }
                }
            }
            var scriptCommands: [String] = []
            var seen: Set<String> = []
            // Read in place (binding a script is one retain of its box, `EmbeddedScript.Storage`).
            file.scripts.withUnsafeBufferPointer { scripts in
                for script in scripts.indices where scripts[script].givesTTL {
                    for site in scripts[script].callSites { ttlKeys += site.keys }
                }
                for script in scripts.indices {
                    for call in scripts[script].script.redisCalls {
                        guard let command = call.command, seen.insert(command).inserted else { continue }
                        scriptCommands.append(command)
                    }
                }
            }
            var keysGivenTTL: Set<KeyExpr> = []
            if let shared {
                if !ttlKeys.isEmpty {
                    // Shapes only for keys new to the scan (once per key, as a join would), worked out outside the lock.
                    var newKeys: [KeyExpr] = []
                    shared.keys.withLock { keys in
                        for key in ttlKeys where keys.add(key) { newKeys.append(key) }
                    }
                    let shapes = newKeys.compactMap(\.shape)
                    if !shapes.isEmpty { shared.shapes.withLock { $0.formUnion(shapes) } }
                }
                if !valueWriteKeys.isEmpty {
                    // Hashed outside the lock: the other threads wait only for the inserts.
                    let hashes = valueWriteKeys.map(KeyTally.hash)
                    shared.valueWriteKeys.withLock { tally in
                        for index in valueWriteKeys.indices { tally.add(valueWriteKeys[index], hash: hashes[index]) }
                    }
                    valueWriteKeys = []
                }
            } else {
                keysGivenTTL = Set(ttlKeys)
            }
            guard !commands.isEmpty || !keysGivenTTL.isEmpty || !scriptCommands.isEmpty else {  // (a value write is a command)
                contents = nil
                return
            }
            contents = Contents(commands: commands, commandIDs: commandIDs, locations: lists, keysGivenTTL: keysGivenTTL, valueWriteKeys: valueWriteKeys,
                                scriptCommands: scriptCommands)
        }
    }
}

extension ProjectModel {
    /// Host-code ops of the project sending `command` (upper case).
    public func ops(_ command: String) -> [RedisOp] {
        (index.host[command] ?? []).map { files[$0.file].traces[$0.trace].ops[$0.op] }
    }

    /// `body` with the first key of each host-code op sending `command` (nil for an op without keys), in
    /// `ops(_:)` order. Read field by field: for a rule that wants only the key, copying whole ops was most of
    /// the cost, and a list of the keys copied each of them.
    public func forEachFirstKey(_ command: String, _ body: (KeyExpr?) throws -> Void) rethrows {
        guard let locations = index.host[command] else { return }
        for location in locations { try body(files[location.file].traces[location.trace].ops[location.op].keys.first) }
    }

    /// Some host-code op sending `command` satisfies `predicate` (asked without building an array of
    /// copies: an op is a large value, and copying one retains a dozen references).
    public func containsOp(_ command: String, where predicate: (RedisOp) throws -> Bool) rethrows -> Bool {
        for location in index.host[command] ?? [] where try withOp(at: location, predicate) {
            return true
        }
        return false
    }

    /// `body` applied to the op at `location`, read in place: an array's subscript hands out a copy
    /// of the element, a buffer pointer's lends it.
    private func withOp<Result>(at location: ProjectCommandIndex.Location, _ body: (RedisOp) throws -> Result) rethrows -> Result {
        try files.withUnsafeBufferPointer { files in
            try files[location.file].traces.withUnsafeBufferPointer { traces in
                try traces[location.trace].ops.withUnsafeBufferPointer { ops in try body(ops[location.op]) }
            }
        }
    }

    /// Every script of the project (with its file) that calls `command` at least once.
    public func scripts(calling command: String) -> [EmbeddedScript] {
        (index.scripts[command] ?? []).flatMap { files[$0].scripts }
    }
}
