/// The line of each token start, recorded by the parser as it takes each token: a mark where the line
/// changes between tokens. Every offset the analysis asks about starts a token (a name, a call's or an
/// indexing's first token), and there the lexer's line count is the count of line breaks before it as
/// Lua counts them (`\n`, `\r`, `\r\n`, `\n\r`). A separate pass over the source for its line starts
/// cost 5 % of a script's analysis (~100 instructions a line); a mark costs a compare per token and an
/// append per line.
struct LuaLineTable: Sendable {
    /// A token starting a line: its offset and line (both fit `Int32`, as the parser's nodes do).
    private struct Mark {
        let offset: Int32
        let line: Int32
    }

    /// In source order.
    private var marks: [Mark] = []
    private var lastLine = 0

    /// Room for `count` lines.
    mutating func reserveCapacity(_ count: Int) { marks.reserveCapacity(count) }

    /// Notes a token taken by the parser, in source order.
    @inline(__always)
    mutating func noteToken(start: Int, line: Int) {
        guard line != lastLine else { return }
        lastLine = line
        marks.append(Mark(offset: Int32(truncatingIfNeeded: start), line: Int32(truncatingIfNeeded: line)))
    }

    /// The 1-based line of the token that starts at `offset`.
    func line(at offset: Int) -> Int {
        // The last mark at or before `offset`.
        var low = 0, high = marks.count
        while low < high {
            let middle = (low + high) / 2
            if Int(marks[middle].offset) <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 1 : Int(marks[low - 1].line)
    }
}
