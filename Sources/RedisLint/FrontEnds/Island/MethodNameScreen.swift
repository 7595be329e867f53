/// A screen over method names by their first byte and length, for a few plain words: false says a name is
/// none of the words and has no `.`. Most of a file's names fail it at once, before the words' own tests
/// (`ClientConstructionFacts` asked each name of each file a set look-up and four string compares, ~350
/// instructions a name, 35,000 names on the 12 repositories).
///
/// Exact for words of ASCII letters, digits and `_` without `K`: a `String` equal to one of those is spelled by
/// the same bytes (no other text is canonically equivalent to them; the Kelvin sign equals `K`). With any
/// other word the screen lets every name through.
struct MethodNameScreen {
    /// Per first byte `b`: bit `n` set when a word starts with `b` and has `n` bytes (bit 63: 63 or more).
    private var lengthsByInitial = [UInt64](filled: 0, count: 256)
    private var passesAll = false

    init(_ words: some Sequence<String>) {
        for word in words {
            let bytes = Array(word.utf8)
            guard let first = bytes.first, bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A && $0 != 0x4B)
                || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                passesAll = true
                continue
            }
            lengthsByInitial[Int(first)] |= 1 << UInt64(min(bytes.count, 63))
        }
    }

    /// May `name` be one of the words, or hold a `.`?
    func mayPass(_ name: String) -> Bool {
        if passesAll { return true }
        return name.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first else { return false }
            return lengthsByInitial.withUnsafeBufferPointer { $0[Int(first)] } >> UInt64(min(bytes.count, 63)) & 1 != 0
                || bytes.contains(0x2E)
        } ?? true
    }
}
