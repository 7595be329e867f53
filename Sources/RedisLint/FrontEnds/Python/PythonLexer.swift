import LuaParse

/// The Python lexer: comments, every string form (prefixes `r b u f t` in any case and combination,
/// triple quotes, f-strings with the 3.12 nesting rules), logical NEWLINE tokens only at bracket depth
/// 0, and INDENT/DEDENT like CPython's tokenizer (tabs to the next multiple of 8; blank and
/// comment-only lines do not count).
///
/// An f-string is split around its replacement fields: `f"a{x:>10}b"` lexes as stringHead `f"a{`,
/// `x`, stringTail `:>10}b"` whose content is `b` (the conversion and format spec belong to the
/// following part's token text, not its content). A spec holding a nested field, `{x:{w}}`, gives a
/// stringMiddle `:{` with empty content before `w`.
public enum PythonLexer: HostLexer {
    public static func lex(_ bytes: [UInt8], splitFrom minimumBytes: Int) -> LexedFile {
        SplitLexing.lex(bytes, minimumBytes: minimumBytes, words: splitWords, part: part)
    }

    /// Top-level statements a split point prefers (`SplitLexing.splitPoint`).
    static let splitWords: [StaticString] = ["def", "class", "async", "import", "from"]

    /// One part of a file (`SplitLexing`).
    static let part: SplitLexing.PartLexer = { buffer, start, stop in
        LexerCore.lex(buffer, from: start) { core, notes in
            var scanner = PythonScanner(core)
            let stopped = scanner.run(from: start, stoppingAt: stop)
            swap(&notes, &scanner.notes)
            return (scanner.core, stopped)
        }
    }

    public static func decode(_ token: Token, in bytes: [UInt8]) -> DecodedString {
        let content = token.contentRange
        let style: EscapeStyle = token.flags.contains(.raw) ? .none : .python
        var decoded = StringDecoding.decode(bytes, content, style: style)
        if token.kind != .string || isFormatted(token, bytes) { decoded = collapseDoubledBraces(decoded, bytes) }
        return decoded
    }

    /// Whether the literal's prefix holds `f` or `t` (then `{{`/`}}` stand for single braces).
    private static func isFormatted(_ token: Token, _ bytes: [UInt8]) -> Bool {
        var k = Int(token.start)
        while k < bytes.count, bytes[k] != ASCII.squote, bytes[k] != ASCII.dquote {
            let c = bytes[k] | 0x20
            if c == 0x66 || c == 0x74 { return true }
            k += 1
        }
        return false
    }

    private static func collapseDoubledBraces(_ d: DecodedString, _ bytes: [UInt8]) -> DecodedString {
        var value: [UInt8] = []
        var offsets: [Int32] = []
        value.reserveCapacity(d.value.count)
        offsets.reserveCapacity(d.value.count)
        var k = 0
        while k < d.value.count {
            let c = d.value[k]
            if (c == ASCII.lbrace || c == ASCII.rbrace), k + 1 < d.value.count, d.value[k + 1] == c,
               d.sourceOffsets[k + 1] == d.sourceOffsets[k] + 1, bytes[Int(d.sourceOffsets[k])] == c {
                value.append(c)
                offsets.append(d.sourceOffsets[k])
                k += 2
                continue
            }
            value.append(c)
            offsets.append(d.sourceOffsets[k])
            k += 1
        }
        return DecodedString(value: value, sourceOffsets: offsets)
    }
}

/// One level of nesting: an f-string's literal text, or the expression of one replacement field.
private struct PythonFrame {
    var isExpression: Bool
    // Literal frames.
    var quote: UInt8 = 0
    var triple = false
    var raw = false
    var flags: TokenFlags = []
    var literalStart = 0
    var partStart = 0
    var contentStart = 0
    var hasHoles = false
    // Expression frames.
    var depth = 0
    var inSpec = false
    var specPartStart = 0
}

private let pythonOperators = PunctTable([
    "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=",
    "/=", "%=", "&=", "|=", "^=", "@=", ":=",
])

