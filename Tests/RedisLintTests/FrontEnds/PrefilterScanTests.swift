import Testing
@testable import RedisLint
import RedisTestSupport

/// `RedisEvidence.mentionsAnyWord` rules out 16 starts at a time by two of their bytes: it must find
/// exactly what a look at every byte finds, wherever a word sits (in a block, across two, in the
/// tail) and in any case (for "redis" and "valkey").
@Suite struct PrefilterScanTests {
    static let foldedWords = ["redis", "valkey"].map { Array($0.utf8) }
    static let exactWords = ["KEYS[", "ARGV[", "register_script", "defineCommand", "defineScript"].map { Array($0.utf8) }

    /// The plain definition: some word starts at some offset.
    static func reference(_ bytes: [UInt8]) -> Bool {
        func matches(_ word: [UInt8], at start: Int, fold: UInt8) -> Bool {
            start + word.count <= bytes.count && word.indices.allSatisfy { bytes[start + $0] | fold == word[$0] }
        }
        return bytes.indices.contains { start in
            foldedWords.contains { matches($0, at: start, fold: 0x20) } || exactWords.contains { matches($0, at: start, fold: 0) }
        }
    }

    static func scan(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { RedisEvidence.mentionsAnyWord($0) } }

    @Test func everyWordAtEveryOffsetInAnyCase() {
        let filler = Array("x.in(is)ke_ S[ V[ re de".utf8)
        var spellings: [[UInt8]] = []
        for word in Self.foldedWords {
            spellings.append(word)
            spellings.append(word.map { $0 & ~0x20 })  // REDIS
            spellings.append(word.enumerated().map { $0.offset % 2 == 0 ? $0.element & ~0x20 : $0.element })  // ReDiS
        }
        spellings += Self.exactWords
        for spelling in spellings {
            for before in 0...9 {
                for after in 0...6 {
                    let text = Array(filler.prefix(before)) + spelling + Array(filler.prefix(after))
                    #expect(Self.scan(text), "\(String(decoding: text, as: UTF8.self))")
                    // One byte short, or broken in the middle, it is no longer there.
                    let short = Array(filler.prefix(before)) + spelling.dropLast() + Array(filler.prefix(after))
                    #expect(Self.scan(short) == Self.reference(short))
                    var broken = text
                    broken[before + 2] = 0x2E
                    #expect(Self.scan(broken) == Self.reference(broken))
                }
            }
        }
        // Case matters for the markers.
        #expect(!Self.scan(Array("keys[ argv[ Register_script definecommand".utf8)))
    }

    @Test func agreesWithTheDefinitionOnRandomText() {
        // Texts made of pieces of the words, so near misses and whole words are both frequent.
        let pieces = ["re", "Re", "dis", "DIs", "d", "is", "val", "VAL", "key", "kEy", "KEY", "S", "[", "ARG", "V", "regi", "ster_",
                      "script", "define", "def", "in", "Command", "Script", " ", ".", "x", "e", "r"].map { Array($0.utf8) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var found = 0
        for _ in 0..<3_000 {
            let length = next() % 16
            let text = (0..<length).flatMap { _ in pieces[next() % pieces.count] }
            let expected = Self.reference(text)
            #expect(Self.scan(text) == expected, "\(String(decoding: text, as: UTF8.self))")
            if expected { found += 1 }
        }
        // Both answers occur: the comparison is not vacuous.
        #expect(found > 50 && found < 2_950)
    }

    /// Longer texts than above (several 16-byte blocks and a tail), with random bytes of any value
    /// between the pieces, and the words planted at random places, whole or with one byte changed.
    @Test func agreesWithTheDefinitionOnLongRandomBytes() {
        var random = SeededRandom(seed: 0x5EED_F00D)
        let words = Self.foldedWords + Self.foldedWords.map { $0.map { $0 & ~0x20 } } + Self.exactWords
        var found = 0
        for _ in 0..<4_000 {
            var text = (0..<random.below(90)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            for _ in 0..<random.below(3) {
                var word = random.pick(words)
                if random.chance(50) { word[random.below(word.count)] = UInt8(truncatingIfNeeded: random.next()) }
                text.insert(contentsOf: word, at: random.below(text.count + 1))
            }
            let expected = Self.reference(text)
            #expect(Self.scan(text) == expected, "\(text)")
            if expected { found += 1 }
        }
        #expect(found > 500 && found < 3_500)
    }
}
