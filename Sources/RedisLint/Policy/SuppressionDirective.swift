/// An inline suppression written in a comment, in any language's comment syntax:
/// `redislint: disable=RL101,keys-command` (this line), `redislint: disable-next-line=RL101`
/// (the next line), `redislint: disable-file=RL101` (the whole file). Rules are ids, names or
/// id prefixes.
public struct SuppressionDirective: Sendable, Equatable {
    public enum Scope: String, Sendable {
        case line = "disable"
        case nextLine = "disable-next-line"
        case file = "disable-file"
    }

    public var scope: Scope
    /// The rules as written.
    public var rules: [String]
    public var path: String
    /// Where the directive (`redislint:`) starts and ends.
    public var start: Position
    public var end: Position
    /// The source line of the directive (unused-suppression findings show it).
    public var sourceLine: String

    /// The line whose findings it suppresses (nil: the whole file).
    public var targetLine: Int? {
        switch scope {
        case .line: return start.line
        case .nextLine: return start.line + 1
        case .file: return nil
        }
    }

    static let marker = Array("redislint:".utf8)

    /// Every directive in the comments of `model`.
    public static func all(in model: FileModel) -> [SuppressionDirective] {
        let bytes = model.source.bytes
        var directives: [SuppressionDirective] = []
        for comment in model.comments {
            let range = comment.clamped(to: 0..<bytes.count)
            // The directive must open the comment (after its delimiter), as in ESLint: a directive
            // quoted in prose or in commented-out code is not one.
            var index = contentStart(bytes, range)
            guard index + marker.count <= range.upperBound, bytes[index..<index + marker.count].elementsEqual(marker) else { continue }
            let directiveStart = index
            index += marker.count
            guard let (directive, end) = parse(bytes, from: index, limit: range.upperBound) else { continue }
            let source = model.source
            let start = source.lines.position(of: directiveStart, in: bytes)
            let line = source.lines.lineRange(start.line - 1, in: bytes)
            directives.append(SuppressionDirective(scope: directive.0, rules: directive.1, path: source.path, start: start,
                                                   end: source.lines.position(of: end, in: bytes), sourceLine: source.text(line)))
        }
        return directives
    }

    /// The offset after a comment's delimiter (`#`, `//`, `///`, `/*`, `/**`, `--`, `--[==[`, `=begin`)
    /// and the white space after it.
    static func contentStart(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        // `text` is ASCII: compared as bytes without building an array of it (this runs for every comment).
        func has(_ text: StaticString, at i: Int) -> Bool {
            text.withUTF8Buffer { t in i + t.count <= range.upperBound && bytes[i..<i + t.count].elementsEqual(t) }
        }
        var i = range.lowerBound
        if has("--", at: i) {
            i += 2
            if has("[", at: i) {
                var j = i + 1
                while j < range.upperBound, bytes[j] == UInt8(ascii: "=") { j += 1 }
                if j < range.upperBound, bytes[j] == UInt8(ascii: "[") { i = j + 1 }
            }
        } else if has("///", at: i) || has("/**", at: i) {
            i += 3
        } else if has("//", at: i) || has("/*", at: i) {
            i += 2
        } else if has("=begin", at: i) {
            i += 6
        } else if has("#", at: i) {
            i += 1
        }
        while i < range.upperBound, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { i += 1 }
        return i
    }

    /// ` disable-next-line=RL101, keys-command` after the marker; returns the scope, the rules and the end offset.
    private static func parse(_ bytes: [UInt8], from start: Int, limit: Int) -> ((Scope, [String]), Int)? {
        var index = start
        while index < limit, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        let wordStart = index
        while index < limit, isWordByte(bytes[index]) { index += 1 }
        guard let scope = Scope(rawValue: String(decoding: bytes[wordStart..<index], as: UTF8.self)) else { return nil }
        guard index < limit, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        var rules: [String] = []
        while true {
            while index < limit, bytes[index] == UInt8(ascii: " ") { index += 1 }
            let ruleStart = index
            while index < limit, isWordByte(bytes[index]) { index += 1 }
            guard index > ruleStart else { break }
            rules.append(String(decoding: bytes[ruleStart..<index], as: UTF8.self))
            // A comma continues the list; anything else ends it (a reason may follow).
            var look = index
            while look < limit, bytes[look] == UInt8(ascii: " ") { look += 1 }
            guard look < limit, bytes[look] == UInt8(ascii: ",") else { break }
            index = look + 1
        }
        guard !rules.isEmpty else { return nil }
        return ((scope, rules), index)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }
}
