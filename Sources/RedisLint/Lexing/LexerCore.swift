import LuaParse

/// The token output and cursor helpers every host lexer shares. Lexers hold one of these and
/// run over an `UnsafeBufferPointer` so the hot loops do no bounds checks, copies or allocations.
///
/// Plain values only (pointers and counts; the output held in arrays is `LexerNotes`): the code loops
/// of every host lexer take a copy of it for their byte reads, which retains nothing. Read through
/// `self`, the bytes and the byte classes were reloaded after every token, whose store through the
/// sink's pointer might have written them as far as the compiler knew.
struct LexerCore {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    let classes: UnsafePointer<UInt8> = ByteClass.pointer
    var tokens: TokenSink
    /// Bracket partners noted as tokens are emitted (`emit`).
    var brackets: BracketPartners
    /// Flags for the next token: `.lineStart` after a line end, `.spaceBefore` after whitespace.
    var pending: TokenFlags = [.lineStart]

    /// The last byte that belongs in no name of any lexer (neither `identContinue` nor
    /// `jsIdentContinue`), or -1. A name scanned from at or before it stops by it, so that scan needs
    /// no bounds check: four instructions a byte instead of seven. (Files end with a line end.)
    let nameStop: Int

    init(_ b: UnsafeBufferPointer<UInt8>, tokens: TokenSink, brackets: BracketPartners) {
        self.b = b
        self.n = b.count
        self.tokens = tokens
        self.brackets = brackets
        var k = b.count - 1
        while k >= 0, classes[Int(b[k])] & ByteClass.jsIdentContinue != 0 { k -= 1 }
        nameStop = k
    }

    /// Lexes `b` from `start` with `lex`, which gets a fresh core and hands it back when done, with
    /// whether it stopped early (`SplitLexing`), and swaps its notes into the empty ones it gets (a
    /// swap moves the arrays: a copy retained each and released it again with the scanner). The
    /// tokens are written straight into the storage of the returned token array (`TokenSink`), their
    /// bracket partners into the partner array's.
    static func lex(_ b: UnsafeBufferPointer<UInt8>, from start: Int,
                    _ lex: (LexerCore, inout LexerNotes) -> (core: LexerCore, stopped: Bool)) -> (file: LexedFile, stopped: Bool) {
        // Typical code has one token per 3.5-6 bytes; reserving for one per 3 spares the copy (and the
        // page faults of a second buffer) when a big file outgrows a smaller guess. Pages never
        // written cost nothing. The second part of a split file (`SplitLexing`) reserves for its own bytes.
        let capacity = (b.count - min(max(start, 0), b.count)) / 3 + 16
        var result: (core: LexerCore, stopped: Bool)?
        var notes = LexerNotes()
        // Every entry -1 up front, by a vector loop: `initialize(repeating:)` went to `memset`, whose
        // `rep stosb` for large buffers counts a byte per instruction. Tokens that are no bracket are never written.
        var partners: [Int32] = []
        partners.reserveCapacity(capacity)
        HugePages.advise(&partners)
        partners.append(contentsOf: repeatElement(-1, count: capacity))
        var tokens = partners.withUnsafeMutableBufferPointer { partnerStorage in
            [Token](unsafeUninitializedCapacity: capacity) { storage, initialized in
                HugePages.advise(storage)
                let brackets = BracketPartners(partnerStorage.baseAddress!, capacity: capacity)
                let done = lex(LexerCore(b, tokens: TokenSink(storage), brackets: brackets), &notes)
                done.core.brackets.release()
                initialized = done.core.tokens.ownsStorage ? 0 : done.core.tokens.count
                result = done
            }
        }
        guard let done = result else { preconditionFailure("the lexer did not run") }
        var core = done.core
        if core.tokens.ownsStorage { tokens = core.tokens.takeOwnedTokens() }
        var file = LexedFile(tokens: tokens)
        notes.move(into: &file)
        // More tokens than reserved for: their partners were not all written.
        if tokens.count <= capacity {
            partners.removeLast(capacity - tokens.count)
            file.partners = partners
        }
        return (file, done.stopped)
    }

