import LuaParse

/// The TypeScript/JavaScript lexer (one lexer for .js .jsx .ts .tsx .mjs .cjs .mts .cts).
///
/// Template literals are split around `${…}` like TypeScript's scanner (head/middle/tail); regex vs
/// division is decided from the previous significant token; JSX elements are recognised where an
/// expression may start, and their text and attribute strings become `.string` tokens (raw), so
/// nothing written in JSX text looks like code. Tag and attribute names are identifiers, `{…}`
/// expression containers are ordinary code between `{` and `}` punct tokens.
public enum JavaScriptLexer: HostLexer {
    /// Lexes with JSX recognition on (right for .js, .jsx, .tsx and most .mjs/.cjs).
    public static func lex(_ bytes: [UInt8], splitFrom minimumBytes: Int) -> LexedFile { lex(bytes, jsx: true, splitFrom: minimumBytes) }

    /// `jsx: false` for .ts/.mts/.cts, where `<T>expr` is a type assertion, not an element.
    public static func lex(_ bytes: [UInt8], jsx: Bool, splitFrom minimumBytes: Int = FrontEnd.parallelParseMinimumBytes) -> LexedFile {
        SplitLexing.lex(bytes, minimumBytes: minimumBytes, words: splitWords, part: part(jsx: jsx))
    }

    /// Top-level statements a split point prefers (`SplitLexing.splitPoint`).
    static let splitWords: [StaticString] = ["function", "export", "class", "const", "async", "module", "import", "let", "var"]

    /// One part of a file (`SplitLexing`).
    static func part(jsx: Bool) -> SplitLexing.PartLexer {
        { buffer, start, stop in
            LexerCore.lex(buffer, from: start) { core, notes in
                var scanner = JavaScriptScanner(core, jsx: jsx)
                let stopped = scanner.run(from: start, stoppingAt: stop)
                swap(&notes, &scanner.notes)
                return (scanner.core, stopped)
            }
        }
    }

    public static func decode(_ token: Token, in bytes: [UInt8]) -> DecodedString {
        let style: EscapeStyle = token.flags.contains(.raw) ? .none : .javaScript
        return StringDecoding.decode(bytes, token.contentRange, style: style)
    }
}

private enum JSFrameKind { case code, template, jsxTag, jsxClosingTag, jsxChildren }

private struct JSFrame {
    var kind: JSFrameKind
    var braces = 0
    // Templates.
    var literalStart = 0
    var partStart = 0
    var contentStart = 0
    var hasHoles = false
    /// JSX tags: depth of open TypeScript type arguments (`<List<Item> …/>`), where `>` closes a
    /// type argument list instead of the tag.
    var typeArguments = 0
}

/// No `>>`, `>>>`, `>>=`: a `>` is always one token so `Map<K, Array<V>>` closes two generics
/// (island parsers join `>` `>` when they need a shift).
private let jsOperators = PunctTable([
    "...", "===", "!==", "**=", "<<=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=",
    "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<",
])

struct JavaScriptScanner {
    var core: LexerCore
    var notes = LexerNotes()
    var i = 0
    /// A local copy: reading the global on every operator would go through its lazy initialiser.
    private let operators = jsOperators
    let jsx: Bool
    private var stack: [JSFrame] = []
    /// Failed regex scans since the last line end: after a few, `/` on that line is an operator, so a
    /// hostile 5 MB line cannot make lexing quadratic.
    private var regexFailures = 0
    /// Where `run` may stop (`SplitLexing`); `Int.max` once passed.
    private var stop = Int.max

    init(_ core: LexerCore, jsx: Bool) {
        self.core = core
        self.jsx = jsx
    }

    private var n: Int { core.n }
    private var b: UnsafeBufferPointer<UInt8> { core.b }

