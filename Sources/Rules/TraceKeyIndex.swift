import RedisLint

/// The ops of one trace by key, so that pair rules (read → write of the same key) look at the ops of a key
/// instead of every later op: a function of 100,000 commands stays linear.
///
/// A class: the pair rules take a trace's index from the file's facts for every read, and a copy of a value
/// with three collections retained and released each of them.
final class TraceKeyIndex: Sendable {
    /// Op indices by key (every key of each op), ascending. Empty for a short trace.
    private let byKey: [HashedKey: [Int]]
    /// The first `WATCH` of each key. Empty for a short trace.
    private let firstWatch: [HashedKey: Int]
    /// The ops of a short trace, searched directly: most functions send a handful of commands, and
    /// hashing every key of every op cost more than the few comparisons their reads need.
    private let shortOps: [RedisOp]?
    /// Some op of a short trace is a `WATCH` (most traces have none: `watched` then searches nothing).
    private let shortOpsWatch: Bool

    /// Later ops of one key looked at per read: the write that answers a read is close to it.
    static let limit = 64
    /// Traces of at most this many ops are searched instead of indexed.
    static let directSearchLimit = 32

    /// The index of a trace's ops (given alone: the callers read the trace in place, and a trace passed by
    /// itself was copied).
    init(ops: [RedisOp]) {
        if ops.count <= Self.directSearchLimit {
            shortOps = ops
            let watch = ClusterSupport.watchID  // (a global's access checks its initialisation: once, not per op)
            shortOpsWatch = ops.indices.contains { watch.contains(ops[$0].commandID, ops[$0].command) }
            byKey = [:]
            firstWatch = [:]
            return
        }
        var byKey: [HashedKey: [Int]] = [:], firstWatch: [HashedKey: Int] = [:]
        let watch = ClusterSupport.watchID
        // By index: `for op in ops` copied every op.
        for index in ops.indices {
            let isWatch = watch.contains(ops[index].commandID, ops[index].command)
            for key in ops[index].keys.lazy.map(HashedKey.init) {
                byKey[key, default: []].append(index)
                if isWatch, firstWatch[key] == nil { firstWatch[key] = index }
            }
        }
        (self.byKey, self.firstWatch, shortOps, shortOpsWatch) = (byKey, firstWatch, nil, false)
    }

    /// Indices of ops touching `key` after `index`, the nearest first, at most `limit`.
    func later(_ key: KeyExpr, after index: Int) -> Later {
        if let ops = shortOps { return Later(search: ops, key: key, after: index) }
        guard let indices = byKey[HashedKey(key)] else { return Later(indices: []) }
        let low = indices.partitionPoint { $0 > index }
        return Later(indices: indices[low..<min(indices.count, low + Self.limit)])
    }

    /// `later`'s answer, found as it is read: a short trace's ops are searched one step at a time, so a caller
    /// that stops at the first fitting op (the cache-aside flow) neither searches the rest of the trace nor
    /// collects the indices into a new list (an allocation per read asked).
    struct Later: Sequence, IteratorProtocol {
        /// The short trace's ops searched, and the key; nil for an indexed trace.
        private let ops: [RedisOp]?
        private let key: KeyExpr?
        private var position: Int
        private var found = 0
        /// The indexed trace's answer.
        private var indices: ArraySlice<Int>

        fileprivate init(search ops: [RedisOp], key: KeyExpr, after index: Int) {
            self.ops = ops
            self.key = key
            position = index + 1
            indices = []
        }

        fileprivate init(indices: ArraySlice<Int>) {
            ops = nil
            key = nil
            position = 0
            self.indices = indices
        }

        mutating func next() -> Int? {
            guard let ops, let key else { return indices.popFirst() }
            while position < ops.count, found < TraceKeyIndex.limit {
                let current = position
                position += 1
                if ops[current].keys.contains(key) {
                    found += 1
                    return current
                }
            }
            return nil
        }
    }

    /// A `WATCH` of `key` precedes op `index`.
    func watched(_ key: KeyExpr, before index: Int) -> Bool {
        if let ops = shortOps {
            guard shortOpsWatch else { return false }
            let watch = ClusterSupport.watchID
            return ops.indices.prefix(max(0, index)).contains { watch.contains(ops[$0].commandID, ops[$0].command) && ops[$0].keys.contains(key) }
        }
        return (firstWatch[HashedKey(key)] ?? Int.max) < index
    }
}
