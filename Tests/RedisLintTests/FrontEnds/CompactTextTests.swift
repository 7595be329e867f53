import Testing
import RedisTestSupport
@testable import RedisLint

/// `TokenView.compactText` (whose short tokens are copied as 8-byte words) against its definition as a
/// byte loop: line-end and block tokens left out, a space between two words, the first 200 bytes kept;
/// on random token ranges of lexed code in four languages, with names long enough to cross the limit
/// anywhere, and ranges reaching past the last token and ending near the end of the file.
@Suite struct CompactTextTests {
    static func reference(_ view: TokenView, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        var previousIsWord = false
        for index in range where index < view.count {
            let token = view[index]
            if token.kind == .newline || token.kind == .indent || token.kind == .dedent { continue }
            let isWord = token.kind == .identifier || token.kind == .number
            if isWord && previousIsWord { out.append(0x20) }
            previousIsWord = isWord
            out += view.bytes[Int(token.start)..<Int(token.end)]
        }
        return String(decoding: out.prefix(200), as: UTF8.self)
    }

    @Test func compactTextIsTheFirst200BytesOfTheJoinedTokens() {
        var random = SeededRandom(seed: 0xC0_4FAC)
        let pieces = ["self", ".", "redis", "(", ")", "[", "]", "\"a long string literal of some length\"", "'k'", "1", "2.5",
                      "not", " ", "\n", ",", "a_name_of_exactly_23_ch", "x", "=>", "`t${y}u`", "f\"v{w}z\"", "#{q}", "é"]
        var checked = 0, cut = 0
        for _ in 0..<300 {
            let text = (0..<random.below(120)).map { _ in random.pick(pieces) }.joined()
            let bytes = Array(text.utf8)
            for tokens in [PythonLexer.lex(bytes).tokens, RubyLexer.lex(bytes).tokens, SwiftLexer.lex(bytes).tokens, JavaScriptLexer.lex(bytes).tokens] {
                let view = TokenView(bytes: bytes, tokens: tokens)
                for _ in 0..<6 {
                    let lower = random.below(tokens.count + 1)
                    let upper = lower + random.below(tokens.count + 4 - lower)
                    let expected = Self.reference(view, lower..<upper)
                    #expect(view.compactText(lower..<upper) == expected, "\(text) \(lower)..<\(upper)")
                    checked += 1
                    if expected.utf8.count == 200 { cut += 1 }
                }
            }
        }
        #expect(checked > 5_000 && cut > 100, "\(checked) ranges, \(cut) cut at the limit")
    }

    /// Tokens written together (taken from the source as written) and apart, with words and names long
    /// enough to cross the limit within one token, against the byte-loop definition on every range.
    @Test func tokensWrittenTogetherGiveTheSameText() {
        let long = String(repeating: "n", count: 150), longer = String(repeating: "é", count: 130)
        let texts = ["self.redis = 1", "redis.Redis", "x", "a.b.c.d.e.f.g.h.i.j", "\(long).\(long)", "\(longer)x.y", "1abc", "a b",
                     "self . redis", "f(x)[0]", "\n", "", "'\(longer)'.x"]
        for text in texts {
            let bytes = Array(text.utf8)
            for tokens in [PythonLexer.lex(bytes).tokens, RubyLexer.lex(bytes).tokens, SwiftLexer.lex(bytes).tokens, JavaScriptLexer.lex(bytes).tokens] {
                let view = TokenView(bytes: bytes, tokens: tokens)
                for lower in 0...tokens.count {
                    for upper in lower...tokens.count + 2 {
                        #expect(Array(view.compactText(lower..<upper).utf8) == Array(Self.reference(view, lower..<upper).utf8), "\(text) \(lower)..<\(upper)")
                    }
                }
            }
        }
    }
}
