import Testing
@testable import RedisLint

/// A lexer's notes move into its file whole (`LexerNotes.move(into:)`): comments, problems and the
/// indented blocks, finished at the file's token count, and the notes are left empty.
@Suite struct LexerNotesTests {
    @Test func notesMoveIntoTheFile() {
        var notes = LexerNotes()
        notes.comments.append(2..<9)
        notes.problem(4, "unterminated string literal")
        notes.blocks.opened(at: 1)
        notes.blocks.opened(at: 3)
        notes.blocks.closed(at: 5)
        var file = LexedFile(tokens: (0..<7).map { Token(kind: .identifier, start: $0, end: $0 + 1) })
        notes.move(into: &file)
        #expect(file.comments == [2..<9])
        #expect(file.problems.map(\.offset) == [4] && file.problems.map(\.message) == ["unterminated string literal"])
        #expect(file.indentBlocks?.indents == [1, 3])
        #expect(file.indentBlocks?.ends == [7, 5])  // the outer block was still open: it runs to the end
        #expect(notes.comments.isEmpty && notes.problems.isEmpty && notes.blocks == IndentBlocks())
    }
}
