import Testing
import RedisTestSupport
@testable import RedisLint

/// Tokens written through a `TokenSink` come out as the same array `append` builds, whether they fit
/// the storage reserved up front or outgrow it and move (`ownsStorage`); and a file with more tokens
/// than `LexerCore.lex` reserves (one per byte) lexes as it does inside a larger file.
@Suite struct TokenSinkTests {
    @Test func sinkKeepsEveryTokenAcrossGrowth() {
        var random = SeededRandom(seed: 0x5349_4E4B)
        for reserved in [0, 1, 3, 16, 100] {
            let count = random.below(700)
            let expected = (0..<count).map { k in
                Token(kind: random.pick([.identifier, .punct, .newline, .string]), start: k, end: k + random.below(5),
                      contentStart: k, contentEnd: k + 1)
            }
            var storage = [Token](repeating: Token(kind: .dedent, start: 0, end: 0), count: reserved)
            storage.withUnsafeMutableBufferPointer { buffer in
                var sink = TokenSink(buffer)
                for token in expected { sink.append(token) }
                #expect(sink.count == count)
                #expect(sink.ownsStorage == (count > reserved || reserved == 0))
                if count > 0 {
                    #expect(sink.last == expected.last)
                    sink[count - 1].kind = .symbol
                    #expect(sink[count - 1].kind == .symbol)
                    sink[count - 1].kind = expected[count - 1].kind
                }
                let tokens = sink.ownsStorage ? sink.takeOwnedTokens() : Array(buffer.prefix(count))
                #expect(tokens == expected)
            }
        }
    }

    @Test func filesWithMoreTokensThanReservedLexTheSame() {
        // One token per byte: three times what `LexerCore.lex` reserves. Wrapped in a statement that
        // keeps the run's tokens the same, the run must lex alike at the start of a short file and
        // inside a file long enough to have room for it.
        for run in ["((((((((", "[]{}()", ",;,;"] {
            let body = String(repeating: run, count: 300)
            let short = Array("x = \(body)\n".utf8)
            // Few tokens per byte before the run, so the reserve covers all.
            let line = "z = \"" + String(repeating: "a", count: 200) + "\"\n"
            let padded = Array((String(repeating: line, count: 200) + "x = \(body)\n").utf8)
            for lex in [PythonLexer.lex, JavaScriptLexer.lex, RubyLexer.lex, SwiftLexer.lex] as [([UInt8]) -> LexedFile] {
                let alone = lex(short).tokens
                let inside = lex(padded).tokens
                #expect(alone.count > short.count / 3 + 16)
                let shift = Int32(padded.count - short.count)
                let tail = inside.suffix(alone.count).map { t -> Token in
                    var t = t
                    t.start -= shift; t.end -= shift; t.contentStart -= shift; t.contentEnd -= shift
                    return t
                }
                // Flags may differ only at the first token (the start of the file vs a line start).
                #expect(Array(tail.dropFirst()) == Array(alone.dropFirst()))
                #expect(tail.first?.kind == alone.first?.kind)
            }
        }
    }
}
