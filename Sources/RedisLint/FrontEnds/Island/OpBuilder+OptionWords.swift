/// Which option word (`OpBuilder.flagOrValuedOptions`) a literal or a keyword spells in any case: `ex`, `Nx`.
/// Asked of every short literal that is not a key and of every keyword argument: an ASCII word of up to eight
/// bytes is packed upper-cased into one integer and compared with the short option words packed alike, where
/// a `String`, its upper-cased copy and a set look-up cost several hundred instructions (most literals are
/// no option word). A longer ASCII word is compared bytewise with the few longer option words; text that is
/// not ASCII (`String`'s upper-casing and comparison treat it their own way) is still asked the `String` way.
enum OptionWords {
    /// The option words of at most eight bytes: their bytes packed first byte lowest, and their text.
    private static let short: [(packed: UInt64, count: Int, word: String)] = OpBuilder.flagOrValuedOptions.sorted().compactMap { word in
        let bytes = Array(word.utf8)
        guard bytes.count <= 8 else { return nil }
        return (pack(bytes, upperCased: false), bytes.count, word)
    }

    /// The longer option words (`TRANSACTION`): their bytes, and their text.
    private static let long: [(bytes: [UInt8], word: String)] = OpBuilder.flagOrValuedOptions.sorted().compactMap { word in
        let bytes = Array(word.utf8)
        return bytes.count > 8 ? (bytes, word) : nil
    }

    /// `bytes` (at most eight) packed first byte lowest, ASCII letters upper-cased when asked.
    private static func pack<Bytes: Collection<UInt8>>(_ bytes: Bytes, upperCased: Bool) -> UInt64 {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            packed |= UInt64(upperCased ? upperASCII(byte) : byte) &<< shift
            shift &+= 8
        }
        return packed
    }

    /// The option word the text's bytes spell upper-cased (`CommandTable.uppercased`), or nil.
    static func word<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        let count = bytes.count
        let isASCII = !bytes.contains(where: { $0 >= 0x80 })
        guard count <= 8, isASCII else {
            // A longer ASCII word (most of them keyword arguments, `timeout`'s longer cousins): compared bytewise
            // with the few longer option words, where a `String`, its upper-cased copy and a set look-up cost
            // about a thousand instructions.
            if isASCII {
                for entry in long where entry.bytes.count == count
                    && zip(entry.bytes, bytes).allSatisfy({ $0 == upperASCII($1) }) {
                    return entry.word
                }
                return nil
            }
            let upper = CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))
            return OpBuilder.flagOrValuedOptions.contains(upper) ? upper : nil
        }
        let packed = pack(bytes, upperCased: true)
        for entry in short where entry.packed == packed && entry.count == count { return entry.word }
        return nil
    }

    /// `word(label.utf8)`, over the label's bytes in place.
    static func word(_ label: String) -> String? {
        if let found = label.utf8.withContiguousStorageIfAvailable({ word($0) }) { return found }
        return word(Array(label.utf8))
    }
}
