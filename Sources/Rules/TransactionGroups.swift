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
        // releases each), and most ops are none of these.
        for index in ops.indices {
            // WATCH runs before MULTI even when a client queues it on the transaction's pipeline.
            if ops[index].command == "WATCH" {
                close()
                pendingWatch = index
                continue
            }
            if ops[index].command == "MULTI" {
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
            if ops[index].command == "EXEC" || ops[index].command == "DISCARD" { close() }
        }
        close()
        return groups
    }

    /// `tx` and `tx`, or a chain link `cluster.multi().set("a",1)` after `cluster.multi()`.
    static func sameReceiver(_ first: String, _ next: String) -> Bool {
        first == next || next.hasPrefix(first + ".")
    }
}
