import RedisLint

/// The ops of one trace by key, so that pair rules (read → write of the same key) look at the ops of a key
/// instead of every later op: a function of 100,000 commands stays linear.
struct TraceKeyIndex: Sendable {
    /// Op indices by key (every key of each op), ascending.
    private(set) var byKey: [HashedKey: [Int]] = [:]
    /// The first `WATCH` of each key.
    private(set) var firstWatch: [HashedKey: Int] = [:]

    /// Later ops of one key looked at per read: the write that answers a read is close to it.
    static let limit = 64

    init(_ trace: Trace) {
        // By index: `for op in trace.ops` copied every op.
        for index in trace.ops.indices {
            let isWatch = trace.ops[index].command == "WATCH"
            for key in trace.ops[index].keys.lazy.map(HashedKey.init) {
                byKey[key, default: []].append(index)
                if isWatch, firstWatch[key] == nil { firstWatch[key] = index }
            }
        }
    }

    /// Indices of ops touching `key` after `index`, the nearest first, at most `limit`.
    func later(_ key: KeyExpr, after index: Int) -> ArraySlice<Int> {
        guard let indices = byKey[HashedKey(key)] else { return [] }
        var low = 0, high = indices.count
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return indices[low..<min(indices.count, low + Self.limit)]
    }

    /// A `WATCH` of `key` precedes op `index`.
    func watched(_ key: KeyExpr, before index: Int) -> Bool {
        (firstWatch[HashedKey(key)] ?? Int.max) < index
    }
}
