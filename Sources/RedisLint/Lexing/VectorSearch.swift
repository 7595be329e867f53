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
                let hits = (x .== la) .| (x .== lb) .| (x .== lc) .| (x .== ld)
                // A lane is 0x00 or 0xFF: the halves as two words, the first set byte is the first hit.
                // (`any(_:)` and lane reads went through a generic lane-by-lane reduction.)
                // Read as little-endian words (a no-op on x86 and ARM), the lowest set byte is the first lane.
                let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
                let low = UInt64(littleEndian: halves[0]), high = UInt64(littleEndian: halves[1])
                if low != 0 { return j &+ low.trailingZeroBitCount &>> 3 }
                if high != 0 { return j &+ 8 &+ high.trailingZeroBitCount &>> 3 }
                j &+= Lanes.scalarCount
            }
        }
        return ByteSearch.firstOf(a, b, c, d, in: buffer, from: j, to: end)
    }

    /// Offset of the first `\n` or `\r` at or after `k`, or `end`.
    @inline(__always) static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from k: Int, to end: Int) -> Int {
        firstOf(0x0A, 0x0D, 0x0A, 0x0A, in: buffer, from: k, to: end)
    }
}
