/// Lua 5.1's lexer (`llex.c`) over bytes, reproducing its acceptance and its error texts exactly.
/// It never traps: every loop advances `position` or returns, and end of input is checked first.
struct LuaLexer {
    let bytes: [UInt8]
    private(set) var position: Int
    /// luac's `linenumber`: lines seen so far, 1-based.
    private(set) var line = 1
    /// Set when `next()` returns a `.error` token.
    private(set) var lastError: LuaLexError?

    /// Lua 5.1 built with `LUA_COMPAT_LSTR == 1` (Debian's lua5.1) rejects `[[` inside a level-0
    /// long bracket; Redis's embedded Lua accepts it.
    var rejectsNestedLongBrackets = true

    init(bytes: [UInt8], startingAt offset: Int = 0) {
        self.bytes = bytes
        self.position = min(max(offset, 0), bytes.count)
    }

    // MARK: character classes of the C locale, as llex.c sees them

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }
    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) || c == 95 }

    /// `isNameByte` of every byte value, read in the name loops: one load and test a byte instead of
    /// three range tests. Held per lexer, so the loops read no global (each read checks its lazy start).
    private let nameBytes = LuaLexer.nameByteTable

    /// Where the run of name bytes from `start` ends. Over the buffer, with the table and offset in
    /// locals: read through `self` and the array, each byte was a bounds test, an overflow test and a
    /// reload of the table (14 instructions a byte; now 6).
    @inline(__always) private func nameEnd(from start: Int) -> Int {
        let table = nameBytes
        return bytes.withUnsafeBufferPointer { buffer in
            var end = start
            while end < buffer.count, table[Int(buffer[end])] { end &+= 1 }
            return end
        }
    }

    /// Behind an immortal pointer: read without bounds or initialisation checks.
    nonisolated(unsafe) static let nameByteTable: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for c in 0..<256 { (table + c).initialize(to: isNameByte(UInt8(c))) }
        return UnsafePointer(table)
    }()
    @inline(__always) static func isNewline(_ c: UInt8) -> Bool { c == 10 || c == 13 }

    @inline(__always) private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// `inclinenumber`: `\n`, `\r`, `\n\r` and `\r\n` each count as one line break.
    private mutating func skipNewline() {
        let first = bytes[position]
        position += 1
        if position < bytes.count, Self.isNewline(bytes[position]), bytes[position] != first { position += 1 }
        line += 1
    }

    private mutating func fail(_ message: String, near: String?, start: Int) -> LuaToken {
        lastError = LuaLexError(message: message, line: line, offset: start, nearText: near)
        return LuaToken(kind: .error, start: start, end: max(position, start), line: line, startLine: line)
    }

    /// Scans the next token, skipping blanks and comments. Most tokens and blanks are finished by
    /// `plainToken` over the buffer with the offset and line in locals (through `self` and the array,
    /// each round stored `position` and reloaded the array); it stops before a byte that needs the
    /// full llex rules (numerals, long brackets, strings with escapes, errors), which `fullToken` takes.
    /// Inlined into the parser's `scan` (and `recover`): a call cost about 16 instructions a token
    /// (saving registers, the token returned through memory).
    @inline(__always) mutating func next() -> LuaToken {
        let count = bytes.count
        let table = nameBytes
        while true {
            var offset = position
            var lineCount = line
            let plain = bytes.withUnsafeBufferPointer { Self.plainToken(in: $0, table, &offset, &lineCount) }
            position = offset
            line = lineCount
            if let plain { return plain }
            guard position < count else { break }
            if let token = fullToken() { return token }
        }
        return LuaToken(kind: .eof, start: count, end: count, line: line, startLine: line)
    }

    /// Skips blanks and line comments and scans the tokens that need no more than a few bytes of
    /// lookahead, from `offset`; returns nil at the end of input or (with `offset` on it) at a byte
    /// that `fullToken` must take. Agrees with `fullToken` on everything it finishes.
    @inline(__always)
    private static func plainToken(in buffer: UnsafeBufferPointer<UInt8>, _ table: UnsafePointer<Bool>,
                                   _ offset: inout Int, _ lineCount: inout Int) -> LuaToken? {
        let count = buffer.count
        var p = offset
        defer { offset = p }
        while p < count {
            let start = p
            let c = buffer[p]
            @inline(__always) func token(_ kind: LuaTokenKind) -> LuaToken {
                LuaToken(kind: kind, start: start, end: p, line: lineCount, startLine: lineCount)
            }
            @inline(__always) func byte(_ index: Int) -> UInt8? { index < count ? buffer[index] : nil }
            switch c {
            case 32, 9, 11, 12:
                p &+= 1
            case 10, 13:
                p &+= 1
                if p < count, isNewline(buffer[p]), buffer[p] != c { p &+= 1 }
                lineCount &+= 1
            case UInt8(ascii: "-"):
                guard byte(p &+ 1) == UInt8(ascii: "-") else {
                    p &+= 1
                    return token(LuaTokenKind(byte: c))
                }
                // A long comment (`--[`) is fullToken's; a line comment runs to the line break.
                if byte(p &+ 2) == UInt8(ascii: "[") { return nil }
                // A byte loop: the word search's constants, set up on every call, cost more than it saved.
                p &+= 2
                while p < count, !isNewline(buffer[p]) { p &+= 1 }
            case UInt8(ascii: "["):
                // `[[` and `[=` may open a long string (or be an invalid delimiter): fullToken's.
                if let next = byte(p &+ 1), next == UInt8(ascii: "[") || next == UInt8(ascii: "=") { return nil }
                p &+= 1
                return token(LuaTokenKind(byte: c))
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"):
                p &+= 1
                if byte(p) == UInt8(ascii: "=") {
                    p &+= 1
                    return token(c == UInt8(ascii: "=") ? .eq : c == UInt8(ascii: "<") ? .le : c == UInt8(ascii: ">") ? .ge : .ne)
                }
                return token(LuaTokenKind(byte: c))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // A string without escapes or line breaks; any other is fullToken's (escapes, errors).
                var close = p &+ 1
                while close < count {
                    let d = buffer[close]
                    if d == c || d == UInt8(ascii: "\\") || isNewline(d) { break }
                    close &+= 1
                }
                guard close < count, buffer[close] == c else { return nil }
                p = close &+ 1
                return token(.string)
            case UInt8(ascii: "."):
                p &+= 1
                // llex's `check_next` uses strchr, which also matches the NUL byte.
                if byte(p) == UInt8(ascii: ".") || byte(p) == 0 {
                    p &+= 1
                    if byte(p) == UInt8(ascii: ".") || byte(p) == 0 {
                        p &+= 1
                        return token(.dots)
                    }
                    return token(.concat)
                }
                if let d = byte(p), isDigit(d) {
                    p = start
                    return nil
                }
                return token(LuaTokenKind(byte: c))
            default:
                if isDigit(c) { return nil }
                if table[Int(c)] {
                    p &+= 1
                    while p < count, table[Int(buffer[p])] { p &+= 1 }
                    return token(LuaKeywords.lookup(buffer, start, p) ?? .name)
                }
                p &+= 1
                return token(LuaTokenKind(byte: c))
            }
        }
        return nil
    }

    /// One round of llex's token loop at `position`, for every byte: a token, or nil after a blank
    /// or comment. Not private: tests lex with it alone as the reference for `plainToken`.
    mutating func fullToken() -> LuaToken? {
        let count = bytes.count
        let start = position
        let startLine = line
        let c = bytes[position]
        switch c {
        case 10, 13:
            skipNewline()
            return nil
        case 32, 9, 11, 12:
            position += 1
            return nil
        case UInt8(ascii: "-"):
            guard byte(at: position + 1) == UInt8(ascii: "-") else {
                position += 1
                return token(LuaTokenKind(byte: c), start, startLine)
            }
            position += 2
            if byte(at: position) == UInt8(ascii: "[") {
                let level = skipSeparator()
                if level >= 0 {
                    if let error = readLongBracket(level: level, isComment: true, start: start) { return error }
                    return nil
                }
            }
            while position < count, !Self.isNewline(bytes[position]) { position += 1 }
            return nil
        case UInt8(ascii: "["):
            let level = skipSeparator()
            if level >= 0 {
                if let error = readLongBracket(level: level, isComment: false, start: start) { return error }
                return token(.string, start, startLine)
            }
            if level == -1 { return token(LuaTokenKind(byte: c), start, startLine) }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            return fail("invalid long string delimiter", near: text, start: start)
        case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"):
            position += 1
            if byte(at: position) == UInt8(ascii: "=") {
                position += 1
                let kind: LuaTokenKind = c == UInt8(ascii: "=") ? .eq : c == UInt8(ascii: "<") ? .le
                    : c == UInt8(ascii: ">") ? .ge : .ne
                return token(kind, start, startLine)
            }
            return token(LuaTokenKind(byte: c), start, startLine)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return readShortString(delimiter: c, start: start, startLine: startLine)
        case UInt8(ascii: "."):
            position += 1
            // llex's `check_next` uses strchr, which also matches the NUL byte.
            if byte(at: position) == UInt8(ascii: ".") || byte(at: position) == 0 {
                position += 1
                if byte(at: position) == UInt8(ascii: ".") || byte(at: position) == 0 {
                    position += 1
                    return token(.dots, start, startLine)
                }
                return token(.concat, start, startLine)
            }
            guard let d = byte(at: position), Self.isDigit(d) else { return token(LuaTokenKind(byte: c), start, startLine) }
            return readNumeral(start: start, startLine: startLine)
        default:
            if Self.isDigit(c) { return readNumeral(start: start, startLine: startLine) }
            if Self.isAlpha(c) || c == 95 {
                position = nameEnd(from: position + 1)
                let kind = LuaKeywords.lookup(bytes, start, position) ?? .name
                return token(kind, start, startLine)
            }
            position += 1
            return token(LuaTokenKind(byte: c), start, startLine)
        }
    }

    @inline(__always) private func token(_ kind: LuaTokenKind, _ start: Int, _ startLine: Int) -> LuaToken {
        LuaToken(kind: kind, start: start, end: position, line: line, startLine: startLine)
    }

    /// `skip_sep`: at `[` or `]`, consumes it and any `=`; returns the level if the same bracket
    /// follows, else `-(level) - 1`.
    private mutating func skipSeparator() -> Int {
        let bracket = bytes[position]
        position += 1
        var level = 0
        while position < bytes.count, bytes[position] == UInt8(ascii: "=") {
            position += 1
            level += 1
        }
        return byte(at: position) == bracket ? level : -level - 1
    }

    /// `read_long_string`, positioned on the second `[`. Returns an error token, or nil on success.
    private mutating func readLongBracket(level: Int, isComment: Bool, start: Int) -> LuaToken? {
        position += 1
        if position < bytes.count, Self.isNewline(bytes[position]) { skipNewline() }
        while true {
            guard position < bytes.count else {
                return fail(isComment ? "unfinished long comment" : "unfinished long string", near: "<eof>", start: start)
            }
            switch bytes[position] {
            case UInt8(ascii: "["):
                // Lua 5.1 (LUA_COMPAT_LSTR == 1) rejects `[[` inside a level-0 long bracket.
                if skipSeparator() == level {
                    position += 1
                    if level == 0 && rejectsNestedLongBrackets { return fail("nesting of [[...]] is deprecated", near: "[", start: start) }
                }
            case UInt8(ascii: "]"):
                if skipSeparator() == level {
                    position += 1
                    return nil
                }
            case 10, 13:
                skipNewline()
            default:
                position += 1
            }
        }
    }

    /// `read_string`: validates escapes; the value is decoded later by `LuaStringDecoder`.
    private mutating func readShortString(delimiter: UInt8, start: Int, startLine: Int) -> LuaToken {
        position += 1
        let count = bytes.count
        while true {
            guard position < count else { return fail("unfinished string", near: "<eof>", start: start) }
            let c = bytes[position]
            if c == delimiter { break }
            switch c {
            case 10, 13:
                return fail("unfinished string", near: LuaStringDecoder.nearText(bytes, start, position), start: start)
            case UInt8(ascii: "\\"):
                let escape = position
                position += 1
                guard position < count else { continue }
                let e = bytes[position]
                if Self.isNewline(e) {
                    skipNewline()
                } else if Self.isDigit(e) {
                    var value = 0
                    var digits = 0
                    while digits < 3, position < count, Self.isDigit(bytes[position]) {
                        value = value * 10 + Int(bytes[position] - 48)
                        position += 1
                        digits += 1
                    }
                    if value > 255 {
                        return fail("escape sequence too large", near: LuaStringDecoder.nearText(bytes, start, escape), start: start)
                    }
                } else {
                    position += 1
                }
            default:
                position += 1
            }
        }
        position += 1
        return token(.string, start, startLine)
    }

    /// `read_numeral`: digits and dots, an optional exponent sign, then any name bytes; the text must
    /// then convert as C's `strtod` (which accepts hex floats such as `0x1p4`) would.
    private mutating func readNumeral(start: Int, startLine: Int) -> LuaToken {
        let count = bytes.count
        repeat { position += 1 } while position < count && (Self.isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "."))
        // `check_next(ls, "Ee")` and `check_next(ls, "+-")` use strchr, which also matches NUL.
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") || bytes[position] == 0 {
            position += 1
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") || bytes[position] == 0 {
                position += 1
            }
        }
        position = nameEnd(from: position)
        // strtod sees the text only up to a NUL byte.
        var textEnd = start
        while textEnd < position, bytes[textEnd] != 0 { textEnd += 1 }
        if LuaNumeral.value(bytes, start, textEnd) == nil {
            return fail("malformed number", near: String(decoding: bytes[start..<textEnd], as: UTF8.self), start: start)
        }
        return token(.number, start, startLine)
    }
}
