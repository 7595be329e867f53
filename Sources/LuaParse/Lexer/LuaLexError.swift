/// A lexical error as luac words it. `nearText` is nil when luac prints no `near` part.
struct LuaLexError: Sendable {
    var message: String
    var line: Int
    var offset: Int
    var nearText: String?
}
