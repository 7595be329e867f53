/// The Swift lexer: nested block comments, `"…"`, `"""…"""`, raw strings with any number of `#`
/// (interpolation `\#(…)` there), interpolation `\(…)` split into head/middle/tail tokens with the
/// code inside lexed normally, bare `/…/` regex literals where an operator cannot stand, extended
/// `#/…/#` regexes, backtick identifiers, and `#if`/`#selector` as punct `#` plus identifier.
public enum SwiftLexer: HostLexer {
    public static func lex(_ bytes: [UInt8], splitFrom minimumBytes: Int) -> LexedFile {
        SplitLexing.lex(bytes, minimumBytes: minimumBytes, words: splitWords, part: part)
    }

    /// Top-level declarations a split point prefers (`SplitLexing.splitPoint`).
    static let splitWords: [StaticString] = ["func", "extension", "struct", "class", "enum", "final", "public", "private", "import", "let", "var"]

    /// One part of a file (`SplitLexing`).
    static let part: SplitLexing.PartLexer = { buffer, start, stop in
        LexerCore.lex(buffer, from: start) { core, notes in
            var scanner = SwiftScanner(core)
            let stopped = scanner.run(from: start, stoppingAt: stop)
            swap(&notes, &scanner.notes)
            return (scanner.core, stopped)
        }
    }

    public static func decode(_ token: Token, in bytes: [UInt8]) -> DecodedString {
        let content = token.contentRange
        let hashes = rawHashes(token, bytes)
        var indent = 0
        let atLineStart = StringDecoding.isLineStart(bytes, content.lowerBound)
        if token.flags.contains(.multiline) {
            if token.kind == .string || token.kind == .stringTail, !token.flags.contains(.unterminated) {
                // The closing delimiter's indentation is removed from every line.
                let close = Int(token.end) - 3 - hashes
                var k = close
                while k > 0, bytes[k - 1] == ASCII.space || bytes[k - 1] == ASCII.tab { k -= 1 }
                if k == 0 || bytes[k - 1] == ASCII.lf || bytes[k - 1] == ASCII.cr {
                    var width = 0
                    for j in k..<close { width = bytes[j] == ASCII.tab ? (width / 8 + 1) * 8 : width + 1 }
                    indent = width
                }
            } else {
                // Head/middle parts cannot see the closing delimiter: use their own lines' indentation.
                indent = StringDecoding.minimumIndent(bytes, content, startsAtLineStart: atLineStart)
            }
        }
        return StringDecoding.decode(bytes, content, style: .swift(hashes: hashes), stripIndent: indent, startsAtLineStart: atLineStart)
    }

    /// The number of `#` of a raw string, read from the part's own delimiters.
    static func rawHashes(_ token: Token, _ bytes: [UInt8]) -> Int {
        guard token.flags.contains(.raw) else { return 0 }
        var count = 0
        switch token.kind {
        case .stringHead, .stringMiddle:
            var k = Int(token.contentEnd) + 1  // after the `\` of `\#(`
            while k < bytes.count, bytes[k] == ASCII.hash { count += 1; k += 1 }
        default:
            if token.flags.contains(.unterminated) {
                var k = Int(token.start)
                while k < bytes.count, bytes[k] == ASCII.hash { count += 1; k += 1 }
            } else {
                var k = Int(token.end) - 1
                while k >= 0, bytes[k] == ASCII.hash { count += 1; k -= 1 }
            }
        }
        return count
    }
}

private struct SwiftFrame {
    var isCode: Bool
    var parens = 0
    var literalStart = 0
    var partStart = 0
    var contentStart = 0
    var hashes = 0
    var multiline = false
    var hasHoles = false
    var flags: TokenFlags = []
}

/// No `>>`/`>>=`: a `>` is always one token so nested generics close one by one.
private let swiftOperators = PunctTable([
    "...", "..<", "===", "!==", "<<=", "->", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "+=", "-=", "*=",
    "/=", "%=", "&=", "|=", "^=", "<<", "&+", "&-", "&*",
])