    /// Lexes from `start`, in the fresh state, to the end of the file; or stops at `stop` when it gets
    /// there in a state a fresh lexer starting there has too (then true: see `SplitLexing`).
    @discardableResult
    mutating func run(from start: Int = 0, stoppingAt stop: Int = Int.max) -> Bool {
        i = start
        self.stop = stop
        if start == 0, n >= 2, b[0] == ASCII.hash, b[1] == ASCII.bang {
            i = core.lineEnd(from: 0)
            notes.comments.append(0..<i)
        }
        while i < n {
            if i >= self.stop {
                if i == self.stop && isFreshAtLineStart { return true }
                self.stop = Int.max
            }
            if stack.isEmpty { scanCode(); continue }
            switch stack[stack.count - 1].kind {
            case .template: scanTemplateText()
            case .jsxTag, .jsxClosingTag: scanJSXTag()
            case .jsxChildren: scanJSXChildren()
            case .code: scanCode()
            }
        }
        var holeOpen = false
        while var top = stack.popLast() {
            defer { holeOpen = top.kind == .code }
            switch top.kind {
            case .template:
                notes.problem(top.literalStart, "unterminated template literal")
                // Inside an unclosed hole: its head and the hole's tokens are out already, so the
                // tail is empty at the end of file (not from the opener, before tokens already out).
                if holeOpen { top.partStart = n; top.contentStart = n }
                emitTemplateEnd(top, end: n, contentEnd: n, extra: .unterminated)
            case .jsxTag, .jsxClosingTag, .jsxChildren:
                notes.problem(n, "unterminated JSX element")
            case .code:
                break
            }
        }
        return false
    }

    /// At a line start outside templates, JSX and holes, with a name first (no regex-or-division or
    /// JSX question, which read the tokens before): from here on, a fresh lexer does what this one does.
    private var isFreshAtLineStart: Bool {
        stack.isEmpty && regexFailures == 0 && core.pending == [.lineStart] && core.isLetter(i)
    }

    private mutating func push(_ frame: JSFrame) {
        if stack.count >= LexLimits.maxNesting {
            notes.problem(i, "templates, JSX or interpolations nested too deeply")
            stack.removeAll()
        }
        stack.append(frame)
    }

    // MARK: - Code

