import Testing
@testable import RedisLint

@Suite struct SuppressionDirectiveTests {
    func directives(_ code: String, _ language: Language) -> [SuppressionDirective] {
        let file = SourceFile(path: "f", language: language, bytes: Array(code.utf8))
        return SuppressionDirective.all(in: FrontEnd.analyze(file))
    }

    @Test(arguments: [
        ("x = 1  # redislint: disable=RL101", Language.python),
        ("x = 1 # redislint: disable=RL101", Language.ruby),
        ("x = 1; // redislint: disable=RL101", Language.javascript),
        ("let x = 1 /* redislint: disable=RL101 */", Language.swift),
        ("local x = 1 -- redislint: disable=RL101", Language.lua),
    ])
    func eachLanguagesCommentSyntax(_ code: String, _ language: Language) {
        let found = directives(code, language)
        #expect(found.count == 1)
        #expect(found.first?.scope == .line)
        #expect(found.first?.rules == ["RL101"])
        #expect(found.first?.targetLine == 1)
    }

    @Test func scopesListsAndReasons() {
        let found = directives("""
            # redislint: disable-next-line=RL101, keys-command because the admin task needs it
            # redislint: disable-file=RL2
            #redislint:disable=RL1
            """, .python)
        #expect(found.map(\.scope) == [.nextLine, .file, .line])
        #expect(found[0].rules == ["RL101", "keys-command"])
        #expect(found[0].targetLine == 2)
        #expect(found[1].targetLine == nil)
        #expect(found[0].start == Position(line: 1, column: 3))
    }

    @Test func notDirectives() {
        // In strings, quoted in prose, in commented-out code, or malformed.
        #expect(directives("x = '# redislint: disable=RL101'\n# see redislint: disable=RL101\n# # redislint: disable=RL101\n# redislint: disable RL101\n# redislint: enable=RL101\n# redislint: disable=\n", .python).isEmpty)
        #expect(directives("local s = \"-- redislint: disable=RL101\"\nlocal t = [[ -- redislint: disable=RL101 ]]", .lua).isEmpty)
    }

    @Test func luaLongComments() {
        let found = directives("--[==[ redislint: disable-file=RL101 ]==]\nreturn 1\n--[[\nredislint: disable-next-line=RL7\n]]", .lua)
        #expect(found.map(\.rules) == [["RL101"], ["RL7"]])
        #expect(found[1].targetLine == 5)
    }

    @Test func luaCommentScannerNeverHangsOnUnterminatedInput() {
        for text in ["--[[", "--[==[ x ]=]", "'abc", "\"a\\", "[[", "--", "[=", "-"] {
            let ranges = LuaComments.ranges(Array(text.utf8))
            #expect(ranges.allSatisfy { $0.upperBound <= text.utf8.count })
        }
    }
}

/// `SuppressionDirective.contentStart` reads a comment's bytes in place; it must find the same start as
/// the delimiter-by-delimiter form it replaced (kept here as the reference), on every delimiter, delimiters
/// cut short by the comment's end, and white space after them.
@Suite struct SuppressionContentStartTests {
    /// The replaced form, by slice compares of each delimiter in turn.
    static func reference(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        func has(_ text: String, at i: Int) -> Bool {
            let t = Array(text.utf8)
            return i + t.count <= range.upperBound && bytes[i..<i + t.count].elementsEqual(t)
        }
        var i = range.lowerBound
        if has("--", at: i) {
            i += 2
            if has("[", at: i) {
                var j = i + 1
                while j < range.upperBound, bytes[j] == UInt8(ascii: "=") { j += 1 }
                if j < range.upperBound, bytes[j] == UInt8(ascii: "[") { i = j + 1 }
            }
        } else if has("///", at: i) || has("/**", at: i) {
            i += 3
        } else if has("//", at: i) || has("/*", at: i) {
            i += 2
        } else if has("=begin", at: i) {
            i += 6
        } else if has("#", at: i) {
            i += 1
        }
        while i < range.upperBound, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i
    }

    @Test func findsTheSameStartAsTheDelimiterCompares() {
        let pieces = ["-", "--", "[", "=", "==", "[[", "/", "//", "///", "/*", "/**", "*", "#", "=begin", "=beg", "b", " ", "\t", "\n", "\r",
                      "redislint:", "x", "é", ""]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(("ab" + text + "cd").utf8)
            let lower = Int.random(in: 0...2, using: &generator)
            let upper = Int.random(in: lower...bytes.count, using: &generator)
            let start = bytes.withUnsafeBufferPointer { SuppressionDirective.contentStart($0, lower..<upper) }
            #expect(start == Self.reference(bytes, lower..<upper), "\(text) in \(lower)..<\(upper)")
        }
    }
}
