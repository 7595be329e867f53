/// Finds a short word in a large buffer sixteen starts at a time: a start can match only where its byte
/// is the word's first and the byte `count - 1` further on is its last, so two vector loads and two
/// compares rule out sixteen starts together, and only the few starts that pass are compared in full.
/// (A byte loop on the first letter stopped at every `i` of `include`: 28M instructions, 4 % of a
/// 5 MB file's scan, looking for Lua include directives.)
public enum WordSearch {
    /// The first offset at or after `from` where `buffer` holds `word` (two bytes or more), or nil.
    static func firstIndex(of word: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let length = word.count, count = buffer.count
        guard length >= 2, from >= 0, count - from >= length, let base = buffer.baseAddress else {
            return length == 1 ? firstByte(word[0], buffer, from) : nil
        }
        typealias Lanes = SIMD16<UInt8>
        let first = Lanes(repeating: word[0]), last = Lanes(repeating: word[length - 1])
        let raw = UnsafeRawPointer(base)
        @inline(__always) func matches(at start: Int) -> Bool {
            for offset in 1..<length - 1 where buffer[start + offset] != word[offset] { return false }
            return true
        }
        var start = from
        // Each block reads bytes start..<start + 16 + length - 1.
        while start + Lanes.scalarCount + length - 1 <= count {
            let heads = raw.loadUnaligned(fromByteOffset: start, as: Lanes.self)
            let tails = raw.loadUnaligned(fromByteOffset: start + length - 1, as: Lanes.self)
            if let found = firstLane(of: (heads .== first) .& (tails .== last), from: start, where: matches) { return found }
            start += Lanes.scalarCount
        }
        // The last starts (fewer than 16), one at a time.
        while start + length <= count {
            if buffer[start] == word[0], buffer[start + length - 1] == word[length - 1], matches(at: start) { return start }
            start += 1
        }
        return nil
    }

    /// The first `start + lane` of a set lane of `mask` for which `accept` holds, lanes in order (the mask
    /// read as two words, `VectorSearch.halves`).
    @inline(__always) static func firstLane(of mask: SIMDMask<SIMD16<Int8>>, from start: Int, where accept: (Int) -> Bool) -> Int? {
        let (low, high) = VectorSearch.halves(of: mask)
        guard low | high != 0 else { return nil }
        for half in 0..<2 {
            var bits = half == 0 ? low : high
            while bits != 0 {
                let lane = bits.trailingZeroBitCount >> 3
                if accept(start + half * 8 + lane) { return start + half * 8 + lane }
                bits &= ~(0xFF << UInt64(lane << 3))
            }
        }
        return nil
    }

    private static func firstByte(_ byte: UInt8, _ buffer: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int? {
        guard from >= 0, from < buffer.count else { return nil }
        for index in from..<buffer.count where buffer[index] == byte { return index }
        return nil
    }
}

extension WordSearch {
    /// `text.contains(word)`, searched on the bytes when both are ASCII (their characters are then their
    /// bytes, but for `\r\n`, which spans no other word's bytes either); `String.contains`, a search by
    /// characters costing ~30,000 instructions for a constructor's text, otherwise.
    public static func contains(_ text: String, _ word: String) -> Bool {
        let found: Bool? = text.utf8.withContiguousStorageIfAvailable { text -> Bool? in
            word.utf8.withContiguousStorageIfAvailable { word -> Bool? in
                guard word.count >= 2, !text.contains(where: { $0 >= 0x80 }), !word.contains(where: { $0 >= 0x80 }) else { return nil }
                return firstIndex(of: word, in: text, from: 0) != nil
            } ?? nil
        } ?? nil
        return found ?? text.contains(word)
    }
}
