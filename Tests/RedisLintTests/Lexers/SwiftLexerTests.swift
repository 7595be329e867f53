import Testing
@testable import RedisLint

@Suite struct SwiftLexerTests {
    @Test func interpolationWithNestedStringsAndParens() {
        #expect(render(SwiftLexer.self, #""a\(f("b)"))c\((x))d""#) == [
            #"head:"a""#, "id:f", "p:(", #"s:"b)""#, "p:)", #"mid:"c""#, "p:(", "id:x", "p:)", #"tail:"d""#,
        ])
    }

    @Test func rawStrings() {
        #expect(render(SwiftLexer.self, ###"#"a\n"b\#(x)c"# ##"q"#\#n\##t"##"###) == [
            #"head:"a\n"b""#, "id:x", #"tail:"c""#, "s:\"q\"#\\#n\t\"",
        ])
    }

    @Test func multilineStringStripsClosingIndentation() {
        let source = "let s = \"\"\"\n    one\n      two \\\n    three\n    \"\"\"\n"
        #expect(render(SwiftLexer.self, source) == ["id:let", "id:s", "p:=", "s:\"one\n  two three\"", "nl"])
    }

    @Test func nestedCommentsAndDirectives() {
        let bytes = Array("/* a /* b */ c */ #if DEBUG\n#selector(x)".utf8)
        let file = SwiftLexer.lex(bytes)
        #expect(renderTokens(SwiftLexer.self, file.tokens, bytes) == ["p:#", "id:if", "id:DEBUG", "nl", "p:#", "id:selector", "p:(", "id:x", "p:)"])
        #expect(file.comments == [0..<17])
    }

    @Test func regexLiteralsVersusDivision() {
        #expect(render(SwiftLexer.self, "let r = /a+b/; let d = x / y / z; let e = #/a/b/#; f(/x/)", skipNewlines: true) == [
            "id:let", "id:r", "p:=", "re:/a+b/", "p:;", "id:let", "id:d", "p:=", "id:x", "p:/", "id:y", "p:/", "id:z", "p:;",
            "id:let", "id:e", "p:=", "re:#/a/b/#", "p:;", "id:f", "p:(", "re:/x/", "p:)",
        ])
        // A space after `/` means an operator.
        #expect(render(SwiftLexer.self, "a = b ?? / c /") == ["id:a", "p:=", "id:b", "p:??", "p:/", "id:c", "p:/"])
    }

    @Test func identifiersAndOperators() {
        #expect(render(SwiftLexer.self, "`class` $0 a?.b ?? c ..< d ... e -> f === g") == [
            "id:`class`", "id:$0", "id:a", "p:?.", "id:b", "p:??", "id:c", "p:..<", "id:d", "p:...", "id:e", "p:->", "id:f",
            "p:===", "id:g",
        ])
    }

    @Test func unterminated() {
        #expect(SwiftLexer.lex(Array("x = \"abc\ny".utf8)).problems.map(\.offset) == [4])
        #expect(SwiftLexer.lex(Array("x = \"\"\"\nabc".utf8)).problems.map(\.offset) == [4])
        #expect(SwiftLexer.lex(Array("/* /* */".utf8)).problems.map(\.offset) == [0])
    }
}
