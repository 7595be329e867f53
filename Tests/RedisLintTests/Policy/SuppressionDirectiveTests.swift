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
