@testable import LuaParse
import RedisTestSupport
import Testing

/// The line table is built from the tokens the parser takes: at every token start it must give the
/// line a count of the source's line breaks gives, whatever breaks (`\n`, `\r`, `\r\n`, `\n\r`) come
/// between tokens or inside comments, long strings and escaped string line breaks.
@Suite struct LineTableTests {
    /// The line of each offset, counting line breaks byte by byte (`\n`, `\r`, `\r\n`, `\n\r` end a line).
    static func referenceLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            lines.append(line)
            i += 1
            if c == 10 || c == 13 {
                if i < bytes.count, bytes[i] == 10 || bytes[i] == 13, bytes[i] != c { lines.append(line); i += 1 }
                line += 1
            }
        }
        lines.append(line)
        return lines
    }

    /// The start of every token of `bytes`, as the parser's lexer sees them.
    static func tokenStarts(_ bytes: [UInt8]) -> [Int] {
        var lexer = LuaLexer(bytes: bytes)
        lexer.rejectsNestedLongBrackets = false
        var starts: [Int] = []
        while true {
            let token = lexer.next()
            if token.kind == .eof || token.kind == .error { return starts }
            starts.append(token.start)
        }
    }

    @Test func everyTokenStartHasTheCountedLine() {
        var random = SeededRandom(seed: 211)
        let blanks = [" ", "\n", "\r", "\r\n", "\n\r", "\n\n", "\r\r", "-- c\n", "-- c\r\n", "--[[c\n\rd]]", "--[==[\r\r]==]", "\t"]
        let values = ["1", "'s'", "[[l\n\r o]]", "[[\nfirst]]", "\"e\\\nf\"", "\"g\\\r\nh\"", "{1,\n2}", "f(\n)", "a .. \n b"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<(1 + random.below(6)) {
                text += "x" + random.pick(blanks) + "=" + random.pick(blanks) + random.pick(values) + random.pick(blanks)
            }
            let bytes = Array(text.utf8)
            var parser = LuaParser(bytes: bytes, options: { var o = LuaParser.Options(); o.rejectsNestedLongBrackets = false; return o }())
            _ = parser.parseChunk()
            #expect(parser.errors.isEmpty, "\(text.debugDescription)")
            let expected = Self.referenceLines(bytes)
            let starts = Self.tokenStarts(bytes)
            #expect(starts.map { parser.lines.line(at: $0) } == starts.map { expected[$0] }, "\(text.debugDescription)")
        }
    }

    @Test func reportedLinesAfterShebangErrorsAndTemplates() {
        // A shebang line, then globals read and written on later lines.
        let shebang = LuaScript(source: Array("#!lua flags=no-writes\r\nlocal a = b\n\n\rc = 1".utf8))
        #expect(shebang.scopes.globalReads.map(\.line) == [2])
        #expect(shebang.globalWrites.map(\.line) == [4])
        // Recovery skips tokens; the statements it resumes at still have their lines.
        let broken = LuaScript(source: Array("x = = 1\nlocal y = z\n--[[\n]]\nreturn redis.call('GET', w)".utf8))
        #expect(!broken.syntaxErrors.isEmpty)
        #expect(broken.scopes.globalReads.map(\.name) == ["z", "redis", "w"])
        #expect(broken.scopes.globalReads.map(\.line) == [2, 5, 5])
        #expect(broken.redisCalls.map(\.line) == [5])
        // A template's placeholders keep its line breaks.
        let template = LuaScript(source: Array("local k = '<%= key\n%>'\nreturn redis.call('GET', {{ name }}, v)".utf8))
        #expect(template.isTemplate)
        #expect(template.redisCalls.map(\.line) == [3])
        // No tokens: every offset is on line 1.
        #expect(LuaLineTable().line(at: 0) == 1)
        #expect(LuaScript(source: []).scopes.globalReads.isEmpty)
    }
}
