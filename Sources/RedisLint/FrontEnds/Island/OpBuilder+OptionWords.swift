/// Which option word (`OpBuilder.flagOrValuedOptions`) a literal or a keyword spells in any case: `ex`, `Nx`.
/// Asked of every short literal that is not a key and of every keyword argument: an ASCII word of up to eight
/// bytes is packed upper-cased into one integer and compared with the short option words packed alike, where
/// a `String`, its upper-cased copy and a set look-up cost several hundred instructions (most literals are
/// no option word). A longer ASCII word is compared bytewise with the few longer option words; text that is
/// not ASCII (`String`'s upper-casing and comparison treat it their own way) is still asked the `String` way.
enum OptionWords {
    /// Every option word, sorted, with a set of it alone, made once: most ops with options have one, and
    /// inserting it into an empty `Set<String>` hashed it and allocated the set's storage (~1,400 instructions).
    private static let all: [(word: String, alone: Set<String>)] = OpBuilder.flagOrValuedOptions.sorted().map { ($0, [$0]) }

    /// The option words of at most eight bytes: their bytes packed first byte lowest, their length and their
    /// place in `all`, in a table of `shortSlots` slots by a hash of the packed bytes (the next slot when taken;
    /// a length of 0 marks an empty slot). (A look-up reads a slot or two, where a scan of the ~30 words read
    /// them all, for most literals, which are no option word.)
    private static let short: [(packed: UInt64, count: Int, index: Int)] = {
        var slots = Array(repeating: (packed: UInt64(0), count: 0, index: 0), count: shortSlots)
        // At most half full: a look-up of a word the table lacks then ends at an empty slot soon.
        precondition(all.filter { $0.word.utf8.count <= 8 }.count * 2 <= shortSlots, "OptionWords.shortSlots is too small for the option words")
        for index in all.indices {
            let bytes = Array(all[index].word.utf8)
            guard bytes.count <= 8 else { continue }
            let packed = pack(bytes, upperCased: false)
            var slot = shortSlot(packed)
            while slots[slot].count != 0 { slot = (slot + 1) & (shortSlots - 1) }
            slots[slot] = (packed, bytes.count, index)
        }
        return slots
    }()

    /// How many slots `short` has (a power of two, over twice the option words).
    private static let shortSlots = 64

    /// The first slot of `short` to look in for `packed` (Fibonacci hashing: the product's top bits, as many as
    /// number the slots).
    @inline(__always) private static func shortSlot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - shortSlots.trailingZeroBitCount))
    }

    /// The longer option words (`TRANSACTION`): their bytes, and their place in `all`.
    private static let long: [(bytes: [UInt8], index: Int)] = all.indices.compactMap { index in
        let bytes = Array(all[index].word.utf8)
        return bytes.count > 8 ? (bytes, index) : nil
    }

    /// An option word, by its place among them (`number(_:)`), or as text that is not ASCII upper-cased (equal to
    /// one as a `String`, but its own bytes, as the option words have always been recorded).
    enum Number: Equatable {
        case index(Int)
        case text(String)

        var word: String {
            switch self {
            case .index(let index): OptionWords.all[index].word
            case .text(let text): text
            }
        }
    }

    /// The number of `word`, an option word written as the table has it (`NX`).
    static func number(of word: StaticString) -> Number {
        .index(all.firstIndex { $0.word == word.description }!)
    }

    /// Adds the option word to `options`: an empty set becomes the word's set alone (shared, not made).
    static func insert(_ number: Number, into options: inout Set<String>) {
        if case .index(let index) = number {
            if options.isEmpty { options = all[index].alone } else { options.insert(all[index].word) }
        } else {
            options.insert(number.word)
        }
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

    /// The number of the option word the text's bytes spell upper-cased (`CommandTable.uppercased`), or nil.
    static func number<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Number? {
        let count = bytes.count
        let isASCII = !bytes.contains(where: { $0 >= 0x80 })
        guard count <= 8, isASCII else {
            // A longer ASCII word (most of them keyword arguments, `timeout`'s longer cousins): compared bytewise
            // with the few longer option words, where a `String`, its upper-cased copy and a set look-up cost
            // about a thousand instructions.
            if isASCII {
                for entry in long where entry.bytes.count == count
                    && zip(entry.bytes, bytes).allSatisfy({ $0 == upperASCII($1) }) {
                    return .index(entry.index)
                }
                return nil
            }
            let upper = CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))
            return OpBuilder.flagOrValuedOptions.contains(upper) ? .text(upper) : nil
        }
        let packed = pack(bytes, upperCased: true)
        return short.withUnsafeBufferPointer { slots in
            var slot = shortSlot(packed)
            while slots[slot].count != 0 {
                if slots[slot].packed == packed && slots[slot].count == count { return .index(slots[slot].index) }
                slot = (slot + 1) & (shortSlots - 1)
            }
            return nil
        }
    }

    /// `number(label.utf8)`, over the label's bytes in place.
    static func number(_ label: String) -> Number? {
        if let found = label.utf8.withContiguousStorageIfAvailable({ number($0) }) { return found }
        return number(Array(label.utf8))
    }
}