    /// Scans code tokens from `i`. Spaces, names, numbers and plain operators change no frame (what
    /// `run` chooses by), so the tokens after them are scanned in this loop; everything else returns
    /// to `run`. (A call per token was a large share of the lexer's work.)
    ///
    /// The cursor and the bytes are locals for the loop (`self.i` is set around the calls that read it):
    /// read from `self`, they were reloaded after every token, whose store through the token sink's
    /// pointer might have written them as far as the compiler knew. `input` is a copy of the core for
    /// the byte reads only (the core is plain values); tokens go to `self.core`.
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
                i = core.emitNewline(at: i)
                regexFailures = 0
                // Outside templates and JSX, `run` would only call back here: it needs the line
                // start only where a split may stop.
                if stack.isEmpty && i < stop { continue }
                return
            }
            if cls & ByteClass.jsIdentStart != 0 {
                i = input.nameEnd(from: i + 1, ByteClass.jsIdentContinue)
                core.emit(.identifier, start, i)
                continue
            }
            if cls & ByteClass.digit != 0 || (c == ASCII.dot && input.isDigit(i + 1)) {
                i = input.numberEnd(from: i)
                core.emit(.number, start, i)
                continue
            }
            // Comments, regexes, plain strings and braces that close no hole or container open or
            // close no frame and cannot end at a line start (where `run` may stop): the loop goes on.
            switch c {
            case ASCII.slash:
                let next = input.at(i + 1)
                if next == ASCII.slash {
                    i = input.lineEnd(from: i)
                    notes.comments.append(start..<i)
                } else if next == ASCII.star {
                    self.i = i
                    scanBlockComment()
                    i = self.i
                } else if regexAllowed(), let end = regexEndGuarded(from: i + 1) {
                    i = end
                    core.emit(.regex, start, i)
                } else {
                    self.i = i
                    emitPunct()
                    i = self.i
                }
                continue
            case ASCII.squote, ASCII.dquote:
                self.i = i
                scanQuoted()
                i = self.i
                continue
            case ASCII.backtick:
                var frame = JSFrame(kind: .template)
                frame.literalStart = i
                frame.partStart = i
                frame.contentStart = i + 1
                i += 1
                self.i = i
                push(frame)
            case ASCII.hash where input.isIdentStart(i + 1) || input.at(i + 1) == ASCII.dollar:
                i = input.nameEnd(from: i + 1, ByteClass.jsIdentContinue)
                core.emit(.identifier, start, i)
                continue
            case ASCII.lparen, ASCII.rparen, ASCII.lbracket, ASCII.rbracket:
                // No longer operator starts with a bracket.
                core.emitBracket(at: i)
                i += 1
                continue
            case ASCII.lbrace:
                if !stack.isEmpty { stack[stack.count - 1].braces += 1 }
                core.emitBracket(at: i)
                i += 1
                continue
            case ASCII.rbrace:
                if let top = stack.last, top.kind == .code {
                    if top.braces == 0 {
                        stack.removeLast()
                        if let parent = stack.last, parent.kind == .template {
                            stack[stack.count - 1].partStart = i
                            stack[stack.count - 1].contentStart = i + 1
                            i += 1
                            return
                        }
                        // End of a JSX expression container.
                        core.emitBracket(at: i)
                        i += 1
                        return
                    }
                    stack[stack.count - 1].braces -= 1
                }
                core.emitBracket(at: i)
                i += 1
                continue
            case ASCII.lt where jsx && jsxAllowed(at: i):
                self.i = i
                push(JSFrame(kind: .jsxTag))
                emitPunct(length: 1)
                i = self.i
            case ASCII.lt where input.matches(i, "<!--"):
                i = input.lineEnd(from: i)  // legacy HTML-like comment
                notes.comments.append(start..<i)
                continue
            default:
                // Brackets took the cases above.
                i += JavaScriptScanner.operatorLength(input, operators, at: i)
                core.emitPlainOperator(start, i)
                continue
            }
            return
        }
    }

    @inline(__always) private func identifierEnd(from k: Int) -> Int { core.nameEnd(from: k, ByteClass.jsIdentContinue) }

    /// Inlined: called, its frame cost more than the rest of an operator's work.
    @inline(__always) private mutating func emitPunct(length: Int? = nil) {
        let start = i
        i += length ?? JavaScriptScanner.operatorLength(core, operators, at: i)
        core.emit(.punct, start, i)
    }

    /// The length of the operator at `k` of `input`'s bytes: the longest of `operators`, but `a?.5:1` is a
    /// ternary with `.5`, not optional chaining.
    @inline(__always) private static func operatorLength(_ input: LexerCore, _ operators: PunctTable, at k: Int) -> Int {
        let length = operators.length(input.b, at: k)
        if length == 2, input.b[k] == ASCII.question, input.b[k + 1] == ASCII.dot, input.isDigit(k + 2) { return 1 }
        return length
    }

    private mutating func scanBlockComment() {
        let start = i
        var j = i + 2
        // From `*` to `*` until one is followed by `/` (the last byte cannot start a closer).
        while true {
            j = VectorSearch.firstOf(ASCII.star, ASCII.star, ASCII.star, ASCII.star, in: b, from: j, to: n - 1)
            if j + 1 >= n || b[j + 1] == ASCII.slash { break }
            j += 1
        }
        if j + 1 < n {
            i = j + 2
        } else {
            notes.problem(start, "unterminated block comment")
            i = n
        }
        notes.comments.append(start..<i)
    }

    private mutating func scanQuoted() {
        let start = i
        let quote = b[i]
        var j = i + 1
        while j < n {
            j = VectorSearch.firstOf(ASCII.backslash, quote, ASCII.lf, ASCII.cr, in: b, from: j, to: n)
            guard j < n else { break }
            let c = b[j]
            if c == ASCII.backslash {
                j += 2
                if j - 1 < n, b[j - 1] == ASCII.cr, j < n, b[j] == ASCII.lf { j += 1 }
                continue
            }
            if c == quote {
                i = j + 1
                core.emit(.string, start, i, content: (start + 1)..<j)
                return
            }
            if c == ASCII.lf || c == ASCII.cr { break }
            j += 1
        }
        let end = min(j, n)
        notes.problem(start, "unterminated string literal")
        i = end
        core.emit(.string, start, end, .unterminated, content: (start + 1)..<end)
    }

    // MARK: - Regex or division

    private static let expressionKeywords: [StaticString] = [
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await",
        "instanceof", "extends",
    ]

    /// The previous significant token (line ends skipped) decides: an operand before `/` means division.
    private func previousSignificant() -> Token? {
        var k = core.tokens.count - 1
        while k >= 0, core.tokens[k].kind == .newline { k -= 1 }
        return k >= 0 ? core.tokens[k] : nil
    }

    private func regexAllowed() -> Bool {
        guard let last = previousSignificant() else { return true }
        switch last.kind {
        case .number, .string, .stringTail, .regex, .symbol: return false
        case .identifier:
            let s = Int(last.start), e = Int(last.end)
            if s > 0, b[s - 1] == ASCII.dot { return false }  // `a.return / 2`
            for word in JavaScriptScanner.expressionKeywords where core.spells(s, e, word) { return true }
            return false
        case .punct:
            let s = Int(last.start), e = Int(last.end)
            if e - s == 1 { let c = b[s]; return !(c == ASCII.rparen || c == ASCII.rbracket || c == ASCII.rbrace) }
            return !(core.spells(s, e, "++") || core.spells(s, e, "--"))
        default: return true
        }
    }

    private mutating func regexEndGuarded(from k: Int) -> Int? {
        if regexFailures >= 32 { return nil }
        if let end = regexEnd(from: k) { return end }
        regexFailures += 1
        return nil
    }

    /// End of a regex literal body starting at `k` (after the opening `/`), flags included; nil when
    /// the line ends first (then `/` was an operator after all).
    private func regexEnd(from k: Int) -> Int? {
        var j = k
        var inClass = false
        while j < n {
            let c = b[j]
            if c == ASCII.lf || c == ASCII.cr { return nil }
            if c == ASCII.backslash { j += 2; continue }
            if c == ASCII.lbracket { inClass = true } else if c == ASCII.rbracket { inClass = false } else if c == ASCII.slash && !inClass {
                j += 1
                while j < n, core.isIdentContinue(j) { j += 1 }
                return j
            }
            j += 1
        }
        return nil
    }

    // MARK: - Template literals

    private mutating func emitTemplateEnd(_ f: JSFrame, end: Int, contentEnd: Int, extra: TokenFlags) {
        core.emit(f.hasHoles ? .stringTail : .string, f.partStart, end, extra, content: f.contentStart..<max(f.contentStart, contentEnd))
    }

    private mutating func scanTemplateText() {
        var f = stack[stack.count - 1]
        var j = i
        while j < n {
            j = VectorSearch.firstOf(ASCII.backslash, ASCII.backtick, ASCII.dollar, ASCII.dollar, in: b, from: j, to: n)
            guard j < n else { break }
            let c = b[j]
            if c == ASCII.backslash { j += 2; continue }
            if c == ASCII.backtick {
                stack.removeLast()
                emitTemplateEnd(f, end: j + 1, contentEnd: j, extra: [])
                i = j + 1
                return
            }
            if c == ASCII.dollar && j + 1 < n && b[j + 1] == ASCII.lbrace {
                core.emit(f.hasHoles ? .stringMiddle : .stringHead, f.partStart, j + 2, content: f.contentStart..<j)
                f.hasHoles = true
                stack[stack.count - 1] = f
                i = j + 2
                push(JSFrame(kind: .code))
                return
            }
            j += 1
        }
        stack.removeLast()
        notes.problem(f.literalStart, "unterminated template literal")
        emitTemplateEnd(f, end: n, contentEnd: n, extra: .unterminated)
        i = n
    }

    // MARK: - JSX

    /// A `<` starts JSX where an expression may start and a tag name or `>` follows; TypeScript
    /// generic arrows (`<T,>(x) =>`, `<T extends U>`) and primitive-type assertions are not elements.
    private func jsxAllowed(at i: Int) -> Bool {
        let next = core.at(i + 1)
        guard next == ASCII.gt || core.isIdentStart(i + 1) else { return false }
        if let last = previousSignificant() {
            let s = Int(last.start), e = Int(last.end)
            switch last.kind {
            case .punct:
                let ok = ["(", "=", ",", "?", ":", "=>", "{", "&&", "||", "[", "??", "}", "!"] as [StaticString]
                guard ok.contains(where: { core.spells(s, e, $0) }) else { return false }
                // `}` only when it closes a JSX expression container (`{a}<b/>` is rare otherwise).
                if core.spells(s, e, "}") && !(stack.last?.kind == .jsxChildren) { return false }
            case .identifier:
                guard core.spells(s, e, "return") || core.spells(s, e, "yield") || core.spells(s, e, "default") else { return false }
            case .stringHead, .stringMiddle:
                break
            default:
                return false
            }
        }
        if next == ASCII.gt { return true }
        let nameEnd = identifierEnd(from: i + 1)
        var k = nameEnd
        while k < n, core.isSpace(k) || b[k] == ASCII.lf || b[k] == ASCII.cr { k += 1 }
        if k < n, b[k] == ASCII.comma { return false }
        if core.matches(k, "extends"), !core.isIdentContinue(k + 7) { return false }
        if k < n, b[k] == ASCII.gt {
            for word in ["any", "string", "number", "boolean", "unknown", "never", "object", "void"] as [StaticString]
            where core.spells(i + 1, nameEnd, word) { return false }
        }
        return true
    }

    /// Inside `<tag …>` or `</tag>`: names, `=`, attribute strings, `{…}` containers, `>` and `/>`.
    private mutating func scanJSXTag() {
        let start = i
        let c = b[i]
        if core.isSpace(i) || c == ASCII.lf || c == ASCII.cr {
            i += 1
            core.pending.insert(.spaceBefore)
            return
        }
        if core.isIdentStart(i) || c == ASCII.dollar {
            // JSX names may hold `-` (`data-key`, `aria-label`).
            var j = identifierEnd(from: i + 1)
            while j < n, b[j] == ASCII.minus { j = identifierEnd(from: j + 1) }
            i = j
            core.emit(.identifier, start, i)
            return
        }
        switch c {
        case ASCII.squote, ASCII.dquote:
            var j = i + 1
            while j < n, b[j] != c { j += 1 }
            if j < n {
                i = j + 1
                core.emit(.string, start, i, .raw, content: (start + 1)..<j)
            } else {
                notes.problem(start, "unterminated JSX attribute string")
                i = n
                core.emit(.string, start, n, [.raw, .unterminated], content: (start + 1)..<n)
            }
        case ASCII.lbrace:
            emitPunct(length: 1)
            push(JSFrame(kind: .code))
        case ASCII.slash where core.at(i + 1) == ASCII.gt:
            emitPunct(length: 2)
            stack.removeLast()  // self-closing element: no children
        case ASCII.slash where core.at(i + 1) == ASCII.slash || core.at(i + 1) == ASCII.star:
            if core.at(i + 1) == ASCII.star { scanBlockComment() } else {
                i = core.lineEnd(from: i)
                notes.comments.append(start..<i)
            }
        case ASCII.lt where stack[stack.count - 1].kind == .jsxTag:
            // TSX type arguments on the element (`<PaginatedList<OAuthClient> items={…} />`).
            stack[stack.count - 1].typeArguments += 1
            emitPunct(length: 1)
        case ASCII.eq where core.at(i + 1) == ASCII.gt && stack[stack.count - 1].typeArguments > 0:
            emitPunct(length: 2)  // a function type inside type arguments: `<List<() => void>>`
        case ASCII.gt where stack[stack.count - 1].typeArguments > 0:
            stack[stack.count - 1].typeArguments -= 1
            emitPunct(length: 1)
        case ASCII.gt:
            emitPunct(length: 1)
            if stack[stack.count - 1].kind == .jsxClosingTag {
                stack.removeLast()
            } else {
                stack[stack.count - 1] = JSFrame(kind: .jsxChildren)
            }
        default:
            emitPunct(length: 1)
        }
    }

    /// Element children: text (one raw `.string` token per run), `{…}` containers, nested elements and
    /// the closing tag.
    private mutating func scanJSXChildren() {
        let start = i
        var j = i
        while j < n, b[j] != ASCII.lt, b[j] != ASCII.lbrace { j += 1 }
        if j > start {
            var k = start
            while k < j, core.isSpace(k) || b[k] == ASCII.lf || b[k] == ASCII.cr { k += 1 }
            if k < j { core.emit(.string, start, j, .raw) }
            i = j
            return
        }
        if b[i] == ASCII.lbrace {
            emitPunct(length: 1)
            push(JSFrame(kind: .code))
            return
        }
        // `<`: a closing tag ends these children; anything else opens a nested element.
        if core.at(i + 1) == ASCII.slash {
            stack.removeLast()
            push(JSFrame(kind: .jsxClosingTag))
            emitPunct(length: 2)
        } else {
            push(JSFrame(kind: .jsxTag))
            emitPunct(length: 1)
        }
    }
}
