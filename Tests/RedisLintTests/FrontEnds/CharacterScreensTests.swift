import Testing
@testable import RedisLint
import RedisTestSupport

/// `CharacterScreens` answers as the character tests it screens, on texts of ASCII and of other characters:
/// accents precomposed and combining, `\r\n`, letters and digits of other scripts, the Kelvin sign.
@Suite struct CharacterScreensTests {
    static let pieces = ["a", "Z", "M", "0", "_", ".", "@", "-", " ", "\r\n", "\n", "\r", "\u{E9}", "\u{C9}", "e\u{301}", "E\u{301}",
                         "_\u{301}", "\u{0663}", "\u{212A}", "\u{1F600}", "\u{301}", "\u{7F}", "\u{0394}", "\u{03B4}"]

    @Test func lettersAndUnderscoresAsTheCharacterTest() {
        var random = SeededRandom(seed: 0x1E77E)
        var accepted = 0, rejected = 0
        for _ in 0..<3_000 {
            let text = (0..<random.below(5)).map { _ in random.pick(Self.pieces) }.joined()
            let expected = text.allSatisfy { $0.isLetter || $0 == "_" }
            #expect(CharacterScreens.isLettersAndUnderscores(text) == expected, "\(Array(text.unicodeScalars))")
            if expected { accepted += 1 } else { rejected += 1 }
        }
        #expect(accepted > 100 && rejected > 100)
    }

    @Test func startsUppercaseAsTheCharacterTest() {
        var random = SeededRandom(seed: 0x0C45E)
        var accepted = 0, rejected = 0
        for _ in 0..<3_000 {
            let text = (0..<random.below(4)).map { _ in random.pick(Self.pieces) }.joined()
            let expected = text.first?.isUppercase == true
            #expect(CharacterScreens.startsUppercase(text) == expected, "\(Array(text.unicodeScalars))")
            if expected { accepted += 1 } else { rejected += 1 }
        }
        #expect(accepted > 100 && rejected > 100)
    }
}
