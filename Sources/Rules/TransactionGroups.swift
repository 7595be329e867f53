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
        func start(_ op: RedisOp) {
            open = true
            receiver = op.receiver
            watch = pendingWatch
            pendingWatch = nil
        }

        for (index, op) in ops.enumerated() {
            // WATCH runs before MULTI even when a client queues it on the transaction's pipeline.
            if op.command == "WATCH" {
                close()
                pendingWatch = index
                continue
            }
            if op.command == "MULTI" {
                close()
                start(op)
                explicitMulti = true
                continue
            }
            let queued = op.context == .transaction || (explicitMulti && op.receiver == receiver)
            guard queued else {
                close()
                continue
            }
            if open && !sameReceiver(receiver, op.receiver) { close() }
            if !open { start(op) }
            members.append(index)
            if op.command == "EXEC" || op.command == "DISCARD" { close() }
        }
        close()
        return groups
    }

    /// `tx` and `tx`, or a chain link `cluster.multi().set("a",1)` after `cluster.multi()`.
    static func sameReceiver(_ first: String, _ next: String) -> Bool {
        first == next || next.hasPrefix(first + ".")
    }
}
