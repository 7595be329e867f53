/// A lexer's output besides its tokens: comment ranges, problems and (Python) indented blocks. Kept
/// apart from `LexerCore`, whose plain values the code loops copy into locals: arrays there would be
/// retained with each copy, and appended to on a copy, copied whole.
struct LexerNotes {
    var comments: [Range<Int>] = []
    var problems: [LexProblem] = []
    /// Python's INDENT/DEDENT pairs, recorded as they are emitted (`LexerCore.emitIndent`, `emitDedent`).
    var blocks = IndentBlocks()

    mutating func problem(_ offset: Int, _ message: String) {
        problems.append(LexProblem(offset: offset, message: message))
    }

    /// Moves the comments, problems and blocks (finished at the file's token count) into `file`,
    /// leaving these empty: swapped, not copied, so no array is retained or released.
    mutating func move(into file: inout LexedFile) {
        swap(&file.comments, &comments)
        swap(&file.problems, &problems)
        blocks.finish(tokenCount: file.tokens.count)
        var moved = IndentBlocks()
        swap(&moved, &blocks)
        file.indentBlocks = moved
    }
}
