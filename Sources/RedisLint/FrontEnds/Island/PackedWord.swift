/// Up to eight bytes read as one integer, first byte lowest, without reading past them: `NameNumbers`
/// hashes and compares names a word at a time, and `ByteWords` compares a token with its packed words
/// (a byte at a time, each cost a load, a shift and an or).
enum PackedWord {
    /// The `count` bytes (1 to 8) at `start`. Fewer than eight are read by two loads of 4 (or 2) bytes
    /// that overlap in the middle, where their bytes agree.
    @inline(__always) static func load(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(start)
        if count >= 4 {
            if count == 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            return low | high &<< UInt64(8 &* (count &- 4))
        }
        if count >= 2 {
            let low = UInt64(UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)))
            return low | high &<< UInt64(8 &* (count &- 2))
        }
        return UInt64(start[0])
    }
}
