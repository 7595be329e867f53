import Foundation
import Testing
import RedisTestSupport
@testable import RedisLint

/// The INDENT/DEDENT pairs the Python lexer records as it emits them (`LexedFile.indentBlocks`) are those
/// `IndentBlocks.match` finds over the finished tokens (the stack matching the structure parser did), on
/// every Python fixture and on generated indentation; the other lexers record none; a file lexed in
/// two joined parts has none; and the look-up answers the DEDENT of an INDENT, the end, or nil.
@Suite struct IndentBlocksTests {
    @Test func pythonLexerRecordsTheMatchedBlocks() throws {
        let files = FileManager.default.enumerator(at: fixturesDirectory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "py" } ?? []
        var blocks = 0
        for url in files {
            let bytes = Array(try Data(contentsOf: url))
            let file = PythonLexer.lex(bytes)
            #expect(file.indentBlocks == IndentBlocks.match(file.tokens), "\(url.lastPathComponent)")
            blocks += file.indentBlocks?.indents.count ?? 0
        }
        #expect(files.count > 40 && blocks > 100, "\(files.count) files, \(blocks) blocks")
    }

    @Test func generatedIndentationMatches() {
        var random = SeededRandom(seed: 0x1DE7_B10C)
        let lines = ["if x:", "def f(a):", "return g(a)", "y = (1,", "  2)", "# note", "", "s = '''a", "b'''", "\tz = 1", "else:", "w = f\"{a}\\", "pass"]
        var unclosed = 0
        for _ in 0..<500 {
            let text = (0..<random.below(40)).map { _ in String(repeating: " ", count: 4 * random.below(5)) + random.pick(lines) }
                .joined(separator: "\n") + (random.below(2) == 0 ? "\n" : "")
            let bytes = Array(text.utf8)
            let file = PythonLexer.lex(bytes)
            let matched = IndentBlocks.match(file.tokens)
            #expect(file.indentBlocks == matched, "\(text)")
            for (position, indent) in matched.indents.enumerated() {
                #expect(matched[indent] == matched.ends[position])
                #expect(matched[indent + 1] == nil || file.tokens[indent + 1].kind == .indent)
                if matched.ends[position] == file.tokens.count { unclosed += 1 }
            }
        }
        // Blocks run to the end of file only when the lexer's last DEDENTs are missing (never: it closes them).
        #expect(unclosed == 0)
    }

    @Test func otherLexersAndJoinedPartsRecordNone() {
        let js = Array("function f() {\n  if (x) {\n    return 1\n  }\n}\n".utf8)
        #expect(JavaScriptLexer.lex(js).indentBlocks == IndentBlocks())
        let line = "def f(a):\n    return g([a], {b: (c)})  # long enough a line for its tokens\n"
        let split = Array(String(repeating: line, count: 400).utf8)
        let joined = SplitLexing.lex(split, splitAt: split.count / 2 - (split.count / 2) % line.utf8.count, part: PythonLexer.part)
        #expect(joined.joined && joined.file.indentBlocks == nil)
        #expect(PythonLexer.lex(split).indentBlocks == IndentBlocks.match(joined.file.tokens))
        // Opened and never closed: runs to the token count given at the finish.
        var blocks = IndentBlocks()
        blocks.opened(at: 3)
        blocks.opened(at: 7)
        blocks.closed(at: 9)
        blocks.finish(tokenCount: 12)
        #expect(blocks[3] == 12 && blocks[7] == 9 && blocks[5] == nil)
    }
}
