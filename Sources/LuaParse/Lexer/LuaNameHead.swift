/// A name's first (up to) eight bytes packed into a word, the first byte lowest and zero past the
/// name's end. Name bytes are never 0, so for a name of up to eight bytes the word stands for the name:
/// the keyword switch (`LuaKeywords`) and the name interner (`LuaNameInterner`) both key on it.
enum LuaNameHead {
    /// The head of `buffer[start..<end]` (`start < end <= buffer.count`).
    @inline(__always)
    static func packed(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        let length = end &- start
        let base = buffer.baseAddress!
        if start <= buffer.count &- 8 {
            // The eight bytes from `start` in one load, those past the name masked off (a byte at a
            // time, the packing cost more than the keyword switch).
            let word = ByteSearch.word(base, start)
            return length >= 8 ? word : word & ((1 &<< UInt64(length &* 8)) &- 1)
        }
        // Fewer than eight bytes to the buffer's end: a byte at a time, the last one first.
        var packed: UInt64 = 0
        var index = min(end, start &+ 8)
        while index > start {
            index &-= 1
            packed = packed << 8 | UInt64(base[index])
        }
        return packed
    }
}
