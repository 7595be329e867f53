import Testing
@testable import RedisLint

@Suite struct PythonLexerTests {
    @Test func indentDedentAndLogicalNewlines() {
        let source = "def f(a,\n      b):\n    x = 1\n\n    # only a comment\n\tif x:\n\t    pass\ny = [\n  1]\n"
        #expect(render(PythonLexer.self, source) == [
            "id:def", "id:f", "p:(", "id:a", "p:,", "id:b", "p:)", "p::", "nl",
            "indent", "id:x", "p:=", "num:1", "nl",
            // A tab goes to column 8: deeper than 4, so a new level.
            "indent", "id:if", "id:x", "p::", "nl",
            "indent", "id:pass", "nl",
            "dedent", "dedent", "dedent", "id:y", "p:=", "p:[", "num:1", "p:]", "nl",
        ])
    }

    @Test func lineContinuationAndEndOfFile() {
        #expect(render(PythonLexer.self, "if a and \\\n   b:\n  c") == [
            "id:if", "id:a", "id:and", "id:b", "p::", "nl", "indent", "id:c", "nl", "dedent",
        ])
    }

    @Test func prefixesAndTripleQuotes() {
        #expect(render(PythonLexer.self, #"r'\d' b"\x41" Rb'\n' u"\u00e9" '''a'b''' """c"d""" 'x' "y""#) == [
            #"s:"\d""#, #"s:"A""#, #"s:"\n""#, #"s:"é""#, #"s:"a'b""#, #"s:"c"d""#, #"s:"x""#, #"s:"y""#, "nl",
        ])
        let file = PythonLexer.lex(Array(#"rb"x" f"y" B'z'"#.utf8))
        #expect(file.tokens.map(\.flags) == [[.lineStart, .raw, .bytes], [.spaceBefore], [.spaceBefore, .bytes], []])
    }

    @Test func fStringsWithNestedQuotesSpecsAndBraces() {
        #expect(render(PythonLexer.self, #"f"a{x["k"]}b{{c}}{y!r}{z:>10}d""#) == [
            #"head:"a""#, "id:x", "p:[", #"s:"k""#, "p:]", #"mid:"b{c}""#, "id:y", #"mid:"""#, "id:z", #"tail:"d""#, "nl",
        ])
        // The conversion and the spec text are the next part's token text.
        let bytes = Array(#"f"{y!r}{z:>10}d""#.utf8)
        let texts = PythonLexer.lex(bytes).tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(texts == [#"f"{"#, "y", "!r}{", "z", #":>10}d""#, ""])
        #expect(render(PythonLexer.self, #"f'{f"{1}"}' f"{x:{w}.{p}}""#) == [
            #"head:"""#, #"head:"""#, "num:1", #"tail:"""#, #"tail:"""#,
            #"head:"""#, "id:x", #"mid:"""#, "id:w", #"mid:"""#, "id:p", #"tail:"""#, "nl",
        ])
    }

    @Test func namedEscapeIsNotAField() {
        #expect(render(PythonLexer.self, #"f"\N{DASH}{x}""#) == [#"head:"\N{DASH}""#, "id:x", #"tail:"""#, "nl"])
    }

    @Test func bracketsInsideFStringFieldsDoNotCloseThem() {
        #expect(render(PythonLexer.self, #"f"{ {'a': 1}['a'] }""#) == [
            #"head:"""#, "p:{", #"s:"a""#, "p::", "num:1", "p:}", "p:[", #"s:"a""#, "p:]", #"tail:"""#, "nl",
        ])
    }

    @Test func decoratorsAndOperators() {
        #expect(render(PythonLexer.self, "@app.get('/x')\nasync def h(): return a ** b // c := d -> e", skipNewlines: true) == [
            "p:@", "id:app", "p:.", "id:get", "p:(", #"s:"/x""#, "p:)", "id:async", "id:def", "id:h", "p:(", "p:)", "p::",
            "id:return", "id:a", "p:**", "id:b", "p://", "id:c", "p::=", "id:d", "p:->", "id:e",
        ])
    }

    @Test func unterminatedStrings() {
        let one = PythonLexer.lex(Array("x = 'abc\ny = 1\n".utf8))
        #expect(one.problems.map(\.offset) == [4])
        // A one-line string stops at its line end: the next line is still code.
        #expect(one.tokens.contains { $0.kind == .identifier && $0.start == 9 })
        let triple = PythonLexer.lex(Array("x = '''abc\ny = 1\n".utf8))
        #expect(triple.problems.map(\.offset) == [4])
        #expect(triple.tokens.last(where: { $0.kind == .string })?.flags.contains(.unterminated) == true)
        #expect(PythonLexer.lex(Array("f'{x".utf8)).problems.count == 1)
    }

    @Test func inconsistentDedentIsAProblem() {
        let file = PythonLexer.lex(Array("if a:\n    b\n  c\n".utf8))
        #expect(file.problems.map(\.offset) == [14])
    }
}
