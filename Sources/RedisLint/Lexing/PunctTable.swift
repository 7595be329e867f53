/// Multi-byte operators of one language, indexed by first byte and longest first, so the lexers find
/// the longest match with a couple of byte compares instead of walking a whole list.
struct PunctTable: Sendable {
    private let byFirst: [[[UInt8]]]

    init(_ operators: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for op in operators {
            let bytes = Array(op.utf8)
            table[Int(bytes[0])].append(bytes)
        }
        for k in 0..<256 { table[k].sort { $0.count > $1.count } }
        byFirst = table
    }

    /// Length of the longest operator at `k` (1 when only the single byte matches).
    @inline(__always) func length(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> Int {
        let candidates = byFirst[Int(b[k])]
        if candidates.isEmpty { return 1 }
        let n = b.count
        outer: for op in candidates {
            if k + op.count > n { continue }
            for j in 1..<op.count where b[k + j] != op[j] { continue outer }
            return op.count
        }
        return 1
    }
}
