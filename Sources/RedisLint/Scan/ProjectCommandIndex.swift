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

    /// Each file's part is gathered on `jobs` threads; joining the parts costs a look-up per command per
    /// file instead of one per op (built serially, the index held up every core between the two phases).
    public init(files: [FileModel], jobs: Int = 1) {
        self.init(parts: parallelMap(count: files.count, jobs: jobs) { FilePart(files[$0]) })
    }

    /// The index of the files whose parts these are, in file order. A scan gathers each part in phase 1,
    /// right after its file's model is made (`Scanner.scan`): the ops are then still in the cache, and
    /// reading every op of the project again here was mostly waiting for memory.
    ///
    /// `keysGivenTTL`: the keys the parts' files give a TTL, gathered as the parts were made (then the parts
    /// hold none); joined from the parts when nil.
    init(parts: [FilePart], keysGivenTTL shared: SharedTTLKeys? = nil) {
        for (fileIndex, part) in parts.enumerated() {
            for command in part.commands {
                host[command, default: []].append(contentsOf: part.host[command]!.lazy.map { location in
                    var located = location
                    located.file = fileIndex
                    return located
                })
            }
            keysGivenTTL.formUnion(part.keysGivenTTL)
            for command in part.scriptCommands { scripts[command, default: []].append(fileIndex) }
        }
        if let shared {
            keysGivenTTL = shared.keys.withLock { $0 }
            shapesGivenTTL = shared.shapes.withLock { $0 }
        } else {
            shapesGivenTTL = Set(keysGivenTTL.compactMap(\.shape))
        }
    }

    /// The keys given a TTL, and their shapes, across the files of one scan, gathered into one set as each
    /// file's part is made (phase 1, on every thread): joining the parts' sets between the two phases hashed
    /// every key again while one thread worked and the others waited.
    final class SharedTTLKeys: Sendable {
        fileprivate let keys = Locked<Set<KeyExpr>>([])
        fileprivate let shapes = Locked<Set<String>>([])
    }

    /// One file's share of the index. Its locations say file 0: the file's place in the project is set
    /// when the parts are joined.
    struct FilePart: Sendable {
        fileprivate var host: [String: [Location]] = [:]
        /// `host`'s commands in the order first sent, so the index does not depend on hashing order.
        fileprivate var commands: [String] = []
        fileprivate var keysGivenTTL: Set<KeyExpr> = []
        fileprivate var scriptCommands: [String] = []

        /// `sharing`: where the file's keys given a TTL go (the part then holds none).
        init(_ file: FileModel, sharing shared: SharedTTLKeys? = nil) {
            let traces = file.traces
            // The ops' locations gathered per command in `lists`, found by command number (`slots`, -1 for
            // none yet), or by name for a command outside the table: hashing every op's command name into
            // `host` cost more than the rest of the loop.
            var slots = [Int32](repeating: -1, count: CommandIDs.count)
            var otherSlots: [String: Int] = [:]
            var lists: [[Location]] = []
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
                        }
                        if ops[opIndex].givesTTL, let key = ops[opIndex].keys.first { keysGivenTTL.insert(key) }
                    }
                }
            }
            host.reserveCapacity(commands.count)
            for (command, list) in zip(commands, lists) { host[command] = list }
            for script in file.scripts where script.givesTTL {
                for site in script.callSites { keysGivenTTL.formUnion(site.keys) }
            }
            if let shared, !keysGivenTTL.isEmpty {
                // Shapes only for keys new to the scan (once per key, as a join would), worked out outside the lock.
                var newKeys: [KeyExpr] = []
                shared.keys.withLock { keys in
                    for key in keysGivenTTL where keys.insert(key).inserted { newKeys.append(key) }
                }
                let shapes = newKeys.compactMap(\.shape)
                if !shapes.isEmpty { shared.shapes.withLock { $0.formUnion(shapes) } }
                keysGivenTTL = []
            }
            var seen: Set<String> = []
            for script in file.scripts {
                for call in script.script.redisCalls {
                    guard let command = call.command, seen.insert(command).inserted else { continue }
                    scriptCommands.append(command)
                }
            }
        }
    }
}

extension ProjectModel {
    /// Host-code ops of the project sending `command` (upper case).
    public func ops(_ command: String) -> [RedisOp] {
        (index.host[command] ?? []).map { files[$0.file].traces[$0.trace].ops[$0.op] }
    }

    /// The first key of each host-code op sending `command` (nil for an op without keys), in `ops(_:)`
    /// order. Read field by field: for a rule that wants only the key, copying whole ops was most of the cost.
    public func firstKeys(_ command: String) -> [KeyExpr?] {
        (index.host[command] ?? []).map { files[$0.file].traces[$0.trace].ops[$0.op].keys.first }
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
