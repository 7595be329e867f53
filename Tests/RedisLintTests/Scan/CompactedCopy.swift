@testable import RedisLint

extension FileModel {
    /// Test convenience: a compacted copy of the model (`compact(sharing:)` on a copy), for tests that
    /// compare a model before and after compaction.
    func compactedCopy(sharing shared: SharedKeyLists? = nil) -> FileModel {
        var copy = self
        copy.compact(sharing: shared)
        return copy
    }
}
