import Testing
import RedisTestSupport
@testable import RedisLint

/// The structure parsers' byte-level word tests against the `String` forms they replaced.
@Suite struct StructureWordTests {
    /// Every statement word is recognised as itself; every other name (near misses included) as none,
    /// exactly as the byte-word set and `String` switch did.
    @Test func javaScriptStatementWordsAreExactlyTheWords() {
        let words = JavaScriptStatementWord.allCases.map(\.rawValue)
        var names = words + ["iff", "i", "Do", "thi", "this_", "that", "protecte", "protectedx", "readonlyx", "function2", "fo",
                             "vars", "lett", "consts", "whil", "klass", "imports", "required", "privat", "publik", "statics", "declared",
                             "async", "await", "return", "new", "typeof", "el", "elsе", "ifé", "x"]
        var random = SeededRandom(seed: 11)
        let letters = Array("abcdefghilmnoprstuvwyIR_$")
        for _ in 0..<3_000 { names.append(String((0..<(1 + random.below(9))).map { _ in random.pick(letters) })) }
        let source = names.joined(separator: " ") + " \"if\" 'do' 42 ( )\n"
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        var found = 0
        for index in 0..<view.count {
            let word = view.javaScriptStatementWord(index)
            let expected = view[index].kind == .identifier ? JavaScriptStatementWord(rawValue: view.text(index)) : nil
            #expect(word == expected, "\(view.text(index))")
            if word != nil { found += 1 }
        }
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

    /// Names that start with no keyword's first byte skip the keyword tests: every keyword passes.
    @Test func pythonKeywordsPassTheFirstByteScreen() {
        for word in ["class", "def", "elif", "else", "for", "from", "if", "import", "while", "with"] {
            #expect(PythonStructure.mayStartKeyword(word.utf8.first!), "\(word)")
        }
        #expect(!PythonStructure.mayStartKeyword(UInt8(ascii: "r")) && !PythonStructure.mayStartKeyword(UInt8(ascii: "a")))
    }

    /// Imports are recorded as the tokens' texts joined, non-ASCII names (decoded per token) included.
    @Test func pythonImportNamesAreTheJoinedTokenTexts() {
        let source = "import redis.asyncio\nfrom rq.job import Job\nimport café.módulo\nfrom . import x\nimport a . b\n"
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        let imports = PythonStructure(view: view).parse().imports
        #expect(imports == ["redis.asyncio", "rq.jobimportJob", "café.módulo", ".importx", "a.b"])
    }
}
