import Testing
@testable import RedisLint
import RedisTestSupport

/// `ClientMethods.letterKind` reads ASCII names bytewise: whether a name is all letters must be what
/// `allSatisfy(\.isLetter)` says for every name, non-ASCII ones (accents, combining marks, `\r\n`) included,
/// and all ASCII exactly when its bytes are.
@Suite struct ClientMethodLetterTests {
    @Test func agreesWithCharacterIsLetter() {
        var random = SeededRandom(seed: 0x1E77_E25)
        let pieces = ["a", "Z", "get", "_", "1", "-", "?", "\r", "\n", "é", "e\u{301}", "_\u{301}", "\u{600}", "ß", "日", " ", "µ", "Ω"]
        var letters = 0
        for _ in 0..<3_000 {
            let name = (0..<random.below(7)).map { _ in random.pick(pieces) }.joined()
            let expected = name.allSatisfy { $0.isLetter }
            let kind = ClientMethods.letterKind(name)
            #expect((kind != .notLetters) == expected, "\(name.unicodeScalars.map { $0.value })")
            if expected { #expect((kind == .ascii) == name.utf8.allSatisfy { $0 < 0x80 }, "\(name.unicodeScalars.map { $0.value })") }
            if expected { letters += 1 }
        }
        #expect(letters > 100 && letters < 2_900)
    }
}
