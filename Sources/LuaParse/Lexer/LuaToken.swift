/// A token code in Lua 5.1's own numbering: a single-byte token is its byte value, reserved words and
/// multi-byte tokens start at 257 (`FIRST_RESERVED`). Keeping luac's numbering makes error texts
/// (`luaX_token2str`) a table lookup.
public struct LuaTokenKind: Hashable, Sendable {
    public let code: UInt16
    @inlinable init(_ code: UInt16) { self.code = code }
    @inlinable public init(byte: UInt8) { self.code = UInt16(byte) }

    public static let and = LuaTokenKind(257), `break` = LuaTokenKind(258), `do` = LuaTokenKind(259)
    public static let `else` = LuaTokenKind(260), `elseif` = LuaTokenKind(261), end = LuaTokenKind(262)
    public static let `false` = LuaTokenKind(263), `for` = LuaTokenKind(264), function = LuaTokenKind(265)
    public static let `if` = LuaTokenKind(266), `in` = LuaTokenKind(267), local = LuaTokenKind(268)
    public static let `nil` = LuaTokenKind(269), not = LuaTokenKind(270), or = LuaTokenKind(271)
    public static let `repeat` = LuaTokenKind(272), `return` = LuaTokenKind(273), then = LuaTokenKind(274)
    public static let `true` = LuaTokenKind(275), until = LuaTokenKind(276), `while` = LuaTokenKind(277)
    public static let concat = LuaTokenKind(278), dots = LuaTokenKind(279), eq = LuaTokenKind(280)
    public static let ge = LuaTokenKind(281), le = LuaTokenKind(282), ne = LuaTokenKind(283)
    public static let number = LuaTokenKind(284), name = LuaTokenKind(285), string = LuaTokenKind(286)
    public static let eof = LuaTokenKind(287)
    /// Not a Lua token: the lexer hit an error (message in `LuaLexer.lastError`).
    public static let error = LuaTokenKind(300)

    static let reservedNames: [String] = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local",
        "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "..", "...", "==", ">=", "<=", "~=", "<number>", "<name>", "<string>", "<eof>",
    ]

    /// `luaX_token2str`: how luac names this token in messages.
    public var displayName: String {
        if code < 257 {
            let byte = UInt8(code)
            if byte < 32 || byte == 127 { return "char(\(byte))" }
            return String(decoding: [byte], as: UTF8.self)
        }
        let index = Int(code) - 257
        return index < Self.reservedNames.count ? Self.reservedNames[index] : "<error>"
    }
}

/// One scanned token. `line` is the lexer's line counter after scanning it (luac's `linenumber`),
/// i.e. the line where the token ends; `startLine` is where it begins.
public struct LuaToken: Sendable {
    public var kind: LuaTokenKind
    public var start: Int
    public var end: Int
    public var line: Int
    public var startLine: Int
    public var span: Range<Int> { start..<end }
}
