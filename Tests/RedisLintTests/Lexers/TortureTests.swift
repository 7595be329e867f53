import Testing
@testable import RedisLint

/// Each torture fixture holds `keys` in every literal and comment form of its language; only the
/// calls on lines ending in a `CODE` comment are real code.
@Suite struct TortureTests {
    @Test func ruby() throws {
        let result = try torture(RubyLexer.self, fixture: "ruby/torture.rb")
        #expect(result.codeLines.count == 5)
        #expect(result.identifierLines == result.codeLines)
        #expect(result.file.problems.isEmpty, "\(result.file.problems)")
    }

    @Test func python() throws {
        let result = try torture(PythonLexer.self, fixture: "python/torture.py")
        #expect(result.codeLines.count == 4)
        #expect(result.identifierLines == result.codeLines)
        #expect(result.file.problems.isEmpty, "\(result.file.problems)")
    }

    @Test func javaScript() throws {
        let result = try torture(JavaScriptLexer.self, fixture: "javascript/torture.tsx")
        #expect(result.codeLines.count == 4)
        #expect(result.identifierLines == result.codeLines)
        #expect(result.file.problems.isEmpty, "\(result.file.problems)")
    }

    @Test func swift() throws {
        let result = try torture(SwiftLexer.self, fixture: "swift/torture.swift")
        #expect(result.codeLines.count == 4)
        #expect(result.identifierLines == result.codeLines)
        #expect(result.file.problems.isEmpty, "\(result.file.problems)")
    }
}
