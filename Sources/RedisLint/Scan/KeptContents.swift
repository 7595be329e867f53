import Synchronization

/// How many bytes of file contents a scan may keep in memory from phase 1 to phase 2, shared by the
/// phase-1 threads. A file kept whole skips what a released one costs: its digest when released, a
/// second read, digest and line table when its rules run, and the compaction of its model (which only
/// saves memory). On a small tree (rq, 1.1 MB) that was ~6% of the instructions; a large tree keeps
/// the first files up to the budget and releases and compacts the rest, so memory still holds models,
/// not the tree.
final class KeptContents: Sendable {
    private let remaining: Atomic<Int>

    init(budget: Int) {
        remaining = Atomic(budget)
    }

    /// Takes `byteCount` from the budget if it is all there (then the file keeps its contents).
    func admits(_ byteCount: Int) -> Bool {
        var left = remaining.load(ordering: .relaxed)
        while left >= byteCount {
            let (exchanged, original) = remaining.compareExchange(expected: left, desired: left - byteCount, ordering: .relaxed)
            if exchanged { return true }
            left = original
        }
        return false
    }
}
