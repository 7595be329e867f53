import Testing
import RedisTestSupport
@testable import RedisLint

/// A file lexed in two parts on two threads (`SplitLexing`) gives exactly the serial lexer's tokens,
/// comments and problems, whether the second part is used or dropped. The generated files put lines
/// that begin with a name at column 0 (split candidates) inside every multi-line construct of each
/// language, so that many splits must be refused, and between statements, so that many are joined.
@Suite struct SplitLexingTests {
    static let python = [
        "import os\nfrom a import b",
        "x = \"\"\"\nlocal n = redis.call('GET', KEYS[1])\nreturn n\n\"\"\"",
        "s = f\"\"\"\n{a}\nname {b:>{w}}\n{c!r:{d}}\ntail\n\"\"\"",
        "t = f'{x}' + f\"{y:>10}\" + rb'\\x00' + u'é'",
        "y = (1,\nfoo,\n[bar,\n{baz}])",
        "z = 1 + \\\nfoo",
        "def f(a):\n    if a:\n        return b\n    return c\nc = 2",
        "class A:\n\tdef g(self):\n\t\tpass\nb = 1",
        "# comment\nd = 3  # trailing",
        "@dec\ndef h(): pass",
        "if x:\n    pass\n  else:\n    y = 1",
        "u = {\n'a': 1,\nb: 2}",
        "async def k():\n    await r.get('k')",
        "w = 'unterminated\nv = 4",
        "q = f\"{a:\nb\"",
        "   \n\n\t\nm = 5",
        "n = r'raw\\'' + '\\\nx'",
        "def p():\n    x = f\"{ {\n'a': 1}['a'] }\"\nafter = 1",
        "v = \"\\N{BULLET} {x}\"",
        "e = \u{00E9}t\u{00E9} = 1",
    ]
    static let ruby = [
        "require 'redis'\nr = Redis.new",
        "x = <<~SQL\nselect 1\nend\nSQL\ny = 2",
        "foo(<<A, <<-B)\nline a\nA\nline b\n  B\nbar",
        "=begin\nfoo bar\n=end\nq = 1",
        "s = \"a #{\nb\n} c\"",
        "w = %w[\nfoo\nbar\n]",
        "re = /a\nfoo/i",
        "def m(a)\n  a.get 'k'\nend",
        "a = [\nb,\nc]",
        "t = 1 + \\\nfoo",
        "class C < B\n  def x; end\nend",
        "h = { a: 1,\nb: :sym }",
        "v = %Q{\nfoo #{bar}\n}",
        "c = ?a + 'it''s'",
        "z = x /2\nk = y / 3",
        "p = <<~'RAW'\nno #{hole}\nRAW",
        "u = 'unterminated\nv = 4",
        "class << self\n  def y; end\nend",
        "d = `ls\nfoo`",
        "e = :\"sym\n#{x}\"",
    ]
    static let javaScript = [
        "import x from 'y'\nconst r = new Redis()",
        "const t = `\nfoo ${\nbar\n} baz\n`;",
        "/*\nfoo\n*/\nlet q = 1",
        "const re = /a\\/b[/]/g;",
        "const e = <div>\nhello {x}\n</div>;",
        "function f() {\n  return 1;\n}",
        "let a = [\nb,\nc];",
        "const s = 'a\\\nb';",
        "if (a) b = c\nelse d = e",
        "x = y\n/ 2",
        "var n = `a${`b${\nc}`}`",
        "export default class K {\n  m() { return /x/ }\n}",
        "async function g() {\n  await r.get(`k:${id}`)\n}",
        "const u = 'unterminated\nlet v = 4",
        "// line comment\nw = 5",
        "const el = <A b=\"c\" d={e}>\n<B />\n</A>",
        "const o = {\na: 1,\nb: 2 }",
        "z = a ? .5 : 1\nk = a?.b",
        "h = x < y\nj = y > x",
        "const m = `unterminated\nfoo",
    ]
    static let swift = [
        "import Foundation\nlet r = RedisConnection()",
        "let s = \"\"\"\nfoo \\(\nbar\n) baz\n\"\"\"",
        "let raw = #\"a\\#(b)\"# + #\"\"\"\nfoo\n\"\"\"#",
        "/* a /* b\nfoo */\nbar */\nlet c = 1",
        "let re = /a+/\nlet ex = #/\nfoo\n/#",
        "func f() {\n  return 1\n}",
        "let a = [\nb,\nc]",
        "struct S {\n  var x: Int\n}",
        "x = y\n/ 2",
        "let t = \"a\\(\"b\\(c)\")\"",
        "extension S {\n  func g() async throws { try await r.get(\"k\") }\n}",
        "let u = \"unterminated\nlet v = 4",
        "// comment\nlet w = 5",
        "let `class` = 1",
        "#if DEBUG\nlet d = 1\n#endif",
        "let m = \"\"\"\nunterminated\nfoo",
        "let o = [\n\"a\": 1,\nb: 2 ]",
        "let p = a ?? b\nvar q = !c",
        "enum E { case a, b }",
        "let e = \u{00E9}t\u{00E9}",
    ]

