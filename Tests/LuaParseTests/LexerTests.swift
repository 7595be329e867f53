@testable import LuaParse
import Testing

@Suite("Lexer")
struct LexerTests {
    static func tokens(_ text: String) -> [LuaToken] {
        var lexer = LuaLexer(bytes: Array(text.utf8))
        var result: [LuaToken] = []
        while true {
            let token = lexer.next()
            if token.kind == .eof || token.kind == .error { break }
            result.append(token)
        }
        return result
    }

    static func kinds(_ text: String) -> [String] { tokens(text).map(\.kind.displayName) }

    @Test func operatorsAndKeywords() {
        #expect(Self.kinds("a.b..c...d==e~=f<=g>=h<i>j=k#l%m^n") ==
            ["<name>", ".", "<name>", "..", "<name>", "...", "<name>", "==", "<name>", "~=", "<name>", "<=", "<name>", ">=",
             "<name>", "<", "<name>", ">", "<name>", "=", "<name>", "#", "<name>", "%", "<name>", "^", "<name>"])
        #expect(Self.kinds("and break do else elseif end false for function if in local nil not or repeat return then true until while")
            == ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local", "nil", "not",
                "or", "repeat", "return", "then", "true", "until", "while"])
        #expect(Self.kinds("ends _end end_ iff") == ["<name>", "<name>", "<name>", "<name>"])
    }

    @Test func spansAreByteExact() {
        let source = "local é = [==[x]]y]==] --[[c]] 0x1p4"
        let tokens = Self.tokens(source)
        let bytes = Array(source.utf8)
        // `é` is two bytes the C locale does not see as letters: each is its own token.
        #expect(tokens.count == 6)
        #expect(String(decoding: bytes[tokens[4].span], as: UTF8.self) == "[==[x]]y]==]")
        #expect(tokens[5].start == bytes.count - 5 && tokens[5].end == bytes.count)
    }

    @Test func longBracketsOfAnyLevel() {
        let source = "[[a]] [=[b]]c]=] [==[\nd]=]e]==] --[===[ comment ]] ]===] x"
        let tokens = Self.tokens(source)
        let bytes = Array(source.utf8)
        #expect(tokens.map(\.kind.displayName) == ["<string>", "<string>", "<string>", "<name>"])
        #expect(tokens.prefix(3).map { String(decoding: Self.value(bytes, $0), as: UTF8.self) } == ["a", "b]]c", "d]=]e"])
    }

    @Test func stringEscapesDecodeAsLuaDoes() {
        let source = #"'\65\066\0067\n\t\\\"\x41\z' "a\"# + "\n" + #"b""#
        let bytes = Array(source.utf8)
        let values = Self.tokens(source).map { Self.value(bytes, $0) }
        #expect(values == [Array("AB\u{06}7\n\t\\\"x41z".utf8), Array("a\nb".utf8)])
    }

    @Test func numbers() {
        for (text, value) in [("3", 3.0), ("3.5", 3.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000), ("2E-2", 0.02), ("0x1F", 31),
                              ("0XaB", 171), ("0x1p4", 16), ("0x.8", -1)] where value >= 0 {
            let bytes = Array(text.utf8)
            #expect(LuaNumeral.value(bytes, 0, bytes.count) == value, "\(text)")
        }
        for bad in ["0x", "1e", "1e+", "3..2", "0x1P", "1.2.3", "08x"] {
            let bytes = Array(bad.utf8)
            #expect(LuaNumeral.value(bytes, 0, bytes.count) == nil, "\(bad)")
        }
    }

    @Test func lineCountingTreatsCRLFAsOneBreak() {
        let tokens = Self.tokens("a\r\nb\n\rc\r\rd\n[[x\ny]]")
        #expect(tokens.map(\.line) == [1, 2, 3, 5, 7])
        #expect(tokens.last?.startLine == 6)
    }

    @Test func errorsMatchLuac() {
        func error(_ text: String) -> String? {
            var lexer = LuaLexer(bytes: Array(text.utf8))
            while true {
                let token = lexer.next()
                if token.kind == .eof { return nil }
                if token.kind == .error, let error = lexer.lastError {
                    return "\(error.line): \(error.message)" + (error.nearText.map { " near '\($0)'" } ?? "")
                }
            }
        }
        #expect(error("x = 'abc\n") == "1: unfinished string near ''abc'")
        #expect(error("x = 'abc") == "1: unfinished string near '<eof>'")
        #expect(error("x = '\\300'") == "1: escape sequence too large near '''")
        #expect(error("x = [[\na\n") == "3: unfinished long string near '<eof>'")
        #expect(error("--[==[\n") == "2: unfinished long comment near '<eof>'")
        #expect(error("x = [[ [[ ]]") == "1: nesting of [[...]] is deprecated near '['")
        #expect(error("x = [== x") == "1: invalid long string delimiter near '[=='")
        #expect(error("x = 3..2") == "1: malformed number near '3..2'")
        #expect(error("x = [=[ [[ ]=]") == nil)
    }

    /// A string token's value, as the parser stores it.
    static func value(_ bytes: [UInt8], _ token: LuaToken) -> [UInt8] {
        var out: [UInt8] = []
        LuaStringDecoder.append(bytes, token, to: &out)
        return out
    }
}
