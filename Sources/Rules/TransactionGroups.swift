import RedisLint

/// One MULTI/EXEC transaction of a trace, as far as the IR shows it.
struct TransactionGroup {
    /// Indices into the trace's ops, in order (commands queued in the transaction, EXEC included).
    var ops: [Int]
    /// The WATCH before the transaction in the same trace, with no other transaction in between.
    var watch: Int?
}

/// Groups a trace's ops into transactions: runs of consecutive ops queued in MULTI/EXEC
/// (`context == .transaction`) through the same receiver, or the ops after an explicit `MULTI`
/// through its receiver. A chain (`cluster.multi().set(…).incr(…)`) counts as one receiver, since
/// each link's receiver text starts with the first one's; `EXEC`/`DISCARD` end a group.
enum TransactionGroups {
    static func groups(_ ops: [RedisOp]) -> [TransactionGroup] {
        var groups: [TransactionGroup] = []
        var members: [Int] = []
        var open = false
        var explicitMulti = false
        var receiver = ""
        var pendingWatch: Int?
        var watch: Int?

        func close() {
            if !members.isEmpty { groups.append(TransactionGroup(ops: members, watch: watch)) }
            members = []
            open = false
            explicitMulti = false
            watch = nil
        }
        func start(_ opened: String) {
            open = true
            receiver = opened
            watch = pendingWatch
            pendingWatch = nil
        }

        // By index, the ops read in place: `enumerated()` copied every op of every trace (a dozen retains and
        // releases each), and most ops are none of these. By command number: the names were compared with
        // four others per op (a number is a name's bytes, and no other text is canonically equivalent to these).
        let ids = Self.controlIDs
        for index in ops.indices {
            let id = ops[index].commandID
            // WATCH runs before MULTI even when a client queues it on the transaction's pipeline.
            if id == ids.watch {
                close()
                pendingWatch = index
                continue
            }
            if id == ids.multi {
                close()
                start(ops[index].receiver)
                explicitMulti = true
                continue
            }
            let queued = ops[index].context == .transaction || (explicitMulti && ops[index].receiver == receiver)
            guard queued else {
                close()
                continue
            }
            if open && !sameReceiver(receiver, ops[index].receiver) { close() }
            if !open { start(ops[index].receiver) }
            members.append(index)
            if id == ids.exec || id == ids.discard { close() }
        }
        close()
        return groups
    }

    /// The numbers (`CommandIDs`) of the commands that guard, open and close a transaction.
    static let controlIDs = (watch: CommandIDs.id("WATCH"), multi: CommandIDs.id("MULTI"), exec: CommandIDs.id("EXEC"),
                             discard: CommandIDs.id("DISCARD"))

    /// `tx` and `tx`, or a chain link `cluster.multi().set("a",1)` after `cluster.multi()`.
    static func sameReceiver(_ first: String, _ next: String) -> Bool {
        first == next || next.hasPrefix(first + ".")
    }
}
