/// The Ruby lexer: every literal and comment form, so that nothing inside a string, heredoc, regex,
/// `%` literal or comment is ever read as code.
///
/// Interpolating literals (`"…"`, `` `…` ``, `%Q`, `%()`, `%x`, non-quoted and `"` heredocs) are split
/// around their `#{…}` holes into head/middle/tail tokens and the code inside is lexed normally.
/// Regexes, symbols and word lists with interpolation are single tokens (their holes are skipped).
/// A heredoc's tokens are emitted where its opener stands; its body (on later lines) is skipped when
/// the lexer reaches the end of the opener's line.
public enum RubyLexer: HostLexer {
    public static func lex(_ bytes: [UInt8], splitFrom minimumBytes: Int) -> LexedFile {
        SplitLexing.lex(bytes, minimumBytes: minimumBytes, words: splitWords, part: part)
    }

    /// Top-level statements a split point prefers (`SplitLexing.splitPoint`).
    static let splitWords: [StaticString] = ["def", "class", "module", "require", "end"]

    /// One part of a file (`SplitLexing`).
    static let part: SplitLexing.PartLexer = { buffer, start, stop in
        LexerCore.lex(buffer, from: start) { core, notes in
            var scanner = RubyScanner(core)
            let stopped = scanner.run(from: start, stoppingAt: stop)
            swap(&notes, &scanner.notes)
            return (scanner.core, stopped)
        }
    }

    public static func decode(_ token: Token, in bytes: [UInt8]) -> DecodedString {
        let content = token.contentRange
        let lower = Int(token.start)
        let isHeredocOpener = lower + 1 < bytes.count && bytes[lower] == ASCII.lt && bytes[lower + 1] == ASCII.lt
            && token.flags.contains(.multiline)
        var style: EscapeStyle = .ruby
        if token.flags.contains(.raw) {
            if isHeredocOpener || token.flags.contains(.multiline) {
                style = .none
            } else {
                let open = content.lowerBound > 0 && content.lowerBound <= bytes.count ? bytes[content.lowerBound - 1] : ASCII.squote
                let close = content.upperBound < bytes.count ? bytes[content.upperBound] : open
                style = .rubySingle(open: open, close: close)
            }
        }
        let atLineStart = StringDecoding.isLineStart(bytes, content.lowerBound)
        var indent = 0
        if token.flags.contains(.multiline) {
            // Squiggly heredocs (`<<~`) lose their common indentation. Only the opener token (whole
            // heredoc or head) tells us the heredoc is squiggly; later parts use their own lines.
            let squiggly = isHeredocOpener && lower + 2 < bytes.count && bytes[lower + 2] == ASCII.tilde
            if squiggly { indent = StringDecoding.minimumIndent(bytes, content, startsAtLineStart: atLineStart) }
        }
        return StringDecoding.decode(bytes, content, style: style, stripIndent: indent, startsAtLineStart: atLineStart)
    }
}

/// One level of the lexer's explicit nesting stack: interpolation code or an interpolating literal.
private struct RubyFrame {
    var isCode: Bool
    /// Code frames: `{` opened inside the interpolation and not yet closed.
    var braces: Int = 0
    // Literal frames.
    var literalStart: Int = 0
    var partStart: Int = 0        // where the current part's token starts (opener, or the `}` of a hole)
    var openerEnd: Int = -1       // heredocs: end of `<<~ID`, the whole/head token's end
    var contentStart: Int = 0
    var open: UInt8 = 0
    var close: UInt8 = 0
    var isHeredoc = false
    var nest: Int = 0
    var hasHoles: Bool = false
    var flags: TokenFlags = []
    // Heredoc frames.
    var idStart: Int = 0
    var idEnd: Int = 0
    var indentedTerminator: Bool = false
    var atLineStart: Bool = false
    var savedPendingLineEnd: Int = -1
    var savedResume: Int = 0

    static func code() -> RubyFrame { RubyFrame(isCode: true) }
}

private let rubyOperators = PunctTable([
    "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "**", "==", "!=", ">=", "<=", "&&", "||", "<<", ">>",
    "=~", "!~", "::", "..", "&.", "=>", "->", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=",
])

