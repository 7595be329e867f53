import Testing
import RedisTestSupport
@testable import RedisLint

/// The token name probe answers as `String` equality of each token's text with the names does.
@Suite struct TokenNameProbeTests {
    /// On generated names of ASCII letters, near misses and non-ASCII text (the Kelvin sign, which equals
    /// "K", and a combining accent, which equals the precomposed "é"), each token matches exactly when
    /// its text equals one of the names as a `String`.
    @Test func matchesAreStringEquality() {
        var random = SeededRandom(seed: 17)
        let pieces = ["K", "\u{212A}", "e", "é", "e\u{301}", "id", "i", "_", "x", "ids"]
        func name() -> String { (0..<(1 + random.below(3))).map { _ in random.pick(pieces) }.joined() }
        var names = ["K", "\u{212A}ey", "é", "id"]
        for _ in 0..<200 { names.append(name()) }
        var words = names
        for _ in 0..<2_000 { words.append(name()) }
        let source = words.joined(separator: " ")
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        var checked = 0
        for count in [1, 2, 3] {
            for start in stride(from: 0, to: names.count - count, by: 7) {
                let chosen = Array(names[start..<start + count])
                let probe = TokenNameProbe(chosen)
                for index in 0..<view.count {
                    #expect(probe.matches(view, index) == chosen.contains(view.text(index)), "\(chosen) \(view.text(index))")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
        // The Kelvin sign's token is "K" by `String` equality, though its bytes are not.
        let kelvin = Array("\u{212A} K".utf8)
        let kelvinView = TokenView(bytes: kelvin, tokens: PythonLexer.lex(kelvin).tokens)
        #expect(kelvinView.text(0) == "K")
        #expect(TokenNameProbe(["K"]).matches(kelvinView, 0))
    }
}
