@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaKeywords.lookup` switches on the name's bytes packed into an integer; it must answer as a search
/// of luac's reserved words by text (the reference here) for every keyword and for names near them.
@Suite struct KeywordLookupTests {
    static func reference(_ text: [UInt8]) -> LuaTokenKind? {
        let name = String(decoding: text, as: UTF8.self)
        guard let index = LuaTokenKind.reservedNames.prefix(21).firstIndex(of: name) else { return nil }
        return LuaTokenKind(UInt16(257 + index))
    }

    static func lookup(_ text: [UInt8]) -> LuaTokenKind? {
        // A name inside other bytes, as the lexer sees it: near the end of the script (packed a byte at a
        // time) and with eight bytes or more after its start (one load, the bytes past the name masked
        // off; name bytes follow here, so a mask one byte too wide would change the answer). Both agree.
        let bytes = [UInt8(ascii: " ")] + text + [UInt8(ascii: "(")]
        let nearEnd = LuaKeywords.lookup(bytes, 1, 1 + text.count)
        let followed = [UInt8(ascii: " ")] + text + Array("(endif or do".utf8)
        let loaded = LuaKeywords.lookup(followed, 1, 1 + text.count)
        let runOn = text + Array("dorandnot".utf8)
        // The name alone: with fewer than eight bytes from its start to the end, every length below eight
        // takes the byte-at-a-time path (a name followed by `(` does so only when shorter than seven).
        let alone = LuaKeywords.lookup(text, 0, text.count)
        #expect(nearEnd == loaded && nearEnd == LuaKeywords.lookup(runOn, 0, text.count) && nearEnd == alone, "\(text)")
        return nearEnd
    }

    @Test func everyKeywordAndItsNearMisses() {
        for word in LuaTokenKind.reservedNames.prefix(21) {
            let bytes = Array(word.utf8)
            #expect(Self.lookup(bytes) != nil && Self.lookup(bytes) == Self.reference(bytes), "\(word)")
            for variant in [bytes.dropLast() + [], bytes + [UInt8(ascii: "s")], [UInt8(ascii: "_")] + bytes,
                            bytes.map { $0 & 0xDF }] {
                #expect(Self.lookup(Array(variant)) == Self.reference(Array(variant)), "\(variant)")
            }
        }
    }

    @Test func randomNamesAgreeWithTheReference() {
        var random = SeededRandom(seed: 21)
        let letters = Array("abdefhilnoprstuwAE_9".utf8)
        var keywords = 0
        for _ in 0..<50_000 {
            let name = (0..<(1 + random.below(10))).map { _ in random.pick(letters) }
            let expected = Self.reference(name)
            #expect(Self.lookup(name) == expected, "\(name)")
            if expected != nil { keywords += 1 }
        }
        #expect(keywords > 0)
    }
}
