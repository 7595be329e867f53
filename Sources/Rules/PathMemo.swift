import RedisLint

/// Remembers a per-path answer (is this a test file?). Many rules ask the same question of every
/// file; answering it splits and lower-cases the path each time, which was about a sixth of the
/// rule phase on real trees. One entry per scanned file, shared by the scan's threads.
final class PathMemo: Sendable {
    private let answers = Locked<[String: Bool]>([:])

    func answer(for path: String, _ compute: (String) -> Bool) -> Bool {
        if let known = answers.withLock({ $0[path] }) { return known }
        let value = compute(path)
        answers.withLock { $0[path] = value }
        return value
    }
}
