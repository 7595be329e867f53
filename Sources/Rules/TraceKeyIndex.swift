import RedisLint

/// The ops of one trace by key, so that pair rules (read → write of the same key) look at the ops of a key
/// instead of every later op: a function of 100,000 commands stays linear.
struct TraceKeyIndex: Sendable {
    /// Op indices by key (every key of each op), ascending. Empty for a short trace.
    private var byKey: [HashedKey: [Int]] = [:]
    /// The first `WATCH` of each key. Empty for a short trace.
    private var firstWatch: [HashedKey: Int] = [:]
    /// The ops of a short trace, searched directly: most functions send a handful of commands, and
    /// hashing every key of every op cost more than the few comparisons their reads need.
    private var shortOps: [RedisOp]?

    /// Later ops of one key looked at per read: the write that answers a read is close to it.
    static let limit = 64
    /// Traces of at most this many ops are searched instead of indexed.
    static let directSearchLimit = 32

    init(_ trace: Trace) {
        self.init(ops: trace.ops)
    }

    /// The index of a trace's ops (given alone: the callers read the trace in place, and a trace passed by
    /// itself was copied).
    init(ops: [RedisOp]) {
        if ops.count <= Self.directSearchLimit {
            shortOps = ops
            return
        }
        // By index: `for op in ops` copied every op.
        for index in ops.indices {
            let isWatch = ops[index].command == "WATCH"
            for key in ops[index].keys.lazy.map(HashedKey.init) {
                byKey[key, default: []].append(index)
                if isWatch, firstWatch[key] == nil { firstWatch[key] = index }
            }
        }
    }

    /// Indices of ops touching `key` after `index`, the nearest first, at most `limit`.
    func later(_ key: KeyExpr, after index: Int) -> ArraySlice<Int> {
        if let ops = shortOps {
            var found: [Int] = []
            var position = index + 1
            while position < ops.count, found.count < Self.limit {
                if ops[position].keys.contains(key) { found.append(position) }
                position += 1
            }
            return found[...]
        }
        guard let indices = byKey[HashedKey(key)] else { return [] }
        let low = indices.partitionPoint { $0 > index }
        return indices[low..<min(indices.count, low + Self.limit)]
    }

    /// A `WATCH` of `key` precedes op `index`.
    func watched(_ key: KeyExpr, before index: Int) -> Bool {
        if let ops = shortOps {
            return ops.indices.prefix(max(0, index)).contains { ops[$0].command == "WATCH" && ops[$0].keys.contains(key) }
        }
        return (firstWatch[HashedKey(key)] ?? Int.max) < index
    }
}
