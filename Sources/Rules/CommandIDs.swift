import RedisLint

/// A set of upper-case command names that answers for an op's command number (`CommandIDs`); a name
/// outside the command table is asked by name.
struct CommandSet: Sendable {
    private let bits: [UInt64]
    /// Names without a number.
    private let others: Set<String>

    init(_ names: Set<String>) {
        var bits = [UInt64](repeating: 0, count: CommandIDs.count / 64 + 1)
        var others: Set<String> = []
        for name in names {
            let id = CommandIDs.id(name)
            if id < 0 { others.insert(name) } else { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        }
        self.bits = bits
        self.others = others
    }

    /// Whether the op whose command has number `id` (and name `name`, read only for a name outside the
    /// table) sends one of these commands.
    func contains(_ id: Int32, _ name: @autoclosure () -> String) -> Bool {
        if id >= 0 { return bits[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0 }
        return !others.isEmpty && others.contains(name())
    }

    /// `SET` alone (set-clears-ttl and lock-without-fencing-token look for it).
    static let set = CommandSet(["SET"])
}

/// The command number of every op of a file's traces, in one array (most traces hold a handful of ops:
/// an array per trace cost more than the look-ups it saved).
struct FileCommandIDs: Sendable {
    private let ids: [Int32]
    /// Where each trace's ops start in `ids`.
    private let starts: [Int]

    init(_ traces: [Trace]) {
        var ids: [Int32] = []
        var starts: [Int] = []
        starts.reserveCapacity(traces.count)
        for trace in traces.indices {
            starts.append(ids.count)
            // Read in place: binding each op copied it.
            for op in traces[trace].ops.indices { ids.append(traces[trace].ops[op].commandID) }
        }
        self.ids = ids
        self.starts = starts
    }

    /// The numbers of `file`'s ops: those compaction gathered (`FileModel.opCommandIDs`) when it did, read
    /// without touching an op.
    init(_ file: FileModel) {
        guard let ids = file.opCommandIDs else {
            self.init(file.traces)
            return
        }
        var starts: [Int] = []
        starts.reserveCapacity(file.traces.count)
        var count = 0
        for trace in file.traces.indices {
            starts.append(count)
            count += file.traces[trace].ops.count
        }
        // Gathered from these traces (`FileModel.opCommandIDs` is forgotten when they change): one per op.
        assert(ids.count == count, "opCommandIDs has \(ids.count) numbers for \(count) ops")
        self.init(ids: ids, starts: starts)
    }

    private init(ids: [Int32], starts: [Int]) {
        self.ids = ids
        self.starts = starts
    }

    /// The number of op `op` of trace `trace` of `file.traces`.
    func id(trace: Int, op: Int) -> Int32 { ids[starts[trace] + op] }

    /// The numbers of `context.file.traces`' ops, found once per file for the rules that ask.
    static func of(_ context: RuleContext) -> FileCommandIDs {
        context.fileFact("FileCommandIDs") { FileCommandIDs(context.file) }
    }
}

extension FileCommandIDs {
    /// Calls `body` with the index of each op of `traces[position]` that sends one of `commands` from a real
    /// client (`RaceFacts.usable`) where its command is written (`RaceFacts.writtenHere`): the ops most
    /// single-op rules report. `fileTrace`: the trace's place in the file's traces (`position` unless `traces`
    /// is `RaceFacts.traces`). By command number first: the other ops are not read. The ops are read in place
    /// (binding an op, or the trace, copied it: its lists retained and released).
    @inline(__always)
    func forEachReportedOp(_ traces: [Trace], _ position: Int, fileTrace: Int, sending commands: CommandSet,
                           _ body: (_ opIndex: Int) throws -> Void) rethrows {
        for opIndex in traces[position].ops.indices where commands.contains(id(trace: fileTrace, op: opIndex), traces[position].ops[opIndex].command)
            && traces[position].ops[opIndex].confidence >= .medium && traces[position].ops[opIndex].context != .lua && traces[position].ops[opIndex].viaHelper == nil {
            try body(opIndex)
        }
    }
}
