/// `String`s made from source bytes.
enum SourceString {
    /// The same string as `String(decoding: bytes, as: UTF8.self)` (invalid UTF-8 repaired the same way)
    /// for fewer instructions: the bytes are copied straight into the new string's storage, and a short
    /// ASCII one is made inline without a validating pass, where decoding went through the general UTF-8
    /// path (about 170 instructions for a parameter's name, 290 for a function's; the empty string is
    /// made without either).
    static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return "" }
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
}
