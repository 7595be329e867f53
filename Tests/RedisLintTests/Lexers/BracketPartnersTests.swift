import Foundation
import Testing
import RedisTestSupport
@testable import RedisLint

/// The bracket partners each lexer notes as it emits tokens (`LexedFile.partners`) are those matched
/// afresh over the finished tokens (`BracketPartners.match`, which `TokenViewPartnerTests` holds to the
/// plain stack matching), on every host-language fixture and on generated bracket soups; where the
/// lexer cannot note them (more tokens than reserved, a file joined from two parts) it says so (nil).
@Suite struct BracketPartnersTests {
    static func lexer(forExtension ext: String) -> (([UInt8]) -> LexedFile)? {
        switch ext {
        case "py": return { PythonLexer.lex($0) }
        case "rb": return { RubyLexer.lex($0) }
        case "swift": return { SwiftLexer.lex($0) }
        case "ts": return { JavaScriptLexer.lex($0, jsx: false) }
        case "js", "tsx", "jsx": return { JavaScriptLexer.lex($0, jsx: true) }
        default: return nil
        }
    }

    @Test func lexersNoteTheMatchedPartnersOnEveryFixture() throws {
        let files = FileManager.default.enumerator(at: fixturesDirectory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        var checked = 0, paired = 0
        for url in files {
            guard let lex = Self.lexer(forExtension: url.pathExtension) else { continue }
            let bytes = Array(try Data(contentsOf: url))
            let file = lex(bytes)
            let expected = BracketPartners.match(file.tokens, in: bytes)
            #expect(file.partners == expected, "\(url.lastPathComponent)")
            checked += 1
            paired += expected.filter { $0 >= 0 }.count
        }
        #expect(checked > 150, "\(checked) files")
        #expect(paired > 5_000, "\(paired) paired tokens")
    }

    @Test func generatedSoupsMatchInEveryLexer() {
        var random = SeededRandom(seed: 0xB7AC_4E75)
        // Brackets in every nesting and mismatch, interpolations (with brackets inside their holes),
        // strings and comments that hide brackets, and names between; long names keep most soups within
        // the tokens `LexerCore.lex` reserves room for (one per 3 bytes).
        let pieces = ["(", ")", "[", "]", "{", "}", " x ", "\n", ", ", "\"a\"", "'(b'", "f\"c{d[0]}e\"", "`f${g(1)}h`",
                      "\"i#{j[2]}k\"", "\"l\\(m(3))n\"", "# ) \n", "// ] \n", "o.p(", "=> {", "q: ", "<", ">"]
        let padding = [" ", " longer_name_here ", "  another_long_name  "]
        var paired = 0, noted = 0
        for _ in 0..<400 {
            let text = (0..<random.below(60)).map { _ in random.pick(pieces) + random.pick(padding) }.joined() + "\n"
            let bytes = Array(text.utf8)
            for lex in [PythonLexer.lex, RubyLexer.lex, SwiftLexer.lex, JavaScriptLexer.lex] as [([UInt8]) -> LexedFile] {
                let file = lex(bytes)
                let expected = BracketPartners.match(file.tokens, in: bytes)
                if let partners = file.partners {
                    #expect(partners == expected, "\(text)")
                    noted += 1
                } else {
                    // Only a file with more tokens than reserved for goes without.
                    #expect(file.tokens.count > bytes.count / 3 + 16, "\(text)")
                }
                paired += expected.filter { $0 >= 0 }.count
            }
        }
        #expect(noted > 1_200, "\(noted) soups noted")
        #expect(paired > 5_000, "\(paired) paired tokens")
    }

    @Test func filesTheLexerCannotNoteAreMatchedByTheView() {
        // One token per byte: more than `LexerCore.lex` reserves room for.
        let crowded = Array(("x = " + String(repeating: "([{}])", count: 400) + "\n").utf8)
        let file = PythonLexer.lex(crowded)
        #expect(file.partners == nil)
        let view = TokenView(bytes: crowded, tokens: file.tokens, partners: file.partners)
        #expect(view.partner == BracketPartners.match(file.tokens, in: crowded))
        #expect(view.partner.filter { $0 >= 0 }.count == 2_400)
        // Lexed in two parts that were joined: each part matched only its own brackets.
        let line = "def f(a):\n    return g([a], {b: (c)})  # long enough a line for its tokens\n"
        let split = Array(String(repeating: line, count: 400).utf8)
        let joined = SplitLexing.lex(split, splitAt: split.count / 2 - (split.count / 2) % line.utf8.count, part: PythonLexer.part)
        #expect(joined.joined)
        #expect(joined.file.partners == nil)
        #expect(PythonLexer.lex(split).partners == BracketPartners.match(joined.file.tokens, in: split))
    }
}
