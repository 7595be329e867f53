import Testing
@testable import RedisLint

@Suite struct RubyLexerTests {
    @Test func interpolationWithStringHoldingBrace() {
        #expect(render(RubyLexer.self, #"x = "a#{h["}"]}b""#) == [
            "id:x", "p:=", #"head:"a""#, "id:h", "p:[", #"s:"}""#, "p:]", #"tail:"b""#,
        ])
    }

    @Test func heredocsOnOneLineFollowedByCode() {
        let source = "foo(<<~A, <<-B).strip\n  one\n  A\n  two\n  B\nbar\n"
        #expect(render(RubyLexer.self, source) == [
            "id:foo", "p:(", "s:\"one\n\"", "p:,", "s:\"  two\n\"", "p:)", "p:.", "id:strip", "nl", "id:bar", "nl",
        ])
    }

    @Test func squigglyHeredocStripsCommonIndentation() {
        let source = "s = <<~LUA\n    local x = 1\n      return x\n  LUA\n"
        #expect(render(RubyLexer.self, source) == ["id:s", "p:=", "s:\"local x = 1\n  return x\n\"", "nl"])
    }

    @Test func rawHeredocKeepsInterpolationText() {
        #expect(render(RubyLexer.self, "x = <<~'E'\n  a #{b}\\n\nE\n") == ["id:x", "p:=", "s:\"a #{b}\\n\n\"", "nl"])
    }

    @Test func shiftOperatorsAreNotHeredocs() {
        #expect(render(RubyLexer.self, "arr << x\nclass << self\n", skipNewlines: true) == [
            "id:arr", "p:<<", "id:x", "id:class", "p:<<", "id:self",
        ])
    }

    @Test func regexVersusDivision() {
        #expect(render(RubyLexer.self, "a = x / y / 2; b = foo(/re/); c = s.split /,/", skipNewlines: true) == [
            "id:a", "p:=", "id:x", "p:/", "id:y", "p:/", "num:2", "p:;",
            "id:b", "p:=", "id:foo", "p:(", "re:/re/", "p:)", "p:;",
            "id:c", "p:=", "id:s", "p:.", "id:split", "re:/,/",
        ])
    }

    @Test func percentLiteralsWithNestingDelimiters() {
        #expect(render(RubyLexer.self, "[%q(a(b)c), %w[x y], %i{a}, %r{x/y}i, %s(sym), %|p|, %Q<a<b>#{c}>]") == [
            "p:[", #"s:"a(b)c""#, "p:,", #"s:"x y""#, "p:,", #"s:"a""#, "p:,", "re:%r{x/y}i", "p:,", "sym:%s(sym)", "p:,", #"s:"p""#, "p:,",
            #"head:"a<b>""#, "id:c", #"tail:"""#, "p:]",
        ])
        #expect(render(RubyLexer.self, "x % 3") == ["id:x", "p:%", "num:3"])
        // Any delimiter, `'` included, still interpolates in `%Q`.
        #expect(render(RubyLexer.self, "x = %Q'a#{b}'") == ["id:x", "p:=", #"head:"a""#, "id:b", #"tail:"""#])
    }

    @Test func symbolsLabelsAndCharLiterals() {
        #expect(render(RubyLexer.self, #"{a: :b, "c": :"d e", e: :+, f: ?x} ? y : z"#) == [
            "p:{", "id:a", "p::", "sym::b", "p:,", #"s:"c""#, "p::", #"sym::"d e""#, "p:,", "id:e", "p::", "sym::+", "p:,",
            "id:f", "p::", "sym:?x", "p:}", "p:?", "id:y", "p::", "id:z",
        ])
    }

    @Test func sigilsAndOperators() {
        #expect(render(RubyLexer.self, "$g @i @@c $1 a::B x&.y a||=b c&&=d e<=>f g===h i=~j k!~l 1..2 3...4 2**3 ->{} h=>1") == [
            "id:$g", "id:@i", "id:@@c", "id:$1", "id:a", "p:::", "id:B", "id:x", "p:&.", "id:y", "id:a", "p:||=", "id:b",
            "id:c", "p:&&=", "id:d", "id:e", "p:<=>", "id:f", "id:g", "p:===", "id:h", "id:i", "p:=~", "id:j", "id:k", "p:!~",
            "id:l", "num:1", "p:..", "num:2", "num:3", "p:...", "num:4", "num:2", "p:**", "num:3", "p:->", "p:{", "p:}",
            "id:h", "p:=>", "num:1",
        ])
    }

    @Test func commentsBeginEndAndDataSection() {
        let source = "a # c1\n=begin\nredis.keys\n=end\nb\n__END__\nredis.keys\n"
        let bytes = Array(source.utf8)
        let file = RubyLexer.lex(bytes)
        #expect(renderTokens(RubyLexer.self, file.tokens, bytes) == ["id:a", "nl", "nl", "id:b", "nl"])
        #expect(file.comments.map { String(decoding: bytes[$0], as: UTF8.self) } == ["# c1", "=begin\nredis.keys\n=end"])
    }

    @Test func lineFlags() {
        let file = RubyLexer.lex(Array("foo -1\n  bar[1]".utf8))
        #expect(file.tokens.map(\.flags) == [[.lineStart], [.spaceBefore], [], [], [.lineStart, .spaceBefore], [], [], []])
    }

    @Test func unterminatedLiteralsAreReported() {
        for source in ["x = \"abc", "x = <<~E\nbody\n", "x = %q(abc", "=begin\nx\n", "x = 'a", "x = /abc"] {
            let file = RubyLexer.lex(Array(source.utf8))
            #expect(file.problems.count == 1, "\(source)")
            #expect(file.problems.first?.offset == (source.hasPrefix("=") ? 0 : 4), "\(source)")
        }
        #expect(RubyLexer.lex(Array("x = \"abc".utf8)).tokens.last?.flags.contains(.unterminated) == true)
    }
}
