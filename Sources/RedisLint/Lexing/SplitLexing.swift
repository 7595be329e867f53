/// Lexing one large file on two threads, with exactly the serial lexer's tokens, comments and problems.
///
/// A second lexer starts speculatively at a split point near the middle (a line start where a fresh
/// lexer may begin: see `splitPoint`) and lexes to the end of the file. The first lexer lexes from the
/// start; when it reaches the split point in a fresh lexer's state (no open literal, bracket, heredoc,
/// template or interpolation; what "fresh" means is each lexer's `isFresh`), everything it would do from
/// there is what the second lexer did, so the two halves are joined. Otherwise (the split point lay
/// inside a string, a bracket, a continuation…) the first lexer simply goes on to the end of the file:
/// the serial result, and the second lexer's work is dropped.
///
/// Lexing was the one serial stretch before a big file's parsers run side by side.
enum SplitLexing {
    /// Files from this size on are lexed on two threads (the front-end's size for parsing side by side).
    static let minimumBytes = FrontEnd.parallelParseMinimumBytes

    /// One part of a file, lexed by a lexer that starts at `start` in its fresh state and stops at
    /// `stop` if it reaches it in its fresh state (`stopped`), else lexes to the end of the file.
    typealias PartLexer = @Sendable (_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> (file: LexedFile, stopped: Bool)

    /// The file lexed as `part` lexes it from 0 to the end, on two threads when `bytes` is at least
    /// `minimumBytes` long and has a split point.
    static func lex(_ bytes: [UInt8], minimumBytes: Int = minimumBytes, words: [StaticString], part: @escaping PartLexer) -> LexedFile {
        guard bytes.count >= minimumBytes, let split = splitPoint(bytes, preferring: words) else {
            return bytes.withUnsafeBufferPointer { part($0, 0, Int.max).file }
        }
        return lex(bytes, splitAt: split, part: part).file
    }

    /// The file lexed in two parts split at `split` (any offset: tests pick unsafe ones on purpose);
    /// `joined` when the second part was used.
    static func lex(_ bytes: [UInt8], splitAt split: Int, part: @escaping PartLexer) -> (file: LexedFile, joined: Bool) {
        var parts = parallelMap(count: 2, jobs: 2) { index in
            bytes.withUnsafeBufferPointer { buffer in
                index == 0 ? part(buffer, 0, split) : part(buffer, split, Int.max)
            }
        }
        guard parts[0].stopped else { return (parts[0].file, false) }
        // Moved out, not copied: a token array still shared with `parts` would be copied whole by the
        // first append (the first part reserved room for the whole file's tokens, so none is needed).
        var file = LexedFile()
        swap(&file, &parts[0].file)
        file.tokens.append(contentsOf: parts[1].file.tokens)
        file.comments.append(contentsOf: parts[1].file.comments)
        file.problems.append(contentsOf: parts[1].file.problems)
        // Each part matched its own brackets; across the split `TokenView` matches afresh.
        file.partners = nil
        file.indentBlocks = nil
        return (file, true)
    }

    /// Where a second lexer may start: the first line start from the middle of the file on whose line
    /// one of `words` (followed by a space) stands at column 0, else the first line start there with an
    /// ASCII letter at column 0. Nil when neither is found within a window. Every lexer's first token is
    /// then a name, which no lexer decides from the tokens before it (regex or division, heredoc or
    /// shift), and a Python line at column 0 closes every indentation level. The words (a top-level
    /// `def`, `class`, `function`) only make a split the first lexer accepts more likely: a letter at
    /// column 0 may well stand inside a multi-line string.
    static func splitPoint(_ bytes: [UInt8], preferring words: [StaticString], window: Int = 1 << 18) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            let end = min(n, n / 2 + window)
            var firstLetterLine: Int?
            var k = n / 2
            while k < end {
                // The next line start: after a line feed (a CR alone never starts a split).
                guard let lf = firstIndex(of: ASCII.lf, in: b, from: k, to: end) else { break }
                let start = lf + 1
                k = start
                guard start < n, isASCIILetter(b[start]) else { continue }
                if words.contains(where: { spellsWord(b, at: start, $0) }) { return start }
                if firstLetterLine == nil { firstLetterLine = start }
            }
            return firstLetterLine
        }
    }

    private static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var k = start
        while k < end {
            if b[k] == byte { return k }
            k += 1
        }
        return nil
    }

    static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func spellsWord(_ b: UnsafeBufferPointer<UInt8>, at k: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard k + count < b.count, b[k + count] == ASCII.space else { return false }
        let p = word.utf8Start
        for j in 0..<count where b[k + j] != p[j] { return false }
        return true
    }
}