struct SwiftScanner {
    var core: LexerCore
    var notes = LexerNotes()
    var i = 0
    /// A local copy: reading the global on every operator would go through its lazy initialiser.
    private let operators = swiftOperators
    private var stack: [SwiftFrame] = []
    /// Failed bare-regex scans since the last line end (see the JavaScript lexer): bounded retries.
    private var regexFailures = 0
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
                if i == self.stop && isFreshAtLineStart { return true }
                self.stop = Int.max
            }
            if !stack.isEmpty && !stack[stack.count - 1].isCode { scanStringText() } else { scanCode() }
        }
        var holeOpen = false
        while var top = stack.popLast() {
            if top.isCode { holeOpen = true; continue }
            notes.problem(top.literalStart, "unterminated string literal")
            // Inside an unclosed `\(`: its head and the hole's tokens are out already, so the tail
            // is empty at the end of file (not from the opener, before tokens already out).
            if holeOpen { top.partStart = n; top.contentStart = n }
            holeOpen = false
            emitEnd(top, end: n, contentEnd: n, extra: .unterminated)
        }
        return false
    }

    /// At a line start outside strings and interpolations, with a name first (no bare-regex question,
    /// which reads the tokens before): from here on, a fresh lexer does what this one does.
    private var isFreshAtLineStart: Bool {
        stack.isEmpty && regexFailures == 0 && core.pending == [.lineStart] && core.isLetter(i)
    }

    private mutating func push(_ frame: SwiftFrame) {
        if stack.count >= LexLimits.maxNesting {
            notes.problem(i, "string interpolations nested too deeply")
            stack.removeAll()
        }
        stack.append(frame)
    }

    // MARK: - Code

    /// Scans code tokens from `i`. Spaces, names, numbers and plain operators change no frame (what
    /// `run` chooses by), so the tokens after them are scanned in this loop; everything else returns
    /// to `run`. (A call per token was a large share of the lexer's work.)
    private mutating func scanCode() {
        // The cursor and the bytes are locals for the loop, as in `JavaScriptScanner.scanCode`.
        var i = self.i
        let input = core
        let b = input.b, n = input.n
        defer { self.i = i }
        while i < n {
            let start = i
            let c = b[i]
            let cls = input.classes[Int(c)]
            if cls & ByteClass.space != 0 {
                i = input.spacesEnd(from: i)
                core.pending.insert(.spaceBefore)
                continue
            }
            if cls & ByteClass.lineEnd != 0 {
                i = core.emitNewline(at: i)
                regexFailures = 0
                // `run` would only call back here: it needs the line start only where a split may stop.
                if i < stop { continue }
                return
            }
            if cls & ByteClass.identStart != 0 || (c == ASCII.dollar && input.isIdentContinue(i + 1)) {
                i = input.identEnd(from: i + 1)
                core.emit(.identifier, start, i)
                continue
            }
            if cls & ByteClass.digit != 0 {
                i = input.numberEnd(from: i)
                core.emit(.number, start, i)
                continue
            }
            // Comments, bare regexes, backtick names and parentheses that close no interpolation open
            // or close no frame and cannot end at a line start (where `run` may stop): the loop goes on.
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
                } else if regexAllowed(), let end = bareRegexEndGuarded(from: i + 1) {
                    i = end
                    core.emit(.regex, start, i)
                } else {
                    i = core.emitOperator(at: i, operators)
                }
                continue
            case ASCII.dquote:
                openString(start: start, hashes: 0)  // sets `self.i`
                i = self.i
            case ASCII.hash:
                var k = i
                while k < n, b[k] == ASCII.hash { k += 1 }
                let hashes = k - i
                if k < n, b[k] == ASCII.dquote {
                    openString(start: start, hashes: hashes)
                    i = self.i
                } else if k < n, b[k] == ASCII.slash {
                    self.i = i
                    scanExtendedRegex(hashes: hashes)
                    i = self.i
                } else {
                    i += 1
                    core.emit(.punct, start, i)
                }
            case ASCII.backtick:
                var j = i + 1
                while j < n, b[j] != ASCII.backtick, b[j] != ASCII.lf, b[j] != ASCII.cr { j += 1 }
                if j < n, b[j] == ASCII.backtick, j > i + 1 {
                    i = j + 1
                    core.emit(.identifier, start, i)
                } else {
                    i = core.emitOperator(at: i, operators)
                }
                continue
            case ASCII.lparen:
                if !stack.isEmpty { stack[stack.count - 1].parens += 1 }
                i = core.emitOperator(at: i, operators)
                continue
            case ASCII.rparen:
                if let top = stack.last, top.isCode {
                    if top.parens == 0 {
                        stack.removeLast()
                        stack[stack.count - 1].partStart = i
                        stack[stack.count - 1].contentStart = i + 1
                        i += 1
                        return
                    }
                    stack[stack.count - 1].parens -= 1
                }
                i = core.emitOperator(at: i, operators)
                continue
            default:
                i = core.emitOperator(at: i, operators)
                continue
            }
            return
        }
    }

    /// `/* … */` nests in Swift.
    private mutating func scanBlockComment() {
        let start = i
        var depth = 0
        var j = i
        while j + 1 < n {
            if b[j] == ASCII.slash && b[j + 1] == ASCII.star {
                depth += 1
                j += 2
            } else if b[j] == ASCII.star && b[j + 1] == ASCII.slash {
                depth -= 1
                j += 2
                if depth == 0 { break }
            } else {
                j += 1
            }
        }
        if depth > 0 {
            notes.problem(start, "unterminated block comment")
            j = n
        }
        i = j
        notes.comments.append(start..<i)
    }

    // MARK: - Regex literals

    private static let expressionKeywords: [StaticString] = [
        "return", "case", "in", "where", "if", "guard", "while", "try", "await", "throw", "else", "let", "var", "is", "as",
    ]

    private func regexAllowed() -> Bool {
        var k = core.tokens.count - 1
        while k >= 0, core.tokens[k].kind == .newline { k -= 1 }
        guard k >= 0 else { return true }
        let last = core.tokens[k]
        let s = Int(last.start), e = Int(last.end)
        switch last.kind {
        case .number, .string, .stringTail, .regex, .symbol: return false
        case .identifier:
            if s > 0, b[s - 1] == ASCII.dot { return false }
            for word in SwiftScanner.expressionKeywords where core.spells(s, e, word) { return true }
            return false
        case .punct:
            if e - s == 1 {
                let c = b[s]
                return !(c == ASCII.rparen || c == ASCII.rbracket || c == ASCII.rbrace || c == ASCII.gt
                    || c == ASCII.bang || c == ASCII.question)
            }
            return true
        default: return true
        }
    }

    private mutating func bareRegexEndGuarded(from k: Int) -> Int? {
        if regexFailures >= 32 { return nil }
        if let end = bareRegexEnd(from: k) { return end }
        regexFailures += 1
        return nil
    }

    /// Swift 5.7 bare regex: no leading or trailing space, closed on the same line.
    private func bareRegexEnd(from k: Int) -> Int? {
        guard k < n else { return nil }
        let first = b[k]
        if first == ASCII.space || first == ASCII.tab || first == ASCII.lf || first == ASCII.cr || first == ASCII.eq { return nil }
        var j = k
        var inClass = 0
        while j < n {
            let c = b[j]
            if c == ASCII.lf || c == ASCII.cr { return nil }
            if c == ASCII.backslash { j += 2; continue }
            if c == ASCII.lbracket { inClass += 1 } else if c == ASCII.rbracket && inClass > 0 { inClass -= 1 } else if c == ASCII.slash && inClass == 0 {
                if b[j - 1] == ASCII.space || b[j - 1] == ASCII.tab { return nil }
                return j + 1
            }
            j += 1
        }
        return nil
    }

    /// `#/…/#` (any number of `#`), which may span lines when `#/` ends its line.
    private mutating func scanExtendedRegex(hashes: Int) {
        let start = i
        var j = i + hashes + 1
        while j < n {
            if b[j] == ASCII.slash {
                var k = j + 1
                var count = 0
                while k < n, b[k] == ASCII.hash, count < hashes { count += 1; k += 1 }
                if count == hashes {
                    i = k
                    core.emit(.regex, start, i)
                    return
                }
            }
            if b[j] == ASCII.backslash { j += 1 }
            j += 1
        }
        notes.problem(start, "unterminated regex literal")
        i = n
        core.emit(.regex, start, n, .unterminated)
    }

    // MARK: - Strings

    private mutating func openString(start: Int, hashes: Int) {
        let q = start + hashes
        var frame = SwiftFrame(isCode: false)
        frame.literalStart = start
        frame.partStart = start
        frame.hashes = hashes
        if hashes > 0 { frame.flags.insert(.raw) }
        if q + 2 < n, b[q + 1] == ASCII.dquote, b[q + 2] == ASCII.dquote {
            frame.multiline = true
            frame.flags.insert(.multiline)
            // The content starts on the line after the opening delimiter.
            var k = q + 3
            while k < n, b[k] == ASCII.space || b[k] == ASCII.tab { k += 1 }
            frame.contentStart = k < n && (b[k] == ASCII.lf || b[k] == ASCII.cr) ? core.afterLineEnd(k) : q + 3
        } else {
            frame.contentStart = q + 1
        }
        i = frame.contentStart
        push(frame)
    }

    private mutating func emitEnd(_ f: SwiftFrame, end: Int, contentEnd: Int, extra: TokenFlags) {
        core.emit(f.hasHoles ? .stringTail : .string, f.partStart, end, f.flags.union(extra),
                  content: f.contentStart..<max(f.contentStart, contentEnd))
    }

    private mutating func scanStringText() {
        var f = stack[stack.count - 1]
        var j = i
        while j < n {
            let c = b[j]
            if c == ASCII.backslash {
                var k = j + 1
                var count = 0
                while k < n, b[k] == ASCII.hash, count < f.hashes { count += 1; k += 1 }
                if count < f.hashes { j += 1; continue }  // a plain backslash inside a raw string
                if k < n, b[k] == ASCII.lparen {
                    core.emit(f.hasHoles ? .stringMiddle : .stringHead, f.partStart, k + 1, f.flags, content: f.contentStart..<j)
                    f.hasHoles = true
                    stack[stack.count - 1] = f
                    i = k + 1
                    push(SwiftFrame(isCode: true))
                    return
                }
                j = k + 1
                continue
            }
            if c == ASCII.dquote {
                let quotes = f.multiline ? 3 : 1
                var k = j
                var count = 0
                while k < n, b[k] == ASCII.dquote, count < quotes { count += 1; k += 1 }
                var hashCount = 0
                while k < n, b[k] == ASCII.hash, hashCount < f.hashes { hashCount += 1; k += 1 }
                if count == quotes && hashCount == f.hashes {
                    stack.removeLast()
                    var contentEnd = j
                    if f.multiline {
                        // The closing line's indentation and the line end before it are not content.
                        var m = j
                        while m > f.contentStart, b[m - 1] == ASCII.space || b[m - 1] == ASCII.tab { m -= 1 }
                        if m > f.contentStart, b[m - 1] == ASCII.lf || b[m - 1] == ASCII.cr {
                            m -= 1
                            if b[m] == ASCII.lf, m > f.contentStart, b[m - 1] == ASCII.cr { m -= 1 }
                            contentEnd = m
                        } else if m == f.contentStart {
                            contentEnd = m
                        }
                    }
                    emitEnd(f, end: k, contentEnd: contentEnd, extra: [])
                    i = k
                    return
                }
                j += 1
                continue
            }
            if !f.multiline && (c == ASCII.lf || c == ASCII.cr) { break }
            j += 1
        }
        let end = min(j, n)
        stack.removeLast()
        notes.problem(f.literalStart, "unterminated string literal")
        emitEnd(f, end: end, contentEnd: end, extra: .unterminated)
        i = end
    }
}
