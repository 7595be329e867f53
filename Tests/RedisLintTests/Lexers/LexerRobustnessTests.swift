import Foundation
import Testing
import RedisTestSupport
@testable import RedisLint

enum LexerUnderTest: String, CaseIterable, Sendable {
    case ruby, python, javaScript, swift

    func lex(_ bytes: [UInt8]) -> LexedFile {
        switch self {
        case .ruby: return RubyLexer.lex(bytes)
        case .python: return PythonLexer.lex(bytes)
        case .javaScript: return JavaScriptLexer.lex(bytes)
        case .swift: return SwiftLexer.lex(bytes)
        }
    }

    func decode(_ token: Token, _ bytes: [UInt8]) -> DecodedString {
        switch self {
        case .ruby: return RubyLexer.decode(token, in: bytes)
        case .python: return PythonLexer.decode(token, in: bytes)
        case .javaScript: return JavaScriptLexer.decode(token, in: bytes)
        case .swift: return SwiftLexer.decode(token, in: bytes)
        }
    }

    var fixture: String {
        switch self {
        case .ruby: return "ruby/torture.rb"
        case .python: return "python/torture.py"
        case .javaScript: return "javascript/torture.tsx"
        case .swift: return "swift/torture.swift"
        }
    }
}

/// Checks every invariant a lexer promises; returns a description of the first violation.
func violation(_ lexer: LexerUnderTest, _ bytes: [UInt8]) -> String? {
    let file = lexer.lex(bytes)
    let n = Int32(bytes.count)
    for t in file.tokens {
        if t.start < 0 || t.start > t.end || t.end > n { return "token out of bounds: \(t)" }
        if t.contentStart < 0 || t.contentStart > t.contentEnd || t.contentEnd > n { return "content out of bounds: \(t)" }
        if [.string, .stringHead, .stringMiddle, .stringTail].contains(t.kind) {
            let d = lexer.decode(t, bytes)
            if d.value.count != d.sourceOffsets.count { return "decode offsets count mismatch: \(t)" }
            for (k, o) in d.sourceOffsets.enumerated() {
                if o < t.contentStart || o >= t.contentEnd { return "decoded offset outside content: \(t)" }
                // A byte either is the source byte or comes from an escape starting with a backslash.
                if bytes[Int(o)] != d.value[k] && bytes[Int(o)] != 0x5C { return "decoded byte does not match source: \(t)" }
            }
        }
    }
    for c in file.comments where c.lowerBound < 0 || c.upperBound > bytes.count { return "comment out of bounds" }
    for p in file.problems where p.offset < 0 || p.offset > bytes.count { return "problem out of bounds" }
    return nil
}

@Suite struct LexerRobustnessTests {
    /// Bytes that matter to some lexer, plus a few arbitrary ones (NUL, invalid UTF-8).
    static let alphabet: [UInt8] = Array("\"'`#{}()[]<>/\\$@%?:=!~*-+.,;|&^\n\r\t abcEOSxf_0123 ~rbuRB".utf8) + [0, 0xFF, 0xC3, 0xA9, 0x80]

    @Test(arguments: LexerUnderTest.allCases)
    func randomBytes(_ lexer: LexerUnderTest) {
        var rng = SeededRandom(state: 0x5EED)
        for round in 0..<2_000 {
            let length = Int.random(in: 0...120, using: &rng)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(Bool.random(using: &rng) && round % 3 == 0 ? UInt8.random(in: 0...255, using: &rng)
                             : LexerRobustnessTests.alphabet.randomElement(using: &rng)!)
            }
            if let problem = violation(lexer, bytes) {
                Issue.record("\(lexer) input \(bytes): \(problem)")
                return
            }
        }
    }

    @Test(arguments: LexerUnderTest.allCases)
    func mutatedFixtures(_ lexer: LexerUnderTest) throws {
        let url = fixturesDirectory.appendingPathComponent("lexers").appendingPathComponent(lexer.fixture)
        let original = Array(try Data(contentsOf: url))
        var rng = SeededRandom(state: 0xF1C5)
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = LexerRobustnessTests.alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(LexerRobustnessTests.alphabet.randomElement(using: &rng)!, at: at)
                case 2: if bytes.count > 1 { bytes.remove(at: at) }
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            if let problem = violation(lexer, bytes) {
                Issue.record("\(lexer): \(problem)\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
        }
        // Every prefix of the fixture (unterminated everything) also lexes cleanly.
        for cut in stride(from: 0, through: original.count, by: 13) {
            if let problem = violation(lexer, Array(original[..<cut])) {
                Issue.record("\(lexer) prefix \(cut): \(problem)")
                return
            }
        }
    }

    @Test(arguments: LexerUnderTest.allCases)
    func deepNestingGivesAProblemNotACrash(_ lexer: LexerUnderTest) {
        let depth = 10_000
        let (open, close): (String, String)
        switch lexer {
        case .ruby: (open, close) = ("\"#{", "}\"")
        case .python: (open, close) = ("f\"{", "}\"")
        case .javaScript: (open, close) = ("`${", "}`")
        case .swift: (open, close) = ("\"\\(", ")\"")
        }
        let source = "x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth) + "\n"
        let bytes = Array(source.utf8)
        #expect(violation(lexer, bytes) == nil)
        let file = lexer.lex(bytes)
        #expect(file.problems.contains { $0.message.contains("deeply") })
        // Deep brackets are plain tokens: no stack involved.
        let brackets = Array((String(repeating: "([{", count: depth) + String(repeating: "}])", count: depth)).utf8)
        #expect(violation(lexer, brackets) == nil)
    }

    @Test func jsxNestingIsBounded() {
        let source = "x = (" + String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000) + ")"
        let file = JavaScriptLexer.lex(Array(source.utf8))
        #expect(file.problems.contains { $0.message.contains("deeply") })
    }

    /// CPU seconds this thread spends in `body`: the CI machine is shared, so wall-clock time would
    /// also count waiting for a core.
    static func cpuSeconds(_ body: () -> Void) -> Double {
        var before = timespec(), after = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after)
        return Double(after.tv_sec - before.tv_sec) + Double(after.tv_nsec - before.tv_nsec) / 1e9
    }

    @Test func hostileLongLinesStayLinear() {
        // Regex attempts that never close and heredoc openers without bodies, on one long line: the
        // lexer must not rescan the line each time. At these sizes a quadratic lexer needs minutes
        // even in release builds, a linear one well under a second in debug with AddressSanitizer.
        let inputs: [(LexerUnderTest, String)] = [
            (.javaScript, String(repeating: "=[/", count: 50_000)),
            (.swift, String(repeating: "= /a ", count: 50_000)),
            (.ruby, String(repeating: "x = <<\"", count: 50_000)),
            (.ruby, String(repeating: "x = %", count: 50_000)),
        ]
        for (lexer, text) in inputs {
            let bytes = Array(text.utf8)
            let seconds = LexerRobustnessTests.cpuSeconds { _ = lexer.lex(bytes) }
            #expect(seconds < 5, "\(lexer): \(seconds) s")
        }
    }
}
