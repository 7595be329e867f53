/// Python's indented blocks: each INDENT token's index and the index of the DEDENT that closes it (the
/// token count when none does), as two parallel arrays in token order searched by bisection (a
/// `[Int: Int]` dictionary's hashing was a third of the structure parser's time on big files, and an
/// array over every token, mostly empty, cost more in page faults than the search does).
///
/// The Python lexer records the pairs as it emits the tokens (`LexerCore.emitIndent`/`emitDedent`): it
/// knows which level each DEDENT closes. `match` finds them in a pass over finished tokens instead (a
/// file lexed in two parts), which was 15M instructions of a 2,700M scan of 12 repositories.
struct IndentBlocks: Sendable, Equatable {
    /// INDENT token indices, ascending.
    private(set) var indents: [Int] = []
    /// `ends[k]`: the DEDENT closing `indents[k]` (-1 while open; the token count once `finish`ed).
    private(set) var ends: [Int] = []
    /// Positions in `indents` of the INDENTs still open, innermost last.
    private var open: [Int] = []

    /// Token `index` is an INDENT.
    @inline(__always) mutating func opened(at index: Int) {
        open.append(indents.count)
        indents.append(index)
        ends.append(-1)
    }

    /// Token `index` is a DEDENT: it closes the innermost open INDENT (if any).
    @inline(__always) mutating func closed(at index: Int) {
        if let innermost = open.popLast() { ends[innermost] = index }
    }

    /// No more tokens come: the INDENTs still open run to the end (`tokenCount`).
    mutating func finish(tokenCount: Int) {
        for position in open { ends[position] = tokenCount }
        open = []
    }

    /// The DEDENT closing the INDENT at token `indent` (the token count when none does); nil when
    /// `indent` is no INDENT.
    subscript(_ indent: Int) -> Int? {
        let low = indents.partitionPoint { $0 >= indent }
        return low < indents.count && indents[low] == indent ? ends[low] : nil
    }

    /// The blocks of finished tokens, in one pass.
    static func match(_ tokens: [Token]) -> IndentBlocks {
        var blocks = IndentBlocks()
        // Over the buffer: most tokens are neither and cost a load and two compares.
        tokens.withUnsafeBufferPointer { tokens in
            for index in 0..<tokens.count {
                let kind = tokens[index].kind
                if kind == .indent { blocks.opened(at: index) } else if kind == .dedent { blocks.closed(at: index) }
            }
        }
        blocks.finish(tokenCount: tokens.count)
        return blocks
    }
}
