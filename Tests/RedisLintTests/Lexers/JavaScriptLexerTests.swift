import Testing
@testable import RedisLint

@Suite struct JavaScriptLexerTests {
    @Test func nestedTemplates() {
        #expect(render(JavaScriptLexer.self, "`a${`b${c}d`}e${f}g`") == [
            #"head:"a""#, #"head:"b""#, "id:c", #"tail:"d""#, #"mid:"e""#, "id:f", #"tail:"g""#,
        ])
        #expect(render(JavaScriptLexer.self, "`x${ {a: '}'}.a }y`") == [
            #"head:"x""#, "p:{", "id:a", "p::", #"s:"}""#, "p:}", "p:.", "id:a", #"tail:"y""#,
        ])
    }

    @Test func regexVersusDivision() {
        #expect(render(JavaScriptLexer.self, "a = b / c / d; e = f(/[/]x/g); if (x) /re/.test(s); return /y/", skipNewlines: true) == [
            "id:a", "p:=", "id:b", "p:/", "id:c", "p:/", "id:d", "p:;", "id:e", "p:=", "id:f", "p:(", "re:/[/]x/g", "p:)", "p:;",
            "id:if", "p:(", "id:x", "p:)", "p:/", "id:re", "p:/", "p:.", "id:test", "p:(", "id:s", "p:)", "p:;",
            "id:return", "re:/y/",
        ])
        #expect(render(JavaScriptLexer.self, "x = a++ / 2; y = typeof /z/") == [
            "id:x", "p:=", "id:a", "p:++", "p:/", "num:2", "p:;", "id:y", "p:=", "id:typeof", "re:/z/",
        ])
    }

    @Test func jsxTextIsNotCode() {
        let source = "const v = <div className=\"a\" k={x}>text redis.keys('x') {y}<br/></div>;"
        #expect(render(JavaScriptLexer.self, source) == [
            "id:const", "id:v", "p:=", "p:<", "id:div", "id:className", "p:=", #"s:"a""#, "id:k", "p:=", "p:{", "id:x", "p:}",
            "p:>", #"s:"text redis.keys('x') ""#, "p:{", "id:y", "p:}", "p:<", "id:br", "p:/>", "p:</", "id:div", "p:>", "p:;",
        ])
    }

    @Test func typeScriptGenericsAreNotJSX() {
        #expect(render(JavaScriptLexer.self, "const f = <T,>(x: T) => foo<T>(x); let m: Map<string, Array<number>> = a < b") == [
            "id:const", "id:f", "p:=", "p:<", "id:T", "p:,", "p:>", "p:(", "id:x", "p::", "id:T", "p:)", "p:=>",
            "id:foo", "p:<", "id:T", "p:>", "p:(", "id:x", "p:)", "p:;", "id:let", "id:m", "p::", "id:Map", "p:<", "id:string",
            "p:,", "id:Array", "p:<", "id:number", "p:>", "p:>", "p:=", "id:a", "p:<", "id:b",
        ])
        // Without JSX, `<any>x` is a type assertion.
        let bytes = Array("y = <Foo>x".utf8)
        #expect(renderTokens(JavaScriptLexer.self, JavaScriptLexer.lex(bytes, jsx: false).tokens, bytes) == [
            "id:y", "p:=", "p:<", "id:Foo", "p:>", "id:x",
        ])
    }

    @Test func optionalChainingNumbersAndPrivateNames() {
        #expect(render(JavaScriptLexer.self, "a?.b ?? c?.(1) ?? d?.[0]; e = f?.5:1; #p = 1_000n + 0x1Fn; @Dec() x") == [
            "id:a", "p:?.", "id:b", "p:??", "id:c", "p:?.", "p:(", "num:1", "p:)", "p:??", "id:d", "p:?.", "p:[", "num:0", "p:]",
            "p:;", "id:e", "p:=", "id:f", "p:?", "num:.5", "p::", "num:1", "p:;", "id:#p", "p:=", "num:1_000n", "p:+",
            "num:0x1Fn", "p:;", "p:@", "id:Dec", "p:(", "p:)", "id:x",
        ])
    }

    @Test func commentsAndEscapes() {
        let source = "#!/usr/bin/env node\n// one\nx = 'a\\'b\\u{1F600}\\x41'; /* two\n */ y"
        let bytes = Array(source.utf8)
        let file = JavaScriptLexer.lex(bytes)
        #expect(renderTokens(JavaScriptLexer.self, file.tokens, bytes) == ["nl", "nl", "id:x", "p:=", "s:\"a'b😀A\"", "p:;", "id:y"])
        #expect(file.comments.count == 3)
    }

    @Test func unterminated() {
        #expect(JavaScriptLexer.lex(Array("`abc ${x".utf8)).problems.map(\.offset) == [0])
        #expect(JavaScriptLexer.lex(Array("x = 'abc\ny".utf8)).problems.map(\.offset) == [4])
        #expect(JavaScriptLexer.lex(Array("/* abc".utf8)).problems.map(\.offset) == [0])
        #expect(JavaScriptLexer.lex(Array("x = (<div>abc".utf8)).problems.count == 1)
    }
}
