import Foundation
@testable import RedisLint

/// Renders tokens compactly for golden comparisons: `id:foo`, `p:(`, `s:"decoded"`, `head:"a"`, `nl`.
func render<L: HostLexer>(_ lexer: L.Type, _ source: String, skipNewlines: Bool = false) -> [String] {
    let bytes = Array(source.utf8)
    let file = L.lex(bytes)
    return renderTokens(lexer, file.tokens, bytes, skipNewlines: skipNewlines)
}

func renderTokens<L: HostLexer>(_ lexer: L.Type, _ tokens: [Token], _ bytes: [UInt8], skipNewlines: Bool = false) -> [String] {
    var out: [String] = []
    for t in tokens {
        let text = String(decoding: bytes[t.range], as: UTF8.self)
        switch t.kind {
        case .identifier: out.append("id:" + text)
        case .number: out.append("num:" + text)
        case .punct: out.append("p:" + text)
        case .symbol: out.append("sym:" + text)
        case .regex: out.append("re:" + text)
        case .newline: if !skipNewlines { out.append("nl") }
        case .indent: out.append("indent")
        case .dedent: out.append("dedent")
        case .string, .stringHead, .stringMiddle, .stringTail:
            let prefix = [TokenKind.string: "s", .stringHead: "head", .stringMiddle: "mid", .stringTail: "tail"][t.kind]!
            let value = String(decoding: L.decode(t, in: bytes).value, as: UTF8.self)
            out.append(prefix + ":\"" + value + "\"")
        }
    }
    return out
}

/// Decoded value of the first string-like token.
func firstDecoded<L: HostLexer>(_ lexer: L.Type, _ source: String) -> (String, [Int32], [UInt8])? {
    let bytes = Array(source.utf8)
    guard let t = L.lex(bytes).tokens.first(where: { [.string, .stringHead, .stringMiddle, .stringTail].contains($0.kind) }) else { return nil }
    let d = L.decode(t, in: bytes)
    return (String(decoding: d.value, as: UTF8.self), d.sourceOffsets, bytes)
}

/// Every decoded byte that was copied from the source equals the source byte at its offset.
func offsetsAreExact(_ value: [UInt8], _ offsets: [Int32], _ bytes: [UInt8], escapes: Set<Int> = []) -> Bool {
    guard value.count == offsets.count else { return false }
    for (k, o) in offsets.enumerated() {
        guard o >= 0, Int(o) < bytes.count else { return false }
        if escapes.contains(Int(o)) { continue }
        if bytes[Int(o)] != value[k] { return false }
    }
    return true
}

/// Directory holding the repository's `fixtures/` (found from this source file's path).
let fixturesDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

/// Lines (1-based) of identifier tokens spelling `name`, and of lines ending in a `CODE` marker comment.
func torture<L: HostLexer>(_ lexer: L.Type, fixture: String, name: String = "keys") throws -> (identifierLines: [Int], codeLines: [Int], file: LexedFile) {
    let url = fixturesDirectory.appendingPathComponent("lexers").appendingPathComponent(fixture)
    let bytes = Array(try Data(contentsOf: url))
    let file = L.lex(bytes)
    let target = Array(name.utf8)
    let lines = LineMap(bytes)
    let identifierLines = file.tokens.filter { $0.kind == .identifier && Array(bytes[$0.range]) == target }
        .map { lines.lineIndex(of: Int($0.start)) + 1 }
    let text = String(decoding: bytes, as: UTF8.self)
    let codeLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { $0.element.hasSuffix("# CODE") || $0.element.hasSuffix("// CODE") }.map { $0.offset + 1 }
    return (identifierLines, codeLines, file)
}
