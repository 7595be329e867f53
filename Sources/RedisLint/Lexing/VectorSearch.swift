import LuaParse

/// Searches for a few bytes sixteen at a time (one 16-byte vector: a load, a compare per byte looked for,
/// the ors, and a test of the two halves), for the long runs the host lexers skip: string bodies,
/// comments, templates. `ByteSearch` (eight at a time in a 64-bit word) took about twenty instructions
/// a word for four bytes looked for; a vector takes about as many for sixteen. The last bytes, fewer
/// than sixteen, go to `ByteSearch`.
enum VectorSearch {
    typealias Lanes = SIMD16<UInt8>

    /// Offset of the first byte at or after `k` that is `a`, `b`, `c` or `d` (repeat one to look for
    /// fewer), or `end` when there is none before it (as `ByteSearch.firstOf`). `end <= buffer.count`.
    @inline(__always) static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8,
                                          in buffer: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        var j = k
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let la = Lanes(repeating: a), lb = Lanes(repeating: b), lc = Lanes(repeating: c), ld = Lanes(repeating: d)
            while j &+ Lanes.scalarCount <= end {
                let x = raw.loadUnaligned(fromByteOffset: j, as: Lanes.self)
                let (low, high) = halves(of: (x .== la) .| (x .== lb) .| (x .== lc) .| (x .== ld))
                if low != 0 { return j &+ low.trailingZeroBitCount &>> 3 }
                if high != 0 { return j &+ 8 &+ high.trailingZeroBitCount &>> 3 }
                j &+= Lanes.scalarCount
            }
        }
        return ByteSearch.firstOf(a, b, c, d, in: buffer, from: j, to: end)
    }

    /// A 16-lane mask as two words, lanes 0-7 and 8-15, each lane's byte (0x00 or 0xFF) at its place:
    /// the lowest set byte of the first non-zero word is the first set lane. Read as little-endian words
    /// (a no-op on x86 and ARM). (`any(_:)` and `mask[lane]` went through a generic lane-by-lane reduction.)
    @inline(__always) static func halves(of mask: SIMDMask<SIMD16<Int8>>) -> (low: UInt64, high: UInt64) {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return (UInt64(littleEndian: words[0]), UInt64(littleEndian: words[1]))
    }

    /// Offset of the first `\n` or `\r` at or after `k`, or `end`.
    @inline(__always) static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        firstOf(0x0A, 0x0D, 0x0A, 0x0A, in: buffer, from: k, to: end)
    }
}
