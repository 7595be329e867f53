import Testing
@testable import RedisLint
import RedisTestSupport

/// `ClientMethods.isAllLetters` reads ASCII names bytewise: it must answer as `allSatisfy(\.isLetter)`
/// for every name, non-ASCII ones (accents, combining marks, `\r\n`) included.
@Suite struct ClientMethodLetterTests {
    @Test func agreesWithCharacterIsLetter() {
        var random = SeededRandom(seed: 0x1E77_E25)
        let pieces = ["a", "Z", "get", "_", "1", "-", "?", "\r", "\n", "é", "e\u{301}", "_\u{301}", "\u{600}", "ß", "日", " ", "µ", "Ω"]
        var letters = 0
        for _ in 0..<3_000 {
            let name = (0..<random.below(7)).map { _ in random.pick(pieces) }.joined()
            let expected = name.allSatisfy { $0.isLetter }
            #expect(ClientMethods.isAllLetters(name) == expected, "\(name.unicodeScalars.map { $0.value })")
            if expected { letters += 1 }
        }
        #expect(letters > 100 && letters < 2_900)
    }
}