    /// The byte at `k`, or 0 past the end (callers that care about NUL check `k < n` first).
    @inline(__always) func at(_ k: Int) -> UInt8 { k < n && k >= 0 ? b[k] : 0 }

    @inline(__always) func cls(_ k: Int) -> UInt8 { k < n ? classes[Int(b[k])] : 0 }

    @inline(__always) func isIdentStart(_ k: Int) -> Bool { cls(k) & ByteClass.identStart != 0 }
    @inline(__always) func isIdentContinue(_ k: Int) -> Bool { cls(k) & ByteClass.identContinue != 0 }
    @inline(__always) func isDigit(_ k: Int) -> Bool { cls(k) & ByteClass.digit != 0 }
    @inline(__always) func isSpace(_ k: Int) -> Bool { cls(k) & ByteClass.space != 0 }

    /// An ASCII letter at `k`: where a split file's second lexer may start (`SplitLexing`), as every
    /// lexer scans a name there without reading the tokens before it.
    func isLetter(_ k: Int) -> Bool { k < n && SplitLexing.isASCIILetter(b[k]) }

    @inline(__always) mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, _ extra: TokenFlags = [],
                                         content: Range<Int>? = nil) {
        // Before the append, whose count is this token's index. (The kind is a constant at most calls:
        // for a name or a number this is no code at all.)
        brackets.note(kind, tokens.count, b, start, end)
        tokens.append(Token(kind: kind, flags: pending.union(extra), start: start, end: end,
                            contentStart: content?.lowerBound ?? start, contentEnd: content?.upperBound ?? end))
        pending = []
    }

    /// Emits the one-byte bracket at `start` (`(` `[` `{` `)` `]` `}`), its partner noted without asking
    /// whether it is one.
    @inline(__always) mutating func emitBracket(at start: Int) {
        brackets.noteBracket(tokens.count, b[start])
        tokens.append(Token(kind: .punct, flags: pending, start: start, end: start + 1))
        pending = []
    }

    /// Emits an operator the caller knows is no one-byte bracket: nothing to note (`emit` would look
    /// its byte up).
    @inline(__always) mutating func emitPlainOperator(_ start: Int, _ end: Int) {
        assert(end - start != 1 || BracketPartners.sides[Int(b[start])] == 0, "a bracket emitted as a plain operator")
        tokens.append(Token(kind: .punct, flags: pending, start: start, end: end))
        pending = []
    }

    /// Emits an INDENT token and opens its block in `blocks`.
    @inline(__always) mutating func emitIndent(_ start: Int, _ end: Int, blocks: inout IndentBlocks) {
        blocks.opened(at: tokens.count)
        tokens.append(Token(kind: .indent, start: start, end: end))
    }

    /// Emits a DEDENT token at `k`, closing the innermost open block of `blocks`.
    @inline(__always) mutating func emitDedent(at k: Int, blocks: inout IndentBlocks) {
        blocks.closed(at: tokens.count)
        tokens.append(Token(kind: .dedent, start: k, end: k))
    }

    /// Emits a `.newline` token for the line end at `k` and returns the offset after it (CRLF is one).
    @inline(__always) mutating func emitNewline(at k: Int) -> Int {
        let end = (b[k] == ASCII.cr && k + 1 < n && b[k + 1] == ASCII.lf) ? k + 2 : k + 1
        tokens.append(Token(kind: .newline, flags: pending, start: k, end: end))
        pending = [.lineStart]
        return end
    }

    /// Offset after the line end at `k` (CRLF counts as one) without emitting anything.
    @inline(__always) func afterLineEnd(_ k: Int) -> Int {
        (b[k] == ASCII.cr && k + 1 < n && b[k + 1] == ASCII.lf) ? k + 2 : k + 1
    }

    /// Offset of the next `\n`/`\r` at or after `k`, or `n`.
    @inline(__always) func lineEnd(from k: Int) -> Int { VectorSearch.lineEnd(b, from: k, to: n) }

    @inline(__always) func identEnd(from k: Int) -> Int { nameEnd(from: k, ByteClass.identContinue) }

    /// Where the run of bytes of class `member` (`identContinue` or `jsIdentContinue`) from `k` ends.
    @inline(__always) func nameEnd(from k: Int, _ member: UInt8) -> Int {
        var j = k
        if j <= nameStop {
            // Each byte is read only after the ones before it were name bytes, so before the stop: no
            // read passes it, and no offset can overflow. Most names are short: their first four bytes
            // are tested at fixed offsets (three instructions a byte, the loop's counter took two more).
            if classes[Int(b[j])] & member == 0 { return j }
            if classes[Int(b[j &+ 1])] & member == 0 { return j &+ 1 }
            if classes[Int(b[j &+ 2])] & member == 0 { return j &+ 2 }
            if classes[Int(b[j &+ 3])] & member == 0 { return j &+ 3 }
            j &+= 4
            while classes[Int(b[j])] & member != 0 { j &+= 1 }
            return j
        }
        while j < n, classes[Int(b[j])] & member != 0 { j += 1 }
        return j
    }

    /// Compares the bytes at `k` with an ASCII word.
    @inline(__always) func matches(_ k: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard k + count <= n else { return false }
        let p = word.utf8Start
        for j in 0..<count where b[k + j] != p[j] { return false }
        return true
    }

    /// True when `start..<end` spells exactly `word`.
    @inline(__always) func spells(_ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        end - start == word.utf8CodeUnitCount && matches(start, word)
    }

    /// Longest-match punctuation: the length of the first entry of `table` found at `k`, else 1.
    @inline(__always) func punctLength(at k: Int, _ table: [StaticString]) -> Int {
        for p in table where matches(k, p) { return p.utf8CodeUnitCount }
        return 1
    }

    /// Skips a number literal loosely (digits, letters, `_`, `.` followed by a digit, exponent signs):
    /// exactness does not matter for linting, only that the whole literal is one token.
    @inline(__always) func numberEnd(from k: Int) -> Int {
        var j = k
        while j < n {
            let c = b[j]
            if classes[Int(c)] & ByteClass.identContinue != 0 && c < 0x80 {
                if (c == 0x65 || c == 0x45 || c == 0x70 || c == 0x50), j + 1 < n, b[j + 1] == ASCII.plus || b[j + 1] == ASCII.minus,
                   !(b[k] == ASCII.zero && (at(k + 1) | 0x20) == 0x78 && (c | 0x20) == 0x65) {
                    j += 2
                    continue
                }
                j += 1
            } else if c == ASCII.dot, j + 1 < n, classes[Int(b[j + 1])] & ByteClass.digit != 0 {
                j += 1
            } else {
                break
            }
        }
        return j
    }

}

extension LexerCore {
    /// Where the run of spaces at `index` (a space class byte) ends.
    @inline(__always) func spacesEnd(from index: Int) -> Int {
        var k = index + 1
        // Most runs are one space; longer ones (indentation, alignment) go eight bytes at a time.
        if k < n, classes[Int(b[k])] & ByteClass.space != 0 {
            k = ByteSearch.spacesEnd(b, from: k, to: n)
            while k < n, classes[Int(b[k])] & ByteClass.space != 0 { k += 1 }
        }
        return k
    }

    /// Emits the longest operator of `table` at `index`; returns where it ends.
    @inline(__always) mutating func emitOperator(at index: Int, _ table: PunctTable) -> Int {
        let end = index + table.length(b, at: index)
        emit(.punct, index, end)
        return end
    }
}
