/// Multi-byte operators of one language, indexed by first byte and longest first, so the lexers find
/// the longest match with a couple of byte compares instead of walking a whole list.
///
/// Stored flat behind pointers that live for the whole process (one table per language, built once):
/// a lookup does no reference counting and no bounds checks.
struct PunctTable: @unchecked Sendable {
    /// `first[c]..<first[c + 1]` are the candidates starting with byte `c`, longest first.
    private let first: UnsafeMutablePointer<Int32>
    /// Candidate `k` is `bytes[4k ..< 4k + lengths[k]]` (operators are at most 4 bytes).
    private let bytes: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<UInt8>
    /// Per first byte `c`, the second bytes of its operators, 256 bits in four words (`seconds[4c + s >> 6]`,
    /// bit `s & 63`): most operators (`.` before a name, `=` before a space) are one byte although longer
    /// ones start with that byte, and one bit test answers them without walking the candidates.
    private let seconds: UnsafeMutablePointer<UInt64>

    init(_ operators: [String]) {
        let sorted = operators.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.count <= 4 }
            .sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0.count > $1.count }
        first = .allocate(capacity: 257)
        bytes = .allocate(capacity: max(1, sorted.count * 4))
        lengths = .allocate(capacity: max(1, sorted.count))
        seconds = .allocate(capacity: 256 * 4)
        seconds.initialize(repeating: 0, count: 256 * 4)
        for candidate in sorted where candidate.count >= 2 {
            seconds[Int(candidate[0]) * 4 + Int(candidate[1] >> 6)] |= 1 << UInt64(candidate[1] & 63)
        }
        var k = 0
        for c in 0...256 {
            first[c] = Int32(k)
            while k < sorted.count, Int(sorted[k][0]) == c {
                for (j, byte) in sorted[k].enumerated() { bytes[k * 4 + j] = byte }
                lengths[k] = UInt8(sorted[k].count)
                k += 1
            }
        }
    }

    /// Length of the longest operator at `k` (1 when only the single byte matches).
    /// (`k < b.count`: offsets up to `k + 4` cannot overflow, so the arithmetic is unchecked.)
    @inline(__always) func length(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> Int {
        let c = Int(b[k])
        var candidate = Int(first[c])
        let end = Int(first[c &+ 1])
        let n = b.count
        // No operator starts with `c` and the byte after it (or none follows): the single byte.
        guard candidate < end, k &+ 1 < n else { return 1 }
        let second = b[k &+ 1]
        guard seconds[c &* 4 &+ Int(second &>> 6)] &>> UInt64(second & 63) & 1 != 0 else { return 1 }
        outer: while candidate < end {
            let length = Int(lengths[candidate])
            defer { candidate &+= 1 }
            if k &+ length > n { continue }
            var j = 1
            while j < length {
                if b[k &+ j] != bytes[candidate &* 4 &+ j] { continue outer }
                j &+= 1
            }
            return length
        }
        return 1
    }
}
