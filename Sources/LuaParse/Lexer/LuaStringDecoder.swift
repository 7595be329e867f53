/// Decodes string literals the way `read_string` / `read_long_string` store them.
enum LuaStringDecoder {
    /// Appends the value of a lexed string token to `out` (the parser keeps every string of a chunk in one array).
    static func append(_ bytes: [UInt8], _ token: LuaToken, to out: inout [UInt8]) {
        let start = token.start
        if bytes[start] == UInt8(ascii: "[") {
            var level = 0
            var i = start + 1
            while bytes[i] == UInt8(ascii: "=") { level += 1; i += 1 }
            return longContent(bytes, i + 1, token.end - level - 2, into: &out)
        }
        decodeShort(bytes, start + 1, token.end - 1, into: &out)
    }

    /// luac's `near` text for a short string cut at `end`: opening quote plus the decoded prefix,
    /// stopped at a NUL byte as C's `%s` would.
    static func nearText(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var buffer = [bytes[start]]
        decodeShort(bytes, start + 1, end, into: &buffer)
        return cString(buffer)
    }

    /// luac's `near` text for a complete string token.
    static func tokenText(_ bytes: [UInt8], _ token: LuaToken) -> String {
        let start = token.start
        if bytes[start] == UInt8(ascii: "[") {
            var level = 0
            var i = start + 1
            while bytes[i] == UInt8(ascii: "=") { level += 1; i += 1 }
            let fence = [UInt8](repeating: UInt8(ascii: "="), count: level)
            var buffer: [UInt8] = [UInt8(ascii: "[")] + fence + [UInt8(ascii: "[")]
            longContent(bytes, i + 1, token.end - level - 2, into: &buffer)
            buffer += [UInt8(ascii: "]")] + fence + [UInt8(ascii: "]")]
            return cString(buffer)
        }
        var buffer = [bytes[start]]
        decodeShort(bytes, start + 1, token.end - 1, into: &buffer)
        buffer.append(bytes[token.end - 1])
        return cString(buffer)
    }

    static func cString(_ buffer: [UInt8]) -> String {
        if let nul = buffer.firstIndex(of: 0) { return String(decoding: buffer[..<nul], as: UTF8.self) }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Long bracket content: a first newline is dropped, line breaks become `\n`.
    private static func longContent(_ bytes: [UInt8], _ from: Int, _ to: Int, into out: inout [UInt8]) {
        var i = from
        func skipBreak() {
            let first = bytes[i]
            i += 1
            if i < to, LuaLexer.isNewline(bytes[i]), bytes[i] != first { i += 1 }
        }
        if i < to, LuaLexer.isNewline(bytes[i]) { skipBreak() }
        while i < to {
            if LuaLexer.isNewline(bytes[i]) { out.append(10); skipBreak() } else { out.append(bytes[i]); i += 1 }
        }
    }

    private static func decodeShort(_ bytes: [UInt8], _ from: Int, _ to: Int, into out: inout [UInt8]) {
        var i = from
        while i < to {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\"), i + 1 < to else {
                if c != UInt8(ascii: "\\") { out.append(c) }
                i += 1
                continue
            }
            i += 1
            let e = bytes[i]
            switch e {
            case UInt8(ascii: "a"): out.append(7); i += 1
            case UInt8(ascii: "b"): out.append(8); i += 1
            case UInt8(ascii: "f"): out.append(12); i += 1
            case UInt8(ascii: "n"): out.append(10); i += 1
            case UInt8(ascii: "r"): out.append(13); i += 1
            case UInt8(ascii: "t"): out.append(9); i += 1
            case UInt8(ascii: "v"): out.append(11); i += 1
            case 10, 13:
                out.append(10)
                i += 1
                if i < to, LuaLexer.isNewline(bytes[i]), bytes[i] != e { i += 1 }
            default:
                if LuaLexer.isDigit(e) {
                    var value = 0
                    var digits = 0
                    while digits < 3, i < to, LuaLexer.isDigit(bytes[i]) { value = value * 10 + Int(bytes[i] - 48); i += 1; digits += 1 }
                    out.append(UInt8(truncatingIfNeeded: value))
                } else {
                    out.append(e)
                    i += 1
                }
            }
        }
    }
}