struct PythonScanner {
    var core: LexerCore
    var notes = LexerNotes()
    var i = 0
    /// A local copy: reading the global on every operator would go through its lazy initialiser.
    private let operators = pythonOperators
    private var stack: [PythonFrame] = []
    /// Brackets open outside f-string fields (inside them each field counts its own).
    private var depth = 0
    private var indents: [Int] = [0]
    private var atLineStart = true
    /// Where `run` may stop (`SplitLexing`); `Int.max` once passed.
    private var stop = Int.max

    init(_ core: LexerCore) { self.core = core }

    private var n: Int { core.n }
    private var b: UnsafeBufferPointer<UInt8> { core.b }

    /// Lexes from `start`, in the fresh state, to the end of the file; or stops at `stop` when it gets
    /// there in a state a fresh lexer starting there has too (then true: see `SplitLexing`).
    @discardableResult
    mutating func run(from start: Int = 0, stoppingAt stop: Int = Int.max) -> Bool {
        i = start
        self.stop = stop
        while i < n {
            if i >= self.stop {
                if i == self.stop && isFreshAtLineStart {
                    // A line at column 0 closes every indentation level, as `handleIndentation` would
                    // here; the fresh lexer has none open.
                    while indents.count > 1 {
                        indents.removeLast()
                        core.emitDedent(at: i, blocks: &notes.blocks)
                    }
                    return true
                }
                self.stop = Int.max
            }
            if stack.isEmpty {
                if atLineStart && depth == 0 { handleIndentation() } else { scanCode() }
                continue
            }
            if !stack[stack.count - 1].isExpression { scanFStringText(); continue }
            if stack[stack.count - 1].inSpec { scanSpec(); continue }
            scanCode()
        }
        var holeOpen = false
        while var top = stack.popLast() {
            if !top.isExpression {
                notes.problem(top.literalStart, "unterminated f-string")
                // Inside an unclosed hole: its head and the hole's tokens are out already, so the
                // tail is empty at the end of file (not from the opener, before tokens already out).
                if holeOpen { top.partStart = n; top.contentStart = n }
                emitFStringEnd(top, end: n, contentEnd: n, extra: .unterminated)
            }
            holeOpen = top.isExpression
        }
        if let last = core.tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
            core.tokens.append(Token(kind: .newline, start: n, end: n))
        }
        while indents.count > 1 {
            indents.removeLast()
            core.emitDedent(at: n, blocks: &notes.blocks)
        }
        return false
    }

    /// At a line start outside brackets, f-strings and continuations, with a name at column 0: from
    /// here on, a fresh lexer does what this one does, once this one has closed its indentation levels.
    private var isFreshAtLineStart: Bool {
        atLineStart && depth == 0 && stack.isEmpty && core.pending == [.lineStart] && core.isLetter(i)
    }

    // MARK: - Lines and indentation

    /// At the start of a logical line: skips blank and comment-only lines, then emits INDENT/DEDENT.
    /// Inlined: it runs once a line, and its frame cost as much as a short line's indentation.
    @inline(__always) private mutating func handleIndentation() {
        let lineStart = i
        var column = 0
        var j = i
        while j < n {
            // Indentation is mostly spaces: eight at a time, then the byte that ends the run.
            let spaces = ByteSearch.spacesEnd(b, from: j, to: n)
            column += spaces - j
            j = spaces
            guard j < n else { break }
            let c = b[j]
            if c == ASCII.space { column += 1 } else if c == ASCII.tab { column = (column / 8 + 1) * 8 } else if c == 0x0C { column = 0 } else { break }
            j += 1
        }
        if j > lineStart { core.pending.insert(.spaceBefore) }
        i = j
        if j >= n { return }
        let c = b[j]
        if c == ASCII.hash {
            i = core.lineEnd(from: j)
            notes.comments.append(j..<i)
            return  // the line end comes next, still at a line start
        }
        if c == ASCII.lf || c == ASCII.cr {
            i = core.afterLineEnd(j)
            core.pending = [.lineStart]
            return
        }
        atLineStart = false
        let current = indents[indents.count - 1]
        if column > current {
            indents.append(column)
            core.emitIndent(lineStart, j, blocks: &notes.blocks)
        } else if column < current {
            while indents.count > 1, indents[indents.count - 1] > column {
                indents.removeLast()
                core.emitDedent(at: j, blocks: &notes.blocks)
            }
            if indents[indents.count - 1] != column {
                notes.problem(j, "unindent does not match any outer indentation level")
            }
        }
    }

    // MARK: - Code

    private var inField: Bool { !stack.isEmpty }

    /// Scans code tokens from `i`. Spaces, names, numbers and plain operators change nothing that
    /// `run` chooses by (line start, f-string frames), so the tokens after them are scanned in this
    /// loop; everything else returns to `run`. (A call per token was a sixth of the lexer's work.)
    ///
    /// The cursor and the bytes are locals for the loop, as in `JavaScriptScanner.scanCode` (`self.i` is
    /// set around the calls that read it); tokens go to `self.core`.
    private mutating func scanCode() {
        var i = self.i
        let input = core
        let b = input.b, n = input.n
        defer { self.i = i }
        while i < n {
            var start = i
            var c = b[i]
            var cls = input.classes[Int(c)]
            if cls & ByteClass.space != 0 {
                // The token after the spaces is read here, not at the loop's head again (which reloaded
                // the cursor and the buffers): no space follows a run of them.
                i = input.spacesEnd(from: i)
                core.pending.insert(.spaceBefore)
                guard i < n else { return }
                start = i
                c = b[i]
                cls = input.classes[Int(c)]
            }
            if cls & ByteClass.lineEnd != 0 {
                // The next line is taken on here rather than through `run`, which would only call
                // back (it needs a line start only where a split may stop).
                if depth == 0 && !inField {
                    i = core.emitNewline(at: i)
                    atLineStart = true
                    self.i = i
                    while atLineStart && self.i < n && self.i < stop { handleIndentation() }
                    i = self.i
                    if !atLineStart { continue }
                } else {
                    i = input.afterLineEnd(i)
                    core.pending = [.lineStart]
                    if !inField && i < stop { continue }
                }
                return
            }
            if cls & ByteClass.identStart != 0 {
                let end = input.identEnd(from: i &+ 1)  // the first byte is a name byte
                if end < n, b[end] == ASCII.squote || b[end] == ASCII.dquote, let prefix = stringPrefix(start, end) {
                    scanString(start: start, quoteAt: end, prefix: prefix)  // sets `self.i`
                    i = self.i
                    // Only an f-string opens a frame `run` must see.
                    if prefix.contains(.formatted) { return }
                    continue
                }
                i = end
                core.emit(.identifier, start, i)
                continue
            }
            if cls & ByteClass.digit != 0 || (c == ASCII.dot && input.isDigit(i + 1)) {
                i = input.numberEnd(from: i)
                core.emit(.number, start, i)
                continue
            }
            // Comments, plain strings and brackets (but for a field's closing `}`) open no frame and
            // cannot end at a line start (where `run` may stop): the loop goes on after them.
            switch c {
            case ASCII.hash:
                i = input.lineEnd(from: i)
                notes.comments.append(start..<i)
                continue
            case ASCII.backslash where i + 1 < n && (b[i + 1] == ASCII.lf || b[i + 1] == ASCII.cr):
                i = input.afterLineEnd(i + 1)
                core.pending.insert(.spaceBefore)
            case ASCII.squote, ASCII.dquote:
                scanString(start: start, quoteAt: i, prefix: [])
                i = self.i
                continue
            case ASCII.lparen, ASCII.lbracket, ASCII.lbrace:
                if inField { stack[stack.count - 1].depth += 1 } else { depth += 1 }
                core.emitBracket(at: start)
                i += 1
                continue
            case ASCII.rparen, ASCII.rbracket, ASCII.rbrace:
                if inField {
                    if stack[stack.count - 1].depth == 0 && c == ASCII.rbrace {
                        endField(at: i)
                        i = self.i
                        return
                    }
                    stack[stack.count - 1].depth = max(0, stack[stack.count - 1].depth - 1)
                } else {
                    depth = max(0, depth - 1)
                }
                core.emitBracket(at: start)
                i += 1
                continue
            case ASCII.colon where inField && stack[stack.count - 1].depth == 0:
                startSpec(at: i)
                i = self.i
            case ASCII.bang where inField && stack[stack.count - 1].depth == 0 && input.at(i + 1) != ASCII.eq:
                startSpec(at: i)
                i = self.i
            default:
                // Brackets took the cases above.
                i += operators.length(b, at: i)
                core.emitPlainOperator(start, i)
                continue
            }
            return
        }
    }

    private struct Prefix: OptionSet {
        let rawValue: UInt8
        static let raw = Prefix(rawValue: 1)
        static let bytes = Prefix(rawValue: 2)
        static let formatted = Prefix(rawValue: 4)
    }

    /// The prefix an identifier spells when a quote follows it (`r`, `rb`, `F`, `tR`, …), else nil.
    private func stringPrefix(_ start: Int, _ end: Int) -> Prefix? {
        guard end - start <= 2 else { return nil }
        var prefix: Prefix = []
        var seenU = false
        for k in start..<end {
            switch b[k] | 0x20 {
            case 0x72: if prefix.contains(.raw) { return nil }; prefix.insert(.raw)
            case 0x62: if prefix.contains(.bytes) || prefix.contains(.formatted) { return nil }; prefix.insert(.bytes)
            case 0x66, 0x74: if prefix.contains(.formatted) || prefix.contains(.bytes) { return nil }; prefix.insert(.formatted)
            case 0x75: if end - start != 1 { return nil }; seenU = true
            default: return nil
            }
        }
        _ = seenU
        return prefix
    }

    // MARK: - Strings

    private mutating func scanString(start: Int, quoteAt q: Int, prefix: Prefix) {
        let quote = b[q]
        let triple = q + 2 < n && b[q + 1] == quote && b[q + 2] == quote
        let contentStart = q + (triple ? 3 : 1)
        var flags: TokenFlags = []
        if prefix.contains(.raw) { flags.insert(.raw) }
        if prefix.contains(.bytes) { flags.insert(.bytes) }
        if triple { flags.insert(.multiline) }
        if prefix.contains(.formatted) {
            var frame = PythonFrame(isExpression: false)
            frame.quote = quote
            frame.triple = triple
            frame.raw = prefix.contains(.raw)
            frame.flags = flags
            frame.literalStart = start
            frame.partStart = start
            frame.contentStart = contentStart
            i = contentStart
            push(frame)
            return
        }
        var j = contentStart
        while j < n {
            // Straight to the next byte that matters (line ends only end one-line strings).
            j = VectorSearch.firstOf(ASCII.backslash, quote, ASCII.lf, ASCII.cr, in: b, from: j, to: n)
            guard j < n else { break }
            let c = b[j]
            if c == ASCII.backslash { j += 2; continue }
            if c == quote {
                if !triple {
                    i = j + 1
                    core.emit(.string, start, i, flags, content: contentStart..<j)
                    return
                }
                if j + 2 < n && b[j + 1] == quote && b[j + 2] == quote {
                    i = j + 3
                    core.emit(.string, start, i, flags, content: contentStart..<j)
                    return
                }
            } else if !triple && (c == ASCII.lf || c == ASCII.cr) {
                break
            }
            j += 1
        }
        // Unterminated: a one-line string stops at its line end (like CPython), a triple one at end of file.
        let end = min(j, n)
        notes.problem(start, triple ? "unterminated triple-quoted string" : "unterminated string literal")
        i = end
        core.emit(.string, start, end, flags.union(.unterminated), content: contentStart..<end)
    }

    private mutating func push(_ frame: PythonFrame) {
        if stack.count >= LexLimits.maxNesting {
            notes.problem(i, "f-strings nested too deeply")
            stack.removeAll()
        }
        stack.append(frame)
    }

    /// Emits the final part of an f-string: `.string` when it had no fields, else `.stringTail`.
    private mutating func emitFStringEnd(_ f: PythonFrame, end: Int, contentEnd: Int, extra: TokenFlags) {
        core.emit(f.hasHoles ? .stringTail : .string, f.partStart, end, f.flags.union(extra),
                  content: f.contentStart..<max(f.contentStart, contentEnd))
    }

    private mutating func scanFStringText() {
        var f = stack[stack.count - 1]
        var j = i
        while j < n {
            let c = b[j]
            if c == ASCII.backslash {
                // `\N{NAME}` names a character; its braces are no replacement field.
                if !f.raw && j + 2 < n && b[j + 1] == 0x4E && b[j + 2] == ASCII.lbrace {
                    var k = j + 3
                    while k < n, b[k] != ASCII.rbrace, b[k] != f.quote, b[k] != ASCII.lf { k += 1 }
                    j = k < n && b[k] == ASCII.rbrace ? k + 1 : j + 2
                    continue
                }
                j += 2
                continue
            }
            if c == ASCII.lbrace {
                if j + 1 < n && b[j + 1] == ASCII.lbrace { j += 2; continue }
                core.emit(f.hasHoles ? .stringMiddle : .stringHead, f.partStart, j + 1, f.flags, content: f.contentStart..<j)
                f.hasHoles = true
                stack[stack.count - 1] = f
                i = j + 1
                push(PythonFrame(isExpression: true))
                return
            }
            if c == ASCII.rbrace && j + 1 < n && b[j + 1] == ASCII.rbrace { j += 2; continue }
            if c == f.quote {
                if !f.triple || (j + 2 < n && b[j + 1] == f.quote && b[j + 2] == f.quote) {
                    let end = j + (f.triple ? 3 : 1)
                    stack.removeLast()
                    emitFStringEnd(f, end: end, contentEnd: j, extra: [])
                    i = end
                    return
                }
            } else if !f.triple && (c == ASCII.lf || c == ASCII.cr) {
                break
            }
            j += 1
        }
        let end = min(j, n)
        stack.removeLast()
        notes.problem(f.literalStart, "unterminated f-string")
        emitFStringEnd(f, end: end, contentEnd: end, extra: .unterminated)
        i = end
    }

    /// A `:` or `!` at the top of a replacement field starts its conversion/format spec.
    private mutating func startSpec(at k: Int) {
        stack[stack.count - 1].inSpec = true
        stack[stack.count - 1].specPartStart = k
        i = k + 1
    }

    /// Closes a replacement field at the `}` at `k`; the f-string's next part starts at `partStart`.
    private mutating func endField(at k: Int, partStart: Int? = nil) {
        stack.removeLast()
        i = k + 1
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].isExpression {
            // A nested field inside a format spec: the spec resumes at this `}`.
            stack[stack.count - 1].specPartStart = k
            return
        }
        stack[stack.count - 1].partStart = partStart ?? k
        stack[stack.count - 1].contentStart = k + 1
    }

    /// Format spec text up to the field's `}`; a `{` there opens a nested field.
    private mutating func scanSpec() {
        let field = stack[stack.count - 1]
        var j = i
        while j < n {
            let c = b[j]
            if c == ASCII.rbrace {
                endField(at: j, partStart: field.specPartStart)
                return
            }
            if c == ASCII.lbrace {
                // The spec so far becomes a middle part; the nested field's expression follows.
                var literalIndex = stack.count - 2
                while literalIndex >= 0 && stack[literalIndex].isExpression { literalIndex -= 1 }
                let flags = literalIndex >= 0 ? stack[literalIndex].flags : []
                core.emit(.stringMiddle, field.specPartStart, j + 1, flags, content: (j + 1)..<(j + 1))
                if literalIndex >= 0 { stack[literalIndex].hasHoles = true }
                stack[stack.count - 1].specPartStart = j  // a nested field's `}` resumes the spec
                i = j + 1
                var nested = PythonFrame(isExpression: true)
                nested.specPartStart = j
                push(nested)
                return
            }
            if c == ASCII.lf || c == ASCII.cr {
                // A spec cannot span lines in a one-line f-string: let the literal report it.
                var literalIndex = stack.count - 2
                while literalIndex >= 0 && stack[literalIndex].isExpression { literalIndex -= 1 }
                if literalIndex >= 0 && !stack[literalIndex].triple {
                    stack.removeLast(stack.count - 1 - literalIndex)
                    // The head and the field's tokens are out: the literal's last part starts here, not at
                    // its opener (fuzzing: `f"{a]:*"):` then a newline gave a tail before those tokens).
                    stack[literalIndex].partStart = j
                    stack[literalIndex].contentStart = j
                    i = j
                    return
                }
            }
            j += 1
        }
        i = n
    }
}
