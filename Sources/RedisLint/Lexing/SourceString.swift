/// `String`s made from source bytes.
enum SourceString {
    /// The same string as `String(decoding: bytes, as: UTF8.self)` (invalid UTF-8 repaired the same way)
    /// for fewer instructions: a short ASCII text (most names) is made as its small-string bits
    /// (`smallASCII`), any other is copied straight into the new string's storage, where decoding went
    /// through the general UTF-8 path (about 170 instructions for a parameter's name, 290 for a
    /// function's; the empty string is made without either).
    static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return "" }
        if bytes.count <= smallCapacity, let small = smallASCII(source, bytes.count) { return small }
        return String(unsafeUninitializedCapacity: bytes.count) { target in
            target.baseAddress!.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    /// `make` over the bytes `range` of `bytes`. (A rebased buffer is bounds-checked only in debug builds;
    /// a token view takes any tokens, so the range is checked here, one compare.)
    static func make(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "a token's range lies inside the source")
        return bytes.withUnsafeBufferPointer { make(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The most bytes a small string holds inline (64-bit platforms).
    static let smallCapacity = 15

    /// The `count` (1 to 15) ASCII bytes at `start` as a `String`, made as the two words of Swift's small
    /// (inline) form: the bytes in order from the first word's lowest byte, zeros after them, and the
    /// second word's top byte the discriminator of an immortal small ASCII string (`0xE0`) with the count
    /// in its low nibble. These are exactly the bits the standard library gives such a string (its
    /// equality and hashing read them: `SourceStringTests` compares them with `String(decoding:as:)`'s, and
    /// `smallFormHolds` checks the layout once per process). Nil for a non-ASCII byte (the standard path
    /// validates and repairs UTF-8), and where the layout does not hold. The standard path cost about 140
    /// instructions a name (a closure call, a zeroed buffer, a copy and an ASCII scan); this, about 20.
    @inline(__always) static func smallASCII(_ start: UnsafePointer<UInt8>, _ count: Int) -> String? {
        #if _pointerBitWidth(_64) && _endian(little)
        guard smallFormHolds else { return nil }
        // (Both loads stay inside the `count` bytes: `PackedWord.load` reads 1 to 8 bytes from its start.)
        let leading = PackedWord.load(start, min(count, 8))
        let trailing = count > 8 ? PackedWord.load(start + 8, count &- 8) : 0
        guard (leading | trailing) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return unsafeBitCast((leading, trailing | (0xE0 | UInt64(truncatingIfNeeded: count)) &<< 56), to: String.self)
        #else
        return nil
        #endif
    }

    /// Does this standard library lay out a small ASCII string as `smallASCII` makes it? Checked on a
    /// string of 9 bytes (both words) that the library builds itself.
    static let smallFormHolds: Bool = {
        #if _pointerBitWidth(_64) && _endian(little)
        guard MemoryLayout<String>.size == 16 else { return false }
        let probe = String(decoding: Array("abcdefghi".utf8), as: UTF8.self)
        let words = unsafeBitCast(probe, to: (UInt64, UInt64).self)
        return words.0 == 0x6867_6665_6463_6261 && words.1 == (0xE9 << 56 | 0x69)
        #else
        return false
        #endif
    }()
}
