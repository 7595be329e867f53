import Synchronization

/// How many bytes of file contents a scan may keep in memory from phase 1 to phase 2, shared by the
/// phase-1 threads. A file kept whole skips what a released one costs: its digest when released, a
/// second read, digest and line table when its rules run, and the compaction of its model (which only
/// saves memory). On a small tree (rq, 1.1 MB) that was ~6% of the instructions; a large tree keeps
/// the first files up to the budget and releases and compacts the rest, so memory still holds models,
/// not the tree.
final class KeptContents: Sendable {
    private let remaining: Atomic<Int>

    /// The budget for a tree of `treeBytes`: a kept megabyte costs about 3.4 MB of peak memory (its bytes and
    /// an uncompacted model). A tree of 80 MB or more keeps 8 MB: 16 MB took the 200 MB synthetic corpus from
    /// ~150 to ~206 MB, over the 200 MB goal; 8 MB gives ~178 MB and still keeps every Redis file of a tree like
    /// rq or bullmq. A smaller tree holds fewer models, so it keeps more, up to 32 MB at 32 MB: 12 repositories
    /// (33 MB, 6,577 files, more than 16 MB of them Redis files) then release nothing, for 3.9% fewer
    /// instructions and 8 MB more memory (45 to 53 MB).
    static func budget(forTreeBytes treeBytes: Int) -> Int {
        let megabyte = 1 << 20
        return min(32 * megabyte, max(8 * megabyte, 8 * megabyte + (80 * megabyte - treeBytes) / 2))
    }

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
