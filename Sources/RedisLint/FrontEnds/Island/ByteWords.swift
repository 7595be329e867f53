/// A small set of words matched against token bytes, so keyword checks in the island parsers
/// build no `String` per token (`Set<String>.contains(view.text(i))` was the parsers' top cost).
/// Words of plain ASCII letters, digits and `_` compare bytewise exactly as `String` equality would
/// (no other text is canonically equivalent to them); any other word is checked as a `String`.
///
/// Words of up to 8 bytes are packed into one integer each and kept in flat arrays ordered by
/// length, so a token is checked with one integer compare per word of its length (arrays of byte
/// arrays cost a retain and a bounds check per candidate).
struct ByteWords {
    /// Packed short words (first byte lowest), ordered by length.
    private var packed: [UInt64] = []
    /// `packed[firstOfLength[n]..<firstOfLength[n + 1]]` are the words of `n` bytes (n in 1...8).
    private var firstOfLength: [Int] = Array(filled: 0, count: 10)
    /// Plain words longer than 8 bytes.
    private var long: [[UInt8]] = []
    private var other: Set<String> = []
    /// `!other.isEmpty`, kept in the struct: asking the set reads its storage, a load per token.
    private var hasOther = false
    /// Per first byte `b`: bit `n` set when some plain word starts with `b` and has `n` bytes (bit 63:
    /// 63 bytes or more). Most tokens spell no word and fail this test without being packed. (Length and
    /// first byte tested apart let most names through: a keyword list has words of most lengths and
    /// initials, just not together: `return` lets no other 6-byte name starting with `r` through.)
    /// 256 entries, those of non-ASCII bytes 0 (no plain word starts with one): read over its buffer by
    /// any byte, the screen needs neither a test of the byte nor a bounds check.
    private var lengthsByInitial = [UInt64](filled: 0, count: 256)

    init(_ words: Set<String>) {
        var short: [(length: Int, value: UInt64)] = []
        for word in words {
            let bytes = Array(word.utf8)
            guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A && $0 != 0x4B)
                || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                other.insert(word)
                continue
            }
            if bytes.count <= 8 { short.append((bytes.count, ByteWords.pack(bytes))) } else { long.append(bytes) }
            lengthsByInitial[Int(bytes[0])] |= 1 << UInt64(min(bytes.count, 63))
        }
        hasOther = !other.isEmpty
        short.sort { $0.length < $1.length }
        packed = short.map(\.value)
        firstOfLength = (0...9).map { length in short.firstIndex { $0.length >= length } ?? short.count }
    }

    @inline(__always) private static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            value |= UInt64(byte) << shift
            shift += 8
        }
        return value
    }

    /// Is `bytes` one of the plain words?
    @inline(__always) private func containsPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = bytes.count
        if length >= 1 && length <= 8 {
            // Read over the tables' buffers: through the arrays, each bound and candidate paid a bounds check.
            return firstOfLength.withUnsafeBufferPointer { first in
                let lower = first[length], upper = first[length &+ 1]
                // No word of this length (every length, for an empty set such as Python's keywords): no packing.
                guard lower < upper else { return false }
                let value = PackedWord.load(bytes.baseAddress!, length)
                return packed.withUnsafeBufferPointer { packed in
                    var candidate = lower
                    repeat {
                        if packed[candidate] == value { return true }
                        candidate &+= 1
                    } while candidate < upper
                    return false
                }
            }
        }
        for word in long where word.count == length && word.elementsEqual(bytes) { return true }
        return false
    }

    /// Does token `index` of `view` spell one of the words? The screen (length and first byte) is
    /// inlined where this is asked, and only a token that passes it is compared in a call: most tokens
    /// spell no word. (Called for every token, this was 1 % of a scan.)
    @inline(__always) func contains(_ view: TokenView, _ index: Int) -> Bool {
        guard index >= 0 && index < view.count else { return false }
        let token = view.tokens[index]
        let start = Int(token.start), end = Int(token.end)
        if !hasOther {
            guard end > start else { return false }
            let lengths = lengthsByInitial.withUnsafeBufferPointer { $0[Int(view.bytes[start])] }
            guard lengths >> UInt64(min(end - start, 63)) & 1 != 0 else { return false }
        }
        return containsScreened(view, index, start..<end)
    }

    /// `contains(view, index)` for a token (bytes `range`) that passed the screen.
    @inline(never) private func containsScreened(_ view: TokenView, _ index: Int, _ range: Range<Int>) -> Bool {
        let found = view.bytes.withUnsafeBufferPointer { containsPlain(UnsafeBufferPointer(rebasing: $0[range])) }
        return found || hasOther && other.contains(view.text(index))
    }

    /// Does `token` spell one of the words? `contains(view, index)` over the file's byte buffer (the
    /// chain parser's screens read the buffers, not the view's arrays).
    @inline(__always) func contains(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(token.start), end = Int(token.end)
        if !hasOther {
            guard end > start else { return false }
            let lengths = lengthsByInitial.withUnsafeBufferPointer { $0[Int(bytes[start])] }
            guard lengths >> UInt64(min(end - start, 63)) & 1 != 0 else { return false }
        }
        return containsScreened(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// `contains(token, in:)` for a token (its bytes `word`) that passed the screen.
    @inline(never) private func containsScreened(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        containsPlain(word) || hasOther && other.contains(String(decoding: word, as: UTF8.self))
    }

    /// Does `text` spell one of the words? Comparing a few same-length candidates is cheaper than
    /// hashing the `String`.
    func contains(_ text: String) -> Bool {
        var text = text
        let found = text.withUTF8 { containsPlain($0) }
        return found || !other.isEmpty && other.contains(text)
    }
}
