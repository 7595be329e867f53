/// A small set of words matched against token bytes, so keyword checks in the island parsers
/// build no `String` per token (`Set<String>.contains(view.text(i))` was the parsers' top cost).
/// Words of plain ASCII letters, digits and `_` compare bytewise exactly as `String` equality would
/// (no other text is canonically equivalent to them); any other word is checked as a `String`.
struct ByteWords {
    private var byLength: [[[UInt8]]] = []
    private var other: Set<String> = []

    init(_ words: Set<String>) {
        for word in words {
            let bytes = Array(word.utf8)
            guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A && $0 != 0x4B)
                || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                other.insert(word)
                continue
            }
            while byLength.count <= bytes.count { byLength.append([]) }
            byLength[bytes.count].append(bytes)
        }
    }

    /// Does token `index` of `view` spell one of the words?
    func contains(_ view: TokenView, _ index: Int) -> Bool {
        guard index >= 0 && index < view.count else { return false }
        let token = view.tokens[index]
        let start = Int(token.start), length = Int(token.end - token.start)
        if length < byLength.count {
            for word in byLength[length] {
                var same = true
                for offset in 0..<length where view.bytes[start + offset] != word[offset] { same = false; break }
                if same { return true }
            }
        }
        return !other.isEmpty && other.contains(view.text(index))
    }

    /// Does `text` spell one of the words? Comparing a few same-length candidates is cheaper than
    /// hashing the `String`.
    func contains(_ text: String) -> Bool {
        var text = text
        let found = text.withUTF8 { bytes in
            let length = bytes.count
            guard length < byLength.count else { return false }
            for word in byLength[length] where word.elementsEqual(bytes) { return true }
            return false
        }
        return found || !other.isEmpty && other.contains(text)
    }
}
