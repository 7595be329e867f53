import Testing
import RedisTestSupport
@testable import RedisLint

/// The structure parsers' byte-level word tests against the `String` forms they replaced.
@Suite struct StructureWordTests {
    /// Every statement word is recognised as itself; every other name (near misses included) as none,
    /// exactly as the byte-word set and `String` switch did.
    @Test func javaScriptStatementWordsAreExactlyTheWords() {
        let words = JavaScriptStatementWord.allCases.map(\.rawValue)
        let names = words + ["iff", "i", "Do", "thi", "this_", "that", "protecte", "protectedx", "readonlyx", "function2", "fo",
                             "vars", "lett", "consts", "whil", "klass", "imports", "required", "privat", "publik", "statics", "declared",
                             "async", "await", "return", "new", "typeof", "el", "elsе", "ifé", "x"]
        let found = StructureWordTests.wordsRead(names, random: 3_000, seed: 11, letters: "abcdefghilmnoprstuvwyIR_$", longest: 9,
                                                 separator: " ", tail: " \"if\" 'do' 42 ( )\n", lex: { JavaScriptLexer.lex($0).tokens },
                                                 word: { $0.javaScriptStatementWord($1) })
        #expect(found >= words.count)
    }

    /// The decorator's name read by bytes equals what splitting the `String` gives, on generated
    /// decorators of names, dots, parentheses and (for the fallback) combining marks.
    @Test func decoratorNamesAreTheSplitNames() {
        func splitName(_ decorator: String) -> String {
            decorator.split(separator: "(").first.map { String($0.split(separator: ".").last ?? "") } ?? ""
        }
        var random = SeededRandom(seed: 12)
        let pieces = ["app", "route", "task", ".", ".", "(", "(", ")", "\"/x\"", "_", "celery", "é", "\u{301}", " ", "get"]
        var decorators = ["", "(", ".", "..", "a.", ".a", "a..b(", "((x", "app.route(\"/\")", "shared_task", "x.(\u{301}y", ".\u{301}task"]
        for _ in 0..<3_000 { decorators.append((0..<random.below(7)).map { _ in random.pick(pieces) }.joined()) }
        for decorator in decorators {
            #expect(PythonStructure.decoratorName(decorator) == splitName(decorator), "\(decorator)")
        }
    }

    /// A decorator's kinds read on its bytes are those the name's `String` gives (set look-ups and the
    /// `.task` suffix by characters), on generated decorators of the listed names, near misses, dots,
    /// parentheses and (for the fallback) non-ASCII text.
    @Test func decoratorKindsAreTheStringAnswers() {
        var random = SeededRandom(seed: 13)
        let pieces = ["app", "route", "get", "task", "shared_task", "job", "cron", "api_view", "view_config", "background",
                      "Task", "tas", "routes", ".", ".", ".task", "(", ")", "\"/x\"", "_", "celery", "é", "\u{301}", "K", "\u{212A}"]
        var decorators = ["", "task", ".task", "x.task", "app.route(\"/\")", "shared_task", "celery.task()", "route.", "(get)", "tas.k"]
        for _ in 0..<4_000 { decorators.append((0..<random.below(6)).map { _ in random.pick(pieces) }.joined()) }
        for decorator in decorators {
            let name = PythonStructure.decoratorName(decorator)
            let kinds = PythonStructure.decoratorKinds(decorator)
            #expect(kinds.route == PythonStructure.routeDecorators.contains(name), "\(decorator)")
            #expect(kinds.job == (PythonStructure.jobDecorators.contains(name) || decorator.hasSuffix(".task")), "\(decorator)")
        }
    }

