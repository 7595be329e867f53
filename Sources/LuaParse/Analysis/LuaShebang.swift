/// The first line `#!lua …` of an EVAL script (`flags=no-writes,allow-cross-slot-keys`) or of a
/// Functions library (`#!lua name=mylib`). Redis strips it before Lua sees the code but keeps its
/// newline, so line numbers are unchanged; LuaParse parses from the newline likewise.
public struct LuaShebang: Sendable, Equatable {
    /// The engine after `#!` (Redis accepts only `lua`).
    public let engine: String
    /// `name=` of a Functions library.
    public let libraryName: String?
    /// `flags=` values, in order; nil when no `flags=` option is present.
    public let flags: [String]?
    /// Options Redis would reject (neither `name=` nor `flags=`), verbatim.
    public let unknownOptions: [String]
    /// The line, without its newline.
    public let span: Range<Int>

    public var isFunctionLibrary: Bool { libraryName != nil }

    /// Parses a shebang at the start of `bytes`, if there is one.
    public static func parse(_ bytes: [UInt8]) -> LuaShebang? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "!") else { return nil }
        let end = bytes.firstIndex(where: { $0 == 10 || $0 == 13 }) ?? bytes.count
        let words = bytes[2..<end].split(whereSeparator: { $0 == 32 || $0 == 9 }).map { String(decoding: $0, as: UTF8.self) }
        let engine = words.first ?? ""
        var name: String?
        var flags: [String]?
        var unknown: [String] = []
        for word in words.dropFirst() {
            if word.hasPrefix("name=") {
                name = String(word.dropFirst(5))
            } else if word.hasPrefix("flags=") {
                flags = word.dropFirst(6).split(separator: ",", omittingEmptySubsequences: true).map(String.init)
            } else {
                unknown.append(word)
            }
        }
        return LuaShebang(engine: engine, libraryName: name, flags: flags, unknownOptions: unknown, span: 0..<end)
    }
}
