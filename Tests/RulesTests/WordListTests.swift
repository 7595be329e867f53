import Testing
import RedisLint
import RedisTestSupport
@testable import Rules

/// `WordList` compares a text's words in place; it must answer as splitting the text with `RaceFacts.words`
/// and looking the words up did, on camelCase, digits, separators, upper case and non-ASCII text.
@Suite struct WordListTests {
    static let list = WordList(["lock", "rate", "limit", "ratelimit", "id", "v2", "queue"])
    static let pieces = ["lock", "Lock", "LOCK", "rate", "Rate", "Limit", "limits", "id", "ID", "Id", "v2", "V2", "x", "queue",
                         "Queue", "é", "\u{212A}", "ß", ":", "_", "-", ".", " ", "{", "}", "${", "0", "9", "a", "Z", "\u{FFFD}"]

    /// The answers as they were: the words as Strings, then a look-up.
    static func direct(_ text: String) -> String? {
        RaceFacts.words(text).first { list.strings.contains($0) }
    }

    @Test func answersAsTheSplitWordsDo() {
        var random = SeededRandom(seed: 77)
        var matched = 0
        for _ in 0..<5_000 {
            let text = (0..<(random.below(7))).map { _ in random.pick(Self.pieces) }.joined()
            let expected = Self.direct(text)
            #expect(Self.list.firstWord(of: text) == expected, "\(text)")
            #expect(Self.list.firstWord(of: Array(text.utf8)) == expected, "\(text)")
            #expect(Self.list.containsWord(of: text) == (expected != nil), "\(text)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 500, "the generated texts hit the list often enough to compare")
    }

    /// Invalid UTF-8 separates words as the replacement character of the decoded String did.
    @Test func invalidBytesSeparateWords() {
        var random = SeededRandom(seed: 78)
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(10) {
                bytes += random.chance(30) ? [random.pick([0xFF, 0xC3, 0x80, 0xE2, 0x41, 0x61])] : Array(random.pick(Self.pieces).utf8)
            }
            #expect(Self.list.firstWord(of: bytes) == Self.direct(String(decoding: bytes, as: UTF8.self)), "\(bytes)")
        }
    }

    @Test func keyPredicatesReadEachPart() {
        #expect(RaceFacts.lockNamed(KeyExpr(parts: [.literal(Array("app:".utf8)), .hole("lockName")])))
        #expect(!RaceFacts.lockNamed(KeyExpr(parts: [.literal(Array("blocks:".utf8)), .hole("id")])))
        #expect(RaceFacts.limiterLike(KeyExpr(parts: [.literal(Array("api:".utf8)), .hole("user"), .literal(Array(":rateLimit".utf8))])))
        // Literals joined with `:` once, so no word runs from one literal into the next.
        #expect(!RaceFacts.limiterLike(KeyExpr(parts: [.literal(Array("ra".utf8)), .hole("x"), .literal(Array("te".utf8))])))
        #expect(CacheAsideFlow.permanent(KeyExpr(parts: [.literal(Array("config:".utf8)), .hole("x")])))
        #expect(!CacheAsideFlow.permanent(.hole("cacheKey")), "a variable named key says nothing")
        #expect(CacheAsideFlow.permanent(.hole("lockKey")))
        #expect(CacheAsideFlow.permanent(.literal("api:key")))
        #expect(DelGrowingCollection.growingWord(KeyExpr(parts: [.literal(Array("user:".utf8)), .hole("id"), .literal(Array(":jobQueue".utf8))])) == "queue")
        #expect(DelGrowingCollection.growingWord(KeyExpr(parts: [.literal(Array("a:".utf8)), .hole("queue")])) == nil, "a hole among literals is not read")
    }
}