    /// A function's decorators are read from their tokens (as written, spaced, or not ASCII) as their compact
    /// text's `decoratorKinds`; a decorator before a class does not carry over to the next function.
    @Test func decoratorsReadFromTheirTokens() {
        let source = """
        @app.route("/x")
        def a():
            pass
        @ celery . task ( )
        def b():
            pass
        @app.gét("/y")
        def c():
            pass
        @shared_task
        class D:
            pass
        def e():
            pass
        @app.route("/café")
        def f():
            pass
        @ app . route ( "/ü" , methods = [ "GET" ] )
        def g():
            pass

        """
        let view = ChainScreenTests.tokenView(source, .python)
        let kinds = PythonStructure(view: view).parse().scopes.filter { $0.kind == .function }.map { "\($0.name) \(String(describing: $0.traceKind))" }
        // f and g: a decorator not ASCII only in its arguments is still read by its name (the `String` path).
        #expect(kinds == ["a Optional(RedisLint.Trace.Kind.requestHandler)", "b Optional(RedisLint.Trace.Kind.job)", "c nil", "e nil",
                          "f Optional(RedisLint.Trace.Kind.requestHandler)", "g Optional(RedisLint.Trace.Kind.requestHandler)"])
    }

    /// Names that start with no keyword's first byte skip the keyword tests: every keyword passes.
    @Test func pythonKeywordsPassTheFirstByteScreen() {
        for word in ["class", "def", "elif", "else", "for", "from", "if", "import", "while", "with"] {
            #expect(PythonStructure.mayStartKeyword(word.utf8.first!), "\(word)")
        }
        #expect(!PythonStructure.mayStartKeyword(UInt8(ascii: "r")) && !PythonStructure.mayStartKeyword(UInt8(ascii: "a")))
    }

    /// An import is read as the tokens' texts joined (`redis.asyncio`, `rq.jobimportRedis`), non-ASCII names
    /// (decoded per token) included, and the file imports a Redis module when one such text has Redis in it
    /// (`FileStructure.importsRedisModule`): each line of the source alone.
    @Test func pythonImportNamesAreTheJoinedTokenTexts() {
        let named = ["import redis.asyncio", "from rq.job import Redis", "import café.módulo_redis", "from . import valkey", "import a . REDIS"]
        let others = ["import os", "from re import dis", "import re . dis . x", "x = redis"]
        for (line, expected) in named.map({ ($0, true) }) + others.map({ ($0, false) }) {
            let bytes = Array((line + "\n").utf8)
            let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
            #expect(PythonStructure(view: view).parse().importsRedisModule == expected, "\(line)")
        }
    }

    /// `withASCIIText` lends the tokens' texts joined for every range of ASCII tokens, and gives nil for a
    /// range holding any other byte (invalid UTF-8 included), on every token range of a snippet.
    @Test func pythonASCIITextIsTheJoinedTokenTexts() {
        var bytes = Array("import redis . asyncio as r\nfrom rq.job import Job, café\nx = 'a' + b\n".utf8)
        bytes += [0x79, 0xFF, 0x20, 0x7A, 0x0A]
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        let parser = PythonStructure(view: view)
        var ranges = 0
        for lower in 0..<view.count {
            for upper in lower...view.count {
                let tokens = lower..<upper
                let hasOther = tokens.contains { view.bytes[view[$0].range].contains { $0 >= 0x80 } }
                let joined = tokens.map { view.text($0) }.joined()
                #expect(parser.withASCIIText(tokens) { String(decoding: $0, as: UTF8.self) } == (hasOther ? nil : joined), "\(tokens)")
                ranges += 1
            }
        }
        #expect(ranges > 300)
    }

    /// The first-byte-and-length screen lets every statement word through and stops names that
    /// cannot be one.
    @Test func javaScriptStatementWordScreenPassesEveryWord() {
        JavaScriptStatementWord.lengthsByFirstByte.withUnsafeBufferPointer { lengths in
            for word in JavaScriptStatementWord.allCases {
                let utf8 = Array(word.rawValue.utf8)
                #expect(JavaScriptStatementWord.mayBe(first: utf8[0], length: utf8.count, in: lengths), "\(word)")
            }
            for name in ["first", "x", "iff", "Do", "redis", "client", "queue", "functions", "protectedx"] {
                let utf8 = Array(name.utf8)
                #expect(!JavaScriptStatementWord.mayBe(first: utf8[0], length: utf8.count, in: lengths), "\(name)")
            }
        }
    }

    /// `genericClose` over the buffers finds the closing `>`/`>>` the view's operator tests found (a `{`
    /// or `;` first, or none within 200 tokens: nil), from every token of generated angle soups.
    @Test func javaScriptGenericCloseIsTheViewsAnswer() {
        func plainClose(_ view: TokenView, _ open: Int) -> Int? {
            var depth = 0
            var index = open
            while index < view.count && index < open + 200 {
                if view.isPunct(index, "<") { depth += 1 }
                if view.isPunct(index, ">") { depth -= 1; if depth == 0 { return index } }
                if view.isPunct(index, ">>") { depth -= 2; if depth <= 0 { return index } }
                if view.isPunct(index, "{") || view.isPunct(index, ";") { return nil }
                index += 1
            }
            return nil
        }
        var random = SeededRandom(seed: 0x47454E)
        let pieces = ["<", ">", ">>", ">>>", ">=", "<=", "{", "}", ";", "a", "T", ",", "(", ")", "=>", "\"<\"", "1", " ", "\n"]
        for round in 0..<150 {
            let source = (0..<(round < 140 ? random.below(30) : 260)).map { _ in random.pick(pieces) }.joined(separator: " ")
            let bytes = Array(source.utf8)
            let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes, jsx: false).tokens)
            let parser = JavaScriptStructure(view: view)
            for open in 0..<view.count {
                #expect(parser.genericClose(open) == plainClose(view, open), "\(source) @\(open)")
            }
        }
    }

    /// The JavaScript parser's skip finds, from every token, the first token at or after it that is a
    /// brace, `=>`, a statement word or a name before a one-byte `(`, `<` or `=` (and may stop earlier
    /// at a name that only looks like a word).
    @Test func javaScriptCandidatesAreTheTokensParseActsOn() {
        let source = """
        import { a, b as c } from "m"
        class Q extends B { private x: number = 1; async run<T>(job) { if (x) { return } else { y = z => z + 1 } } }
        const f = function (p) { for (const k of ks) { this.k = k; g(k) } }
        client = redis.createClient(); first === second; list[0] = 1; a.b(c)
        """
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        let parser = JavaScriptStructure(view: view)
        func acts(_ index: Int) -> Bool {
            if view.isPunct(index, "{") || view.isPunct(index, "}") || view.isPunct(index, "=>") { return true }
            guard view.kind(index) == .identifier else { return false }
            return view.javaScriptStatementWord(index) != nil || view.isPunct(index + 1, "(") || view.isPunct(index + 1, "<") || view.isPunct(index + 1, "=")
        }
        for start in 0...view.count {
            let found = parser.nextCandidate(from: start)
            let firstActing = (start..<view.count).first(where: acts) ?? view.count
            #expect(found <= firstActing, "from \(start)")
            #expect((start..<found).allSatisfy { !acts($0) }, "from \(start)")
        }
    }

    /// The Python parser's skip returns, from every token, the first one that starts a statement (a name
    /// or operator) or is a name inside one shaped like `def`, `for`, `while` or `with` (first byte and
    /// length), and never skips a token the parse acts on (a statement's start, or one of those words).
    @Test func pythonCandidatesAreTheTokensParseActsOn() {
        let source = """
        import os
        @app.route("/x")
        async def handler(request):
            with r.pipeline() as pipe:
                pipe.set("k", 1)
            async with lock as l:
                x = [f(v) for v in r.smembers("s") if v] + [d for fin in wide if data(do) or foo(wide) or w(w2)]
            while True:
                if cached: return cached
                elif other: pass
                else: break
        class Job(Base):
            field: int = 3
        """
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        func candidate(_ index: Int) -> Bool {
            let previous = index == 0 ? TokenKind.newline : view[index - 1].kind
            let statementStart = previous == .newline || previous == .indent || previous == .dedent
            let token = view[index]
            if statementStart { return token.kind == .identifier || token.kind == .punct }
            guard token.kind == .identifier else { return false }
            // `def`, `for`, `while`, `with` by first byte and length.
            let shape = (bytes[Int(token.start)], Int(token.end - token.start))
            return [(UInt8(ascii: "d"), 3), (UInt8(ascii: "f"), 3), (UInt8(ascii: "w"), 5), (UInt8(ascii: "w"), 4)].contains { $0 == shape }
        }
        func acted(_ index: Int) -> Bool {
            let previous = index == 0 ? TokenKind.newline : view[index - 1].kind
            if previous == .newline || previous == .indent || previous == .dedent { return view[index].kind == .identifier || view[index].kind == .punct }
            let token = view[index]
            let text = String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
            return token.kind == .identifier && ["def", "for", "while", "with"].contains(text)
        }
        for start in 0...view.count {
            let expected = (start..<view.count).first(where: candidate) ?? view.count
            let found = PythonStructure.nextCandidate(in: view.tokens, bytes: bytes, from: start)
            #expect(found == expected, "from \(start)")
            #expect(found <= ((start..<view.count).first(where: acted) ?? view.count), "from \(start)")
        }
    }

    /// Every Ruby statement word is recognised as itself; every other name (near misses, sigils and
    /// `?`/`!` suffixes included) as none, as the byte-word set did.
    @Test func rubyStatementWordsAreExactlyTheWords() {
        let words = RubyStatementWord.allCases.map(\.rawValue)
        let names = words + ["iff", "i", "Do", "ends", "end?", "defs", "de", "@end", "$do", "gems", "require_relativ", "required", "elseif",
                             "modules", "Class", "until!", "x", "then", "when", "loop"]
        let found = StructureWordTests.wordsRead(names, random: 3_000, seed: 13, letters: "abcdefghilmnorstuvw_", longest: 8,
                                                 separator: "\n", tail: "\n\"if\" 42\n", lex: { RubyLexer.lex($0).tokens },
                                                 word: { $0.rubyStatementWord($1) })
        #expect(found >= words.count)
    }

    /// Lexes `names` and `random` more names drawn from `letters` (1 to `longest` letters, seeded), joined by
    /// `separator` and followed by `tail`, and expects each token's word read by bytes (`word`) to be the one
    /// its text names, for an identifier, and none for any other token. Returns how many words were read.
    private static func wordsRead<Word: RawRepresentable & Equatable>(
        _ names: [String], random count: Int, seed: UInt64, letters: String, longest: Int, separator: String, tail: String,
        lex: ([UInt8]) -> [Token], word: (TokenView, Int) -> Word?
    ) -> Int where Word.RawValue == String {
        var names = names
        var random = SeededRandom(seed: seed)
        let letters = Array(letters)
        for _ in 0..<count { names.append(String((0..<(1 + random.below(longest))).map { _ in random.pick(letters) })) }
        let bytes = Array((names.joined(separator: separator) + tail).utf8)
        let view = TokenView(bytes: bytes, tokens: lex(bytes))
        var found = 0
        for index in 0..<view.count {
            let read = word(view, index)
            let expected = view[index].kind == .identifier ? Word(rawValue: view.text(index)) : nil
            #expect(read == expected, "\(view.text(index))")
            if read != nil { found += 1 }
        }
        return found
    }
}