struct RubyScanner {
    var core: LexerCore
    var notes = LexerNotes()
    var i = 0
    /// A local copy: reading the global on every operator would go through its lazy initialiser.
    private let operators = rubyOperators
    private var stack: [RubyFrame] = []
    /// The line end after which pending heredoc bodies start (-1: none pending), and where code resumes
    /// once those bodies are skipped.
    private var pendingLineEnd = -1
    private var heredocResume = 0
    /// Set once a heredoc runs to end of file: later openers cannot have bodies (keeps lexing linear).
    private var heredocHitEOF = false
    private var lineEndCacheFrom = -1
    private var lineEndCache = -1

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
        atLineStartChecks()
        while i < n {
            if i >= self.stop {
                if i == self.stop && isFreshAtLineStart { return true }
                self.stop = Int.max
            }
            if !stack.isEmpty && !stack[stack.count - 1].isCode {
                scanLiteralFrame()
            } else {
                scanCode()
            }
        }
        // Unclosed interpolations and literals at end of file.
        var holeOpen = false
        while var top = stack.popLast() {
            if !top.isCode {
                notes.problem(top.literalStart, top.isHeredoc ? "unterminated heredoc" : "unterminated string literal")
                // Inside an unclosed `#{`: its head and the hole's tokens are out already, so the
                // tail is empty at the end of file (not from the opener, before tokens already out).
                if holeOpen { top.partStart = n; top.contentStart = n }
                finishLiteral(top, end: n, contentEnd: n, extra: .unterminated)
            }
            holeOpen = top.isCode
        }
        return false
    }

    /// At a line start outside literals and holes, with no heredoc body pending or run to the end of the
    /// file, and a name first (`=begin`, `__END__` and every question read from the tokens before,
    /// regex or division, heredoc or shift, need another byte there): from here on, a fresh lexer does
    /// what this one does.
    private var isFreshAtLineStart: Bool {
        stack.isEmpty && pendingLineEnd == -1 && !heredocHitEOF && core.pending == [.lineStart] && core.isLetter(i)
    }

    // MARK: - Code

    /// Scans code tokens from `i`. Spaces, names, numbers and plain operators change no frame (what
    /// `run` chooses by), so the tokens after them are scanned in this loop; everything else returns
    /// to `run`. (A call per token was a large share of the lexer's work.)
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
                // The token after the spaces is read here, not at the loop's head again: no space
                // follows a run of them.
                i = input.spacesEnd(from: i)
                core.pending.insert(.spaceBefore)
                guard i < n else { return }
                start = i
                c = b[i]
                cls = input.classes[Int(c)]
            }
            if cls & ByteClass.lineEnd != 0 {
                if i == pendingLineEnd {
                    _ = core.emitNewline(at: i)
                    i = heredocResume
                    pendingLineEnd = -1
                } else {
                    i = core.emitNewline(at: i)
                }
                // Only `=begin` and `__END__` need the checks: the call is made for their first bytes.
                if i < n, b[i] == ASCII.eq || b[i] == ASCII.underscore {
                    self.i = i
                    atLineStartChecks()
                    i = self.i
                }
                // `run` would only call back here: it needs the line start only where a split may stop.
                if i < stop { continue }
                return
            }
            if cls & ByteClass.identStart != 0 {
                i = input.identEnd(from: i &+ 1)  // the first byte is a name byte
                // Method names may end in `?` or `!` (`empty?`, `save!`), but not `!=` / `?=`.
                if i < n, b[i] == ASCII.question || b[i] == ASCII.bang {
                    let next = input.at(i + 1)
                    if (next != ASCII.eq || input.at(i + 2) == ASCII.eq) && next != ASCII.tilde {
                        // `x ?a :b` style ternaries need a space; `foo?` followed by `:` is ambiguous, keep the name.
                        if !(b[i] == ASCII.question && next == ASCII.colon && input.at(i + 2) == ASCII.colon) { i += 1 }
                    }
                }
                core.emit(.identifier, start, i)
                continue
            }
            if cls & ByteClass.digit != 0 {
                i = input.numberEnd(from: i)
                core.emit(.number, start, i)
                continue
            }
            // Comments, single-quoted strings, sigil names and braces that close no hole open or close
            // no frame and cannot end at a line start (where `run` may stop): the loop goes on.
            switch c {
            case ASCII.hash:
                i = input.lineEnd(from: i)
                notes.comments.append(start..<i)
                continue
            case ASCII.backslash where i + 1 < n && (b[i + 1] == ASCII.lf || b[i + 1] == ASCII.cr):
                // Line continuation: no newline token.
                i = input.afterLineEnd(i + 1)
                if pendingLineEnd >= 0 && i - 1 >= pendingLineEnd && start < pendingLineEnd { i = heredocResume; pendingLineEnd = -1 }
                core.pending.insert(.spaceBefore)
            case ASCII.dquote, ASCII.backtick:
                self.i = i
                pushLiteral(start: start, contentStart: i + 1, open: c, close: c)
                i += 1
            case ASCII.squote:
                scanWhole(kind: .string, start: start, contentStart: i + 1, open: c, close: c, interpolating: false, extra: .raw)
                i = self.i
                continue
            case ASCII.at, ASCII.dollar:
                i = scanSigilName(at: i)
                continue
            case ASCII.colon:
                self.i = i
                scanColon()
                i = self.i
            case ASCII.slash where regexAllowed(at: i):
                scanWhole(kind: .regex, start: start, contentStart: i + 1, open: c, close: c, interpolating: true, extra: [])
                consumeRegexOptions()
                fixLastEnd()
                i = self.i
            case ASCII.percent where percentLiteralAllowed(at: i):
                self.i = i
                scanPercentLiteral()
                i = self.i
            case ASCII.lt where i + 1 < n && b[i + 1] == ASCII.lt && heredocAllowed(at: i):
                self.i = i
                if !scanHeredocOpener() { emitPunct() }
                i = self.i
            case ASCII.question where charLiteralAllowed(at: i):
                i = min(n, i + 1 + charLiteralLength(at: i))
                core.emit(.symbol, start, i)
            case ASCII.lbrace:
                if !stack.isEmpty { stack[stack.count - 1].braces += 1 }
                core.emitBracket(at: i)
                i += 1
                continue
            case ASCII.rbrace:
                if let top = stack.last, top.isCode {
                    if top.braces == 0 {
                        stack.removeLast()
                        // Back in the literal: the next part starts at this `}`.
                        stack[stack.count - 1].partStart = i
                        stack[stack.count - 1].contentStart = i + 1
                        stack[stack.count - 1].atLineStart = false
                        i += 1
                        return
                    }
                    stack[stack.count - 1].braces -= 1
                }
                core.emitBracket(at: i)
                i += 1
                continue
            default:
                i = core.emitOperator(at: i, operators)
                continue
            }
            return
        }
    }

    @inline(__always) private mutating func emitPunct() {
        i = core.emitOperator(at: i, operators)
    }

    /// `=begin`…`=end` comments and `__END__` only count at the very start of a line.
    private mutating func atLineStartChecks() {
        guard i < n else { return }
        if b[i] == ASCII.eq, core.matches(i, "=begin"), isWordEnd(i + 6) {
            let start = i
            var j = core.lineEnd(from: i)
            var closed = false
            while j < n {
                j = core.afterLineEnd(j)
                if core.matches(j, "=end"), isWordEnd(j + 4) {
                    j = core.lineEnd(from: j)
                    closed = true
                    break
                }
                j = core.lineEnd(from: j)
            }
            if !closed { notes.problem(start, "unterminated =begin comment") }
            i = min(j, n)
            notes.comments.append(start..<i)
        } else if b[i] == ASCII.underscore, core.matches(i, "__END__"),
                  i + 7 == n || b[i + 7] == ASCII.lf || b[i + 7] == ASCII.cr {
            // Everything after `__END__` is data, not code.
            i = n
        }
    }

    private func isWordEnd(_ k: Int) -> Bool {
        k >= n || core.isSpace(k) || b[k] == ASCII.lf || b[k] == ASCII.cr
    }

    /// `@ivar`, `@@cvar`, `$global`, `$1`, `$!`: identifiers including their sigil (at `start`);
    /// a lone sigil is an operator. Returns where the token ends.
    private mutating func scanSigilName(at start: Int) -> Int {
        var j = start + 1
        var end: Int
        if b[start] == ASCII.at, j < n, b[j] == ASCII.at { j += 1 }
        if core.isIdentStart(j) {
            end = core.identEnd(from: j)
        } else if b[start] == ASCII.dollar, j < n, core.isDigit(j) {
            end = j
            while end < n, core.isDigit(end) { end += 1 }
        } else if b[start] == ASCII.dollar, j < n, b[j] > 0x20, b[j] < 0x7F {
            end = j + 1  // special globals: `$!`, `$~`, `$0`, `$:`, …
        } else {
            return core.emitOperator(at: start, operators)
        }
        core.emit(.identifier, start, end)
        return end
    }

    // MARK: - What the previous token says about the next

    private enum Previous { case operatorOrStart, operand, ambiguousName }

    private func previous() -> Previous {
        guard let last = core.tokens.last else { return .operatorOrStart }
        switch last.kind {
        case .newline, .indent, .dedent, .stringHead, .stringMiddle: return .operatorOrStart
        case .number, .string, .stringTail, .symbol, .regex: return .operand
        case .punct:
            let c = b[Int(last.start)]
            if last.end - last.start == 1, c == ASCII.rparen || c == ASCII.rbracket || c == ASCII.rbrace { return .operand }
            return .operatorOrStart
        case .identifier:
            let s = Int(last.start), e = Int(last.end)
            if s > 0, b[s - 1] == ASCII.dot { return .ambiguousName }  // method call: `x.split /,/`
            let c = b[s]
            if c == ASCII.at || c == ASCII.dollar { return .operand }
            for word in RubyScanner.valueKeywords where core.spells(s, e, word) { return .operatorOrStart }
            for word in RubyScanner.operandKeywords where core.spells(s, e, word) { return .operand }
            // Local variables and constants are operands; a bare method name may take an argument. A
            // capitalised name opening a statement is a method call (Cucumber's `When /^I…$/ do`).
            if c >= 0x41 && c <= 0x5A && !last.flags.contains(.lineStart) { return .operand }
            return .ambiguousName
        }
    }

    private static let valueKeywords: [StaticString] = [
        "if", "unless", "while", "until", "return", "and", "or", "not", "when", "in", "case", "elsif", "then",
        "do", "else", "yield", "begin", "break", "next", "rescue", "ensure", "puts", "print", "p", "raise",
    ]
    private static let operandKeywords: [StaticString] = ["end", "self", "nil", "true", "false", "__FILE__", "__LINE__"]

    /// After an ambiguous name, a literal opener counts only when spaced before and not after
    /// (`split /,/` is a regex; `x / y` and `x/y` divide).
    private func spacedArgument(at i: Int) -> Bool {
        core.pending.contains(.spaceBefore) && i + 1 < n && !core.isSpace(i + 1) && b[i + 1] != ASCII.eq
            && b[i + 1] != ASCII.lf && b[i + 1] != ASCII.cr
    }

    private func regexAllowed(at i: Int) -> Bool {
        switch previous() {
        case .operatorOrStart: return true
        case .operand: return false
        case .ambiguousName: return spacedArgument(at: i)
        }
    }

    private func percentLiteralAllowed(at i: Int) -> Bool {
        guard i + 1 < n else { return false }
        let next = b[i + 1]
        var delimiter = next
        if "qQwWiIrxs".utf8.contains(next) {
            guard i + 2 < n else { return false }
            delimiter = b[i + 2]
            if core.isIdentContinue(i + 2) && delimiter < 0x80 { return false }
        } else if core.isIdentContinue(i + 1) {
            return false
        }
        if delimiter <= ASCII.space || delimiter >= 0x7F {
            return false
        }
        switch previous() {
        case .operatorOrStart: return delimiter != ASCII.eq || next != ASCII.eq
        case .operand: return false
        case .ambiguousName: return spacedArgument(at: i)
        }
    }

    private func heredocAllowed(at i: Int) -> Bool {
        let k = i + 2
        guard k < n else { return false }
        let c = b[k]
        let looksLikeOpener: Bool
        if c == ASCII.tilde || c == ASCII.minus {
            let d = core.at(k + 1)
            looksLikeOpener = d == ASCII.squote || d == ASCII.dquote || d == ASCII.backtick || core.isIdentStart(k + 1)
        } else {
            looksLikeOpener = c == ASCII.squote || c == ASCII.dquote || c == ASCII.backtick || core.isIdentStart(k)
        }
        guard looksLikeOpener else { return false }
        switch previous() {
        case .operatorOrStart:
            // `class << self` is the singleton-class operator.
            if let last = core.tokens.last, last.kind == .identifier, core.spells(Int(last.start), Int(last.end), "class") { return false }
            return true
        case .operand: return false
        case .ambiguousName: return core.pending.contains(.spaceBefore)
        }
    }

    private func charLiteralAllowed(at i: Int) -> Bool {
        guard i + 1 < n else { return false }
        let next = b[i + 1]
        if next == ASCII.space || next == ASCII.tab || next == ASCII.lf || next == ASCII.cr { return false }
        switch previous() {
        case .operand: return false
        case .ambiguousName: if !spacedArgument(at: i) { return false }
        case .operatorOrStart: break
        }
        // `?a` must be one character: the next byte cannot continue an identifier.
        let length = charLiteralLength(at: i)
        return !(core.isIdentContinue(i + 1 + length) && core.at(i + 1 + length) < 0x80 && core.isIdentContinue(i + 1))
    }

    private func charLiteralLength(at i: Int) -> Int {
        let c = b[i + 1]
        if c == ASCII.backslash { return i + 2 < n ? 2 : 1 }
        if c < 0x80 { return 1 }
        var length = 1
        while i + 1 + length < n, b[i + 1 + length] & 0xC0 == 0x80, length < 4 { length += 1 }
        return length
    }

    // MARK: - Symbols

    private mutating func scanColon() {
        let start = i
        let next = core.at(i + 1)
        if next == ASCII.colon {
            emitPunct()
            return
        }
        // `name:` labels and `"str":` keys: the colon right after a name/string is punctuation.
        if let last = core.tokens.last, Int(last.end) == i,
           last.kind == .identifier || last.kind == .string || last.kind == .stringTail {
            emitPunct()
            return
        }
        if i + 1 < n, next == ASCII.dquote || next == ASCII.squote {
            scanWhole(kind: .symbol, start: start, contentStart: i + 2, open: next, close: next,
                      interpolating: next == ASCII.dquote, extra: next == ASCII.squote ? .raw : [], skipFirst: 2)
            return
        }
        if core.isIdentStart(i + 1) {
            i = core.identEnd(from: i + 1)
            if i < n, b[i] == ASCII.question || b[i] == ASCII.bang || (b[i] == ASCII.eq && core.at(i + 1) != ASCII.eq
                && core.at(i + 1) != ASCII.gt && core.at(i + 1) != ASCII.tilde) {
                i += 1
            }
            core.emit(.symbol, start, i)
            return
        }
        if next == ASCII.at || next == ASCII.dollar {
            i = scanSigilName(at: i + 1)
            core.tokens[core.tokens.count - 1].start = Int32(start)
            core.tokens[core.tokens.count - 1].contentStart = Int32(start)
            core.tokens[core.tokens.count - 1].kind = .symbol
            return
        }
        // Operator symbols: `:+`, `:[]=`, `:<=>`, `:!`.
        for op in RubyScanner.operatorSymbols where core.matches(i + 1, op) {
            i += 1 + op.utf8CodeUnitCount
            core.emit(.symbol, start, i)
            return
        }
        emitPunct()
    }

    private static let operatorSymbols: [StaticString] = [
        "[]=", "[]", "<=>", "===", "==", "=~", "!~", "!=", "**", "+@", "-@", "<<", ">>", "<=", ">=",
        "+", "-", "*", "/", "%", "<", ">", "!", "~", "^", "&", "|",
    ]

    // MARK: - Whole literals (no tokens inside)

    /// Scans a literal from `i` to its closing delimiter and emits it as one token. Interpolations are
    /// skipped with a small explicit stack (strings inside them may hold the closing delimiter).
    private mutating func scanWhole(kind: TokenKind, start: Int, contentStart: Int, open: UInt8, close: UInt8,
                                    interpolating: Bool, extra: TokenFlags, skipFirst: Int = 1) {
        let (closeAt, closed) = findClose(from: start + skipFirst, open: open, close: close, interpolating: interpolating)
        var flags = extra
        if !closed {
            flags.insert(.unterminated)
            notes.problem(start, kind == .regex ? "unterminated regular expression" : "unterminated literal")
        }
        i = closed ? closeAt + 1 : n
        core.emit(kind, start, i, flags, content: contentStart..<min(closeAt, n))
    }

    /// Index of the closing delimiter (nesting brackets counted) or `n` when there is none.
    private mutating func findClose(from j0: Int, open: UInt8, close: UInt8, interpolating: Bool) -> (Int, Bool) {
        var j = j0
        var nest = 0
        var holes: [UInt8] = []  // `{` for interpolation code, a quote byte for a string inside it
        while j < n {
            let c = b[j]
            if c == ASCII.lf || c == ASCII.cr, j == pendingLineEnd {
                j = heredocResume
                pendingLineEnd = -1
                continue
            }
            if holes.isEmpty {
                if c == ASCII.backslash { j += 2; continue }
                if c == close {
                    if nest == 0 { return (j, true) }
                    nest -= 1
                } else if c == open && open != close {
                    nest += 1
                } else if interpolating && c == ASCII.hash && core.at(j + 1) == ASCII.lbrace {
                    holes.append(ASCII.lbrace)
                    j += 2
                    continue
                }
                j += 1
                continue
            }
            let top = holes[holes.count - 1]
            if top == ASCII.lbrace {
                switch c {
                case ASCII.lbrace: holes.append(ASCII.lbrace)
                case ASCII.rbrace: holes.removeLast()
                case ASCII.dquote, ASCII.squote, ASCII.backtick: holes.append(c)
                case ASCII.hash: j = core.lineEnd(from: j); continue
                default: break
                }
            } else {
                if c == ASCII.backslash { j += 2; continue }
                if c == top {
                    holes.removeLast()
                } else if top != ASCII.squote && c == ASCII.hash && core.at(j + 1) == ASCII.lbrace {
                    holes.append(ASCII.lbrace)
                    j += 2
                    continue
                }
            }
            if holes.count > LexLimits.maxNesting {
                notes.problem(j, "interpolation nested too deeply")
                holes.removeAll()
            }
            j += 1
        }
        return (n, false)
    }

    private mutating func consumeRegexOptions() {
        while i < n, "imxounse".utf8.contains(b[i]) { i += 1 }
    }

    /// Extends the last token to `i` (regex options after the closing delimiter).
    private mutating func fixLastEnd() {
        core.tokens[core.tokens.count - 1].end = Int32(i)
    }

    // MARK: - Percent literals

    private mutating func scanPercentLiteral() {
        let start = i
        var type: UInt8 = ASCII.dquote  // bare `%()` is `%Q()`
        var d = i + 1
        if "qQwWiIrxs".utf8.contains(b[d]) { type = b[d]; d += 1 }
        let open = b[d]
        let close: UInt8
        switch open {
        case ASCII.lparen: close = ASCII.rparen
        case ASCII.lbracket: close = ASCII.rbracket
        case ASCII.lbrace: close = ASCII.rbrace
        case ASCII.lt: close = ASCII.gt
        default: close = open
        }
        i = d
        switch type {
        case 0x71:  // q
            scanWhole(kind: .string, start: start, contentStart: d + 1, open: open, close: close, interpolating: false, extra: .raw, skipFirst: d + 1 - start)
        case 0x77, 0x69:  // w i
            scanWhole(kind: .string, start: start, contentStart: d + 1, open: open, close: close, interpolating: false, extra: [.raw, .wordList], skipFirst: d + 1 - start)
        case 0x57, 0x49:  // W I
            scanWhole(kind: .string, start: start, contentStart: d + 1, open: open, close: close, interpolating: true, extra: .wordList, skipFirst: d + 1 - start)
        case 0x73:  // s
            scanWhole(kind: .symbol, start: start, contentStart: d + 1, open: open, close: close, interpolating: false, extra: .raw, skipFirst: d + 1 - start)
        case 0x72:  // r
            scanWhole(kind: .regex, start: start, contentStart: d + 1, open: open, close: close, interpolating: true, extra: [], skipFirst: d + 1 - start)
            consumeRegexOptions()
            fixLastEnd()
        default:  // Q, x, bare
            pushLiteral(start: start, contentStart: d + 1, open: open, close: close)
            i = d + 1
        }
    }

    // MARK: - Interpolating literals

    private mutating func pushLiteral(start: Int, contentStart: Int, open: UInt8, close: UInt8) {
        var frame = RubyFrame(isCode: false)
        frame.literalStart = start
        frame.partStart = start
        frame.contentStart = contentStart
        frame.open = open
        frame.close = close
        push(frame)
    }

    private mutating func push(_ frame: RubyFrame) {
        if stack.count >= LexLimits.maxNesting {
            notes.problem(i, "literals and interpolations nested too deeply")
            // Flatten: forget the outer levels so the stack stays bounded; lexing goes on.
            stack.removeAll()
        }
        stack.append(frame)
    }

    /// Emits the last (or only) part of a literal.
    private mutating func finishLiteral(_ frame: RubyFrame, end: Int, contentEnd: Int, extra: TokenFlags) {
        let kind: TokenKind = frame.hasHoles ? .stringTail : .string
        var tokenEnd = end
        if frame.openerEnd >= 0 && !frame.hasHoles { tokenEnd = frame.openerEnd }
        core.emit(kind, frame.partStart, tokenEnd, frame.flags.union(extra), content: frame.contentStart..<max(frame.contentStart, contentEnd))
    }

    private mutating func scanLiteralFrame() {
        var f = stack[stack.count - 1]
        let isHeredoc = f.isHeredoc
        var j = i
        while j < n {
            if isHeredoc && f.atLineStart {
                if let terminatorEnd = heredocTerminator(at: j, f) {
                    stack.removeLast()
                    finishLiteral(f, end: terminatorEnd, contentEnd: j, extra: [])
                    endHeredoc(f, bodyEnd: terminatorEnd)
                    return
                }
                f.atLineStart = false
            }
            let c = b[j]
            if c == ASCII.backslash {
                j += 2
                if j - 1 < n, b[j - 1] == ASCII.lf || b[j - 1] == ASCII.cr {
                    if b[j - 1] == ASCII.cr && j < n && b[j] == ASCII.lf { j += 1 }
                    f.atLineStart = true
                }
                continue
            }
            if c == ASCII.lf || c == ASCII.cr {
                if !isHeredoc && j == pendingLineEnd {
                    j = heredocResume
                    pendingLineEnd = -1
                    continue
                }
                j = core.afterLineEnd(j)
                f.atLineStart = true
                continue
            }
            if c == ASCII.hash && j + 1 < n && b[j + 1] == ASCII.lbrace && !f.flags.contains(.raw) {
                core.emit(f.hasHoles ? .stringMiddle : .stringHead, f.partStart,
                          f.hasHoles || f.openerEnd < 0 ? j + 2 : f.openerEnd, f.flags, content: f.contentStart..<j)
                f.hasHoles = true
                stack[stack.count - 1] = f
                i = j + 2
                push(.code())
                return
            }
            if !isHeredoc {
                if c == f.close {
                    if f.nest == 0 {
                        stack.removeLast()
                        finishLiteral(f, end: j + 1, contentEnd: j, extra: [])
                        i = j + 1
                        return
                    }
                    f.nest -= 1
                } else if c == f.open && f.open != f.close {
                    f.nest += 1
                }
            }
            j += 1
        }
        // End of file inside the literal.
        stack.removeLast()
        notes.problem(f.literalStart, isHeredoc ? "unterminated heredoc" : "unterminated string literal")
        finishLiteral(f, end: n, contentEnd: n, extra: .unterminated)
        if isHeredoc {
            heredocHitEOF = true
            endHeredoc(f, bodyEnd: n)
        } else {
            i = n
        }
    }

    // MARK: - Heredocs

    /// Parses `<<ID`, `<<-ID`, `<<~ID`, `<<~'ID'`, `<<~"ID"` at `i`; lexes the body (found after the
    /// opener's line, or after the previous heredoc on that line) and returns to the opener line.
    private mutating func scanHeredocOpener() -> Bool {
        let start = i
        var j = i + 2
        var indented = false
        var squiggly = false
        if b[j] == ASCII.tilde || b[j] == ASCII.minus {
            indented = true
            squiggly = b[j] == ASCII.tilde
            j += 1
        }
        var idStart: Int, idEnd: Int
        var quote: UInt8 = 0
        if j < n, b[j] == ASCII.squote || b[j] == ASCII.dquote || b[j] == ASCII.backtick {
            quote = b[j]
            idStart = j + 1
            idEnd = idStart
            // Identifiers are short; the bound keeps `<<"<<"<<"…` lines linear.
            while idEnd < n, idEnd - idStart < 256, b[idEnd] != quote, b[idEnd] != ASCII.lf, b[idEnd] != ASCII.cr { idEnd += 1 }
            guard idEnd < n, b[idEnd] == quote, idEnd > idStart else { return false }
            j = idEnd + 1
        } else {
            idStart = j
            idEnd = core.identEnd(from: j)
            guard idEnd > idStart else { return false }
            j = idEnd
        }
        _ = squiggly
        let openerEnd = j
        // Where the body starts: after this line, or after the bodies of earlier heredocs on it.
        let lineEnd = cachedLineEnd(from: openerEnd)
        let bodyStart: Int
        if pendingLineEnd == lineEnd {
            bodyStart = heredocResume
        } else {
            bodyStart = lineEnd < n ? core.afterLineEnd(lineEnd) : n
        }
        var frame = RubyFrame(isCode: false)
        frame.literalStart = start
        frame.partStart = start
        frame.openerEnd = openerEnd
        frame.contentStart = bodyStart
        frame.isHeredoc = true
        frame.flags = quote == ASCII.squote ? [.multiline, .raw] : .multiline
        frame.idStart = idStart
        frame.idEnd = idEnd
        frame.indentedTerminator = indented
        frame.atLineStart = true
        frame.savedPendingLineEnd = lineEnd
        frame.savedResume = openerEnd  // where code resumes after the body
        if heredocHitEOF || bodyStart >= n {
            notes.problem(start, "unterminated heredoc")
            core.emit(.string, start, openerEnd, frame.flags.union(.unterminated), content: n..<n)
            i = openerEnd
            return true
        }
        pendingLineEnd = -1
        i = bodyStart
        push(frame)
        return true
    }

    /// `core.lineEnd(from:)`, remembered: many openers on one long line must not rescan it each time.
    private mutating func cachedLineEnd(from k: Int) -> Int {
        if k >= lineEndCacheFrom && k <= lineEndCache { return lineEndCache }
        lineEndCacheFrom = k
        lineEndCache = core.lineEnd(from: k)
        return lineEndCache
    }

    /// End offset of the terminator line (without its line end) when the line at `j` closes the heredoc.
    private func heredocTerminator(at j: Int, _ f: RubyFrame) -> Int? {
        var k = j
        if f.indentedTerminator { while k < n, b[k] == ASCII.space || b[k] == ASCII.tab { k += 1 } }
        let length = f.idEnd - f.idStart
        guard k + length <= n else { return nil }
        for t in 0..<length where b[k + t] != b[f.idStart + t] { return nil }
        k += length
        if k < n, b[k] == ASCII.cr, k + 1 < n, b[k + 1] == ASCII.lf { return k }
        if k == n || b[k] == ASCII.lf || b[k] == ASCII.cr { return k }
        return nil
    }

    /// After a heredoc body: code resumes after the opener; the opener line's end skips past the body.
    private mutating func endHeredoc(_ f: RubyFrame, bodyEnd: Int) {
        pendingLineEnd = f.savedPendingLineEnd
        heredocResume = bodyEnd < n ? core.afterLineEnd(bodyEnd) : n
        i = f.savedResume
        if pendingLineEnd >= n { pendingLineEnd = -1 }
    }
}
