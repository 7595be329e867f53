import RedisTestSupport
import LuaParse
import Testing

@Suite("Parser")
struct ParserTests {
    static func parse(_ text: String) -> (LuaChunk, [LuaSyntaxError]) {
        var parser = LuaParser(bytes: Array(text.utf8))
        let chunk = parser.parseChunk()
        return (chunk, parser.errors)
    }

    static func tree(_ text: String) -> String {
        let (chunk, errors) = parse(text)
        #expect(errors.isEmpty, "\(errors)")
        return chunk.sExpression
    }

    @Test func precedenceAndAssociativity() {
        #expect(Self.tree("x = 1 + 2 * 3") == "(= (x) (+ 1 (* 2 3)))")
        #expect(Self.tree("x = 1 - 2 - 3") == "(= (x) (- (- 1 2) 3))")
        #expect(Self.tree("x = 2 ^ 3 ^ 2") == "(= (x) (^ 2 (^ 3 2)))")
        #expect(Self.tree("x = -2 ^ 2") == "(= (x) (- (^ 2 2)))")
        #expect(Self.tree("x = a .. b .. c") == "(= (x) (.. a (.. b c)))")
        #expect(Self.tree("x = a or b and c") == "(= (x) (or a (and b c)))")
        #expect(Self.tree("x = not a == b") == "(= (x) (== (not a) b))")
        #expect(Self.tree("x = a < b .. c") == "(= (x) (< a (.. b c)))")
        #expect(Self.tree("x = 1 + 2 .. 3") == "(= (x) (.. (+ 1 2) 3))")
        #expect(Self.tree("x = #t + 1 % 2") == "(= (x) (+ (# t) (% 1 2)))")
    }

    @Test func statementsAndSuffixes() {
        #expect(Self.tree("local a, b = f(1)('s'){k = 2}") == "(local (a b) (call (call (call f 1) \"s\") (table (= k 2))))")
        #expect(Self.tree("a.b[c]:d(e)") == "(: ([] (. a b) c) d e)")
        #expect(Self.tree("function a.b:c(x, ...) return self end") == "(function-statement a.b:c (function (self x ...) (return self)))")
        #expect(Self.tree("for i = 1, 10, 2 do break end") == "(for i 1 10 2 ((break)))")
        #expect(Self.tree("for k, v in pairs(t) do end") == "(for-in (k v) ((call pairs t)) ())")
        #expect(Self.tree("if a then elseif b then x() else y() end") == "(if a () elseif b ((call x)) else ((call y)))")
        #expect(Self.tree("repeat local z = 1 until z") == "(repeat (local (z) 1) until z)")
        #expect(Self.tree("t = {1, [2] = 3; x = 4,}") == "(= (t) (table 1 ([]= 2 3) (= x 4)))")
    }

    @Test func errorsUseLuacWording() {
        func first(_ text: String) -> String? { Self.parse(text).1.first.map(\.description) }
        #expect(first("function f()\n\n  x = 1\n") == "4: 'end' expected (to close 'function' at line 1) near '<eof>'")
        #expect(first("x = = 1") == "1: unexpected symbol near '='")
        #expect(first("local x y") == "1: '=' expected near '<eof>'")
        #expect(first("x y") == "1: '=' expected near 'y'")
        #expect(first("x = 'abc\n") == "1: unfinished string near ''abc'")
        #expect(first("f()\n(g)()") == "2: ambiguous syntax (function call x new statement) near '('")
        #expect(first("x = 0x1p4 .. '\\x41'") == nil)
        #expect(first("x = [[ a [[ b ]] ]]") == "1: nesting of [[...]] is deprecated near '['")
        #expect(first("break") == "1: no loop to break near '<eof>'")
        #expect(first("function f() return ... end") == "1: cannot use '...' outside a vararg function near '...'")
    }

    @Test func recoveryReportsLaterErrorsToo() {
        let (chunk, errors) = Self.parse("local a = = 1\nlocal b = 2\nif x then\nlocal c = )\nend\nlocal d = 4")
        #expect(errors.count >= 2)
        #expect(errors.first?.line == 1)
        #expect(errors.contains { $0.line == 4 })
        // Statements after the errors are still in the tree.
        #expect(chunk.sExpression.contains("(local (d) 4)"))
    }

    @Test(arguments: ["(", "{", "function() return ", "do "])
    func deepNestingGivesAnErrorNotACrash(opener: String) {
        let body = opener == "do " ? String(repeating: "do ", count: 10_000) : "x = " + String(repeating: opener, count: 10_000)
        let (_, errors) = Self.parse(body)
        #expect(errors.first?.message == "chunk has too many syntax levels")
    }

    @Test func longFlatChainsDoNotNestTheTree() {
        let sum = "x = " + Array(repeating: "1", count: 100_000).joined(separator: "+")
        let calls = "f" + String(repeating: "()", count: 100_000)
        let fields = "x = a" + String(repeating: ".b", count: 100_000)
        for source in [sum, calls, fields] {
            let (chunk, errors) = Self.parse(source)
            #expect(errors.isEmpty)
            #expect(chunk.statements(of: chunk.block).count == 1)
        }
        // The flattened chain keeps left associativity.
        let short = Self.tree("x = " + Array(repeating: "a", count: 20).joined(separator: "-"))
        #expect(short.hasPrefix("(= (x) (- (- (- "))
    }

    @Test func hostileBytesNeverTrap() {
        var random = SeededRandom(seed: 7)
        for length in [0, 1, 2, 3, 10, 100, 1000] {
            for _ in 0..<200 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                var parser = LuaParser(bytes: bytes)
                _ = parser.parseChunk()
                _ = LuaScript(source: bytes)
            }
        }
        for text in ["'", "\"\\", "[[", "[=", "--[[", "0x", "a.", "a:", "function", "local function", "\u{0}", "#!lua"] {
            _ = LuaScript(source: Array(text.utf8))
        }
    }
}

extension ParserTests {
    @Test func recoveryDoesNotReportTheEndsAnErrorLeftBehind() {
        let source = """
        local function a()
          local x = = 1
          if x then
            return x
          end
        end
        local function b()
          return 1 +
        end
        local ok = 1
        """
        let (chunk, errors) = Self.parse(source)
        #expect(errors.map(\.description) == ["2: unexpected symbol near '='", "9: unexpected symbol near 'end'"])
        #expect(chunk.sExpression.hasSuffix("(local (ok) 1)"))
    }
}
