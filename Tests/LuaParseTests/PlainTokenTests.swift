@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaLexer.next()` finishes most tokens in its fast loop (`plainToken`) and hands the rest to
/// `fullToken`, llex's whole token loop. Lexing with `fullToken` alone is the reference: on texts made of
/// the bytes where the two could part (blanks, line breaks, comments, brackets, quotes, escapes, dots,
/// digits, NUL, names), both give the same tokens, spans, lines and errors.
@Suite struct PlainTokenTests {
    struct Scanned: Equatable {
        var kind: UInt16, start: Int, end: Int, line: Int, startLine: Int
        init(_ token: LuaToken) {
            (kind, start, end, line, startLine) = (token.kind.code, token.start, token.end, token.line, token.startLine)
        }
    }

    static func withFastLoop(_ bytes: [UInt8]) -> ([Scanned], String?) {
        var lexer = LuaLexer(bytes: bytes)
        var result: [Scanned] = []
        while true {
            let token = lexer.next()
            result.append(Scanned(token))
            if token.kind == .eof || token.kind == .error { break }
        }
        return (result, lexer.lastError.map { "\($0.message) \($0.line) \($0.offset) \($0.nearText ?? "-")" })
    }

    static func fullRulesOnly(_ bytes: [UInt8]) -> ([Scanned], String?) {
        var lexer = LuaLexer(bytes: bytes)
        var result: [Scanned] = []
        while true {
            guard lexer.position < bytes.count else {
                result.append(Scanned(LuaToken(kind: .eof, start: bytes.count, end: bytes.count,
                                               line: lexer.line, startLine: lexer.line)))
                break
            }
            guard let token = lexer.fullToken() else { continue }
            result.append(Scanned(token))
            if token.kind == .error { break }
        }
        return (result, lexer.lastError.map { "\($0.message) \($0.line) \($0.offset) \($0.nearText ?? "-")" })
    }

    @Test func fastLoopAgreesWithTheFullRules() {
        var random = SeededRandom(seed: 9)
        let alphabet = Array(" \t\n\r-[]=<>~\"'.\\0159aex_(,".utf8) + [0, 0xC3]
        for _ in 0..<20_000 {
            let text = (0..<(1 + random.below(24))).map { _ in random.pick(alphabet) }
            let fast = Self.withFastLoop(text)
            let full = Self.fullRulesOnly(text)
            #expect(fast.0 == full.0 && fast.1 == full.1, "\(text)")
        }
    }

    @Test func typicalScriptAgrees() {
        let text = Array("""
        -- take the lock\r\nlocal key = KEYS[1] .. ':lock'\nif redis.call("GET", key) == ARGV[1] then
          return redis.call('DEL', key) --[[ long ]] ..."x\\"y" ~= [==[s]==] .5 <= 3e2
        end
        """.utf8)
        #expect(Self.withFastLoop(text) == Self.fullRulesOnly(text))
    }
}
