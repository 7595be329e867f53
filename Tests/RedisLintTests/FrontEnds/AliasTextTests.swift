import Testing
@testable import RedisLint
import RedisTestSupport

/// `CharacterScreens.isAliasText` answers as the character test it screens (letters, digits, `_`, `.`, `@`), on texts
/// of ASCII and of other characters: accents precomposed and combining, `\r\n`, digits of other scripts.
@Suite struct AliasTextTests {
    @Test func answersAsTheCharacterTest() {
        var random = SeededRandom(seed: 0xA11A5)
        let pieces = ["a", "Z", "0", "9", "_", ".", "@", "-", " ", "(", "\r\n", "\n", "\r", "\u{E9}", "e\u{301}", ".\u{301}",
                      "\u{0663}", "\u{212A}", "\u{1F600}", "\u{301}", "\u{7F}", "$"]
        var accepted = 0, rejected = 0
        for _ in 0..<3_000 {
            let text = (0..<(1 + random.below(5))).map { _ in random.pick(pieces) }.joined()
            let expected = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "@" }
            #expect(CharacterScreens.isAliasText(text) == expected, "\(Array(text.unicodeScalars))")
            if expected { accepted += 1 } else { rejected += 1 }
        }
        #expect(accepted > 100 && rejected > 100)
    }
}
