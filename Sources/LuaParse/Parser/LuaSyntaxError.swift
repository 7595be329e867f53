/// A syntax error worded as Lua 5.1's `loadstring` reports it (without the `[string "…"]:LINE:` prefix).
public struct LuaSyntaxError: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the token the error is reported at.
    public let offset: Int
    /// 1-based line, as luac counts it (the line where the lexer stood).
    public let line: Int
    public let message: String

    public init(offset: Int, line: Int, message: String) {
        self.offset = offset
        self.line = line
        self.message = message
    }

    public var description: String { "\(line): \(message)" }
}
