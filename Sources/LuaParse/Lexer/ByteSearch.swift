/// Searches for a few bytes eight at a time (SWAR: one 64-bit word holds eight bytes), for the long
/// runs the lexers skip: comment text, string bodies, indentation. A byte loop costs five or six
/// instructions per byte there; a word costs about as much for eight. Used by LuaParse's whole-script
/// loops (line table, template screen, keyword and name words) and by RedisLint where runs are short or
/// one-off: runs of spaces (indentation), escapes in a string's content (`StringDecoding`), Lua comment
/// ranges, and the last bytes (fewer than sixteen) of `VectorSearch`'s
/// long runs, which take sixteen bytes at a time. Public and inlinable so that each use still compiles
/// to its own loop.
public enum ByteSearch {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Eight copies of `byte`.
    @inlinable @inline(__always) static func splat(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// The high bit of every byte of `x` that is zero. Borrows can only mark bytes above a real zero
    /// byte, so the lowest mark is always exact (all a search needs).
    @inlinable @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }

    /// The eight bytes at `k`, the byte at `k` lowest (`k + 8 <= b.count`).
    @inlinable @inline(__always) static func word(_ base: UnsafePointer<UInt8>, _ k: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
    }

    /// Offset of the first `\n` or `\r` at or after `k`, or `end`.
    @inlinable @inline(__always) public static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        firstOf(0x0A, 0x0D, 0x0A, 0x0A, in: b, from: k, to: end)
    }

    /// Offset of the first byte at or after `k` that is `a`, `b`, `c` or `d` (repeat one to look
    /// for fewer), or `end` when there is none before it.
    @inlinable @inline(__always) public static func firstOf(_ a: UInt8, _ b2: UInt8, _ c: UInt8, _ d: UInt8,
                                          in b: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        var j = k
        if let base = b.baseAddress {
            let sa = splat(a), sb = splat(b2), sc = splat(c), sd = splat(d)
            while j + 8 <= end {
                let x = word(base, j)
                let hits = zeroBytes(x ^ sa) | zeroBytes(x ^ sb) | zeroBytes(x ^ sc) | zeroBytes(x ^ sd)
                if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < end {
            let x = b[j]
            if x == a || x == b2 || x == c || x == d { return j }
            j += 1
        }
        return j
    }

    /// Where the run of ASCII spaces (0x20 only) starting at `k` reaches `end` or another byte, eight
    /// at a time: callers finish the run byte by byte with their own notion of space.
    @inlinable @inline(__always) public static func spacesEnd(_ b: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        var j = k
        guard let base = b.baseAddress else { return j }
        while j + 8 <= end {
            let x = word(base, j) ^ splat(0x20)
            if x != 0 { return j + x.trailingZeroBitCount >> 3 }
            j += 8
        }
        return j
    }
}
