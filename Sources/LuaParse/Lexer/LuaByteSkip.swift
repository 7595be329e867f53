/// Skips runs of uninteresting bytes eight at a time: the whole-script byte loops (line table,
/// template screen, comment ranges) test each byte against a few values, and most bytes are none
/// of them.
public enum LuaByteSkip {
    /// The first index at or after `start` whose byte is `a`, `b`, `c` or `d` (repeat one to ask for
    /// fewer), or `bytes.count`.
    @inlinable
    public static func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                  of a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        var i = start
        let count = bytes.count
        if i < count - 7 {
            let raw = UnsafeRawBufferPointer(bytes)
            while i < count - 7 {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A word holding none of the four moves on whole; otherwise its bytes are tested below.
                if hasByte(word, a) || hasByte(word, b) || hasByte(word, c) || hasByte(word, d) { break }
                i += 8
            }
        }
        while i < count {
            let byte = bytes[i]
            if byte == a || byte == b || byte == c || byte == d { return i }
            i += 1
        }
        return count
    }

    /// Whether any byte of `word` equals `byte` (exact: a zero byte of `word ^ pattern` sets its high bit).
    @inlinable
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