    /// A file of `count` snippets, sometimes with CRLF line ends or a stray invalid byte.
    static func generate(_ snippets: [String], seed: UInt64, count: Int = 30) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = (0..<count).map { _ in random.pick(snippets) }.joined(separator: random.chance(50) ? "\n" : "\n\n")
        if random.chance(25) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        var bytes = Array(text.utf8)
        if random.chance(20) { bytes.insert(0xFF, at: random.below(bytes.count)) }
        return bytes
    }

    /// Lexes every generated file serially and split at every line start with a letter at column 0 and
    /// at a few random offsets; the results must be the serial ones. Returns how many splits were joined
    /// and refused (each kind must occur, or the test proves nothing).
    static func check(_ snippets: [String], part: @escaping SplitLexing.PartLexer, seeds: Range<UInt64>) -> (joined: Int, refused: Int) {
        var joined = 0, refused = 0
        for seed in seeds {
            let bytes = generate(snippets, seed: seed)
            let serial = bytes.withUnsafeBufferPointer { part($0, 0, Int.max) }
            #expect(!serial.stopped)
            var random = SeededRandom(seed: seed ^ 0x5EED)
            var splits = (1..<bytes.count).filter { bytes[$0 - 1] == 0x0A && SplitLexing.isASCIILetter(bytes[$0]) }
            splits += (0..<4).map { _ in random.below(bytes.count + 1) }
            for split in splits {
                let result = SplitLexing.lex(bytes, splitAt: split, part: part)
                if result.joined { joined += 1 } else { refused += 1 }
                // Compared as Bools: a failure prints the seed and split, not thousands of tokens.
                let sameTokens = result.file.tokens == serial.file.tokens
                let sameComments = result.file.comments == serial.file.comments
                let sameProblems = result.file.problems == serial.file.problems
                #expect(sameTokens && sameComments && sameProblems,
                        "seed \(seed) split \(split) joined \(result.joined): tokens \(sameTokens) comments \(sameComments) problems \(sameProblems)")
                guard sameTokens && sameComments && sameProblems else { return (joined, refused) }
            }
        }
        return (joined, refused)
    }

    @Test func python() {
        let counts = Self.check(Self.python, part: PythonLexer.part, seeds: 0..<12)
        #expect(counts.joined > 50 && counts.refused > 50, "\(counts)")
    }

    @Test func ruby() {
        let counts = Self.check(Self.ruby, part: RubyLexer.part, seeds: 100..<112)
        #expect(counts.joined > 50 && counts.refused > 50, "\(counts)")
    }

    @Test func javaScript() {
        let jsx = Self.check(Self.javaScript, part: JavaScriptLexer.part(jsx: true), seeds: 200..<212)
        #expect(jsx.joined > 50 && jsx.refused > 50, "\(jsx)")
        let typeScript = Self.check(Self.javaScript, part: JavaScriptLexer.part(jsx: false), seeds: 300..<304)
        #expect(typeScript.joined > 10 && typeScript.refused > 10, "\(typeScript)")
    }

    @Test func swift() {
        let counts = Self.check(Self.swift, part: SwiftLexer.part, seeds: 400..<412)
        #expect(counts.joined > 50 && counts.refused > 50, "\(counts)")
    }

    /// The public entry points split from the threshold on (lowered here) and give the serial result.
    @Test func lexersSplitFromTheThreshold() {
        let cases: [([String], [StaticString], SplitLexing.PartLexer)] = [
            (Self.python, PythonLexer.splitWords, PythonLexer.part), (Self.ruby, RubyLexer.splitWords, RubyLexer.part),
            (Self.javaScript, JavaScriptLexer.splitWords, JavaScriptLexer.part(jsx: true)), (Self.swift, SwiftLexer.splitWords, SwiftLexer.part),
        ]
        for (snippets, words, part) in cases {
            for seed: UInt64 in 500..<505 {
                let bytes = Self.generate(snippets, seed: seed, count: 60)
                let serial = bytes.withUnsafeBufferPointer { part($0, 0, Int.max).file }
                let split = SplitLexing.lex(bytes, minimumBytes: 0, words: words, part: part)
                let same = split.tokens == serial.tokens && split.comments == serial.comments && split.problems == serial.problems
                #expect(same, "seed \(seed)")
            }
        }
    }

    /// The split point: a preferred word's line when one is in the window, else the first line with a
    /// letter at column 0, never a line that starts otherwise.
    @Test func splitPointPrefersTopLevelWords() {
        let half = String(repeating: "x = 1\n", count: 100)
        let bytes = Array((half + "  y = 2\n\"s\"\nz = 3\ndefault = 4\ndef f(): pass\n").utf8)
        let byWord = SplitLexing.splitPoint(bytes, preferring: ["def"])
        #expect(byWord.map { Array(bytes[$0..<($0 + 4)]) } == Array("def ".utf8))
        let byLetter = SplitLexing.splitPoint(bytes, preferring: ["class"])
        #expect(byLetter.map { $0 >= bytes.count / 2 && bytes[$0 - 1] == 0x0A && bytes[$0] == UInt8(ascii: "x") } == true)
        #expect(SplitLexing.splitPoint(Array(String(repeating: "  (\n", count: 50).utf8), preferring: ["def"]) == nil)
    }
}
