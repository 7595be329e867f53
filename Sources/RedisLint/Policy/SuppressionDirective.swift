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

    /// What a directive starts with.
    static let marker: StaticString = "redislint:"

    /// Every directive in the comments of `model`.
    public static func all(in model: FileModel) -> [SuppressionDirective] {
        let bytes = model.source.bytes
        // Where each comment's text starts, read in place: most comments are not directives, and the
        // generic slice compares of the delimiters and the marker cost ~550 instructions a comment.
        let candidates = bytes.withUnsafeBufferPointer { buffer in
            model.comments.compactMap { comment -> (start: Int, end: Int)? in
                let range = comment.clamped(to: 0..<buffer.count)
                // The directive must open the comment (after its delimiter), as in ESLint: a directive
                // quoted in prose or in commented-out code is not one.
                let start = contentStart(buffer, range)
                return startsWithMarker(buffer, at: start, end: range.upperBound) ? (start, range.upperBound) : nil
            }
        }
        var directives: [SuppressionDirective] = []
        for candidate in candidates {
            let directiveStart = candidate.start
            guard let (directive, end) = parse(bytes, from: directiveStart + marker.utf8CodeUnitCount, limit: candidate.end) else { continue }
            let source = model.source
            let start = source.lines.position(of: directiveStart, in: bytes)
            let line = source.lines.lineRange(start.line - 1, in: bytes)
            directives.append(SuppressionDirective(scope: directive.0, rules: directive.1, path: source.path, start: start,
                                                   end: source.lines.position(of: end, in: bytes), sourceLine: source.text(line)))
        }
        return directives
    }

    /// Whether `marker` starts at `index` and ends by `end`.
    private static func startsWithMarker(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        marker.withUTF8Buffer { marker in
            guard index + marker.count <= end, bytes[index] == marker[0] else { return false }
            for k in 1..<marker.count where bytes[index + k] != marker[k] { return false }
            return true
        }
    }

    /// The offset after a comment's delimiter (`#`, `//`, `///`, `/*`, `/**`, `--`, `--[==[`, `=begin`)
    /// and the white space after it.
    static func contentStart(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let end = range.upperBound
        // The byte at `k`, or 0 past the comment (0 is no delimiter byte).
        func byte(_ k: Int) -> UInt8 { k < end ? bytes[k] : 0 }
        var i = range.lowerBound
        let first = byte(i)
        if first == UInt8(ascii: "-") {
            if byte(i + 1) == UInt8(ascii: "-") {
                i += 2
                if byte(i) == UInt8(ascii: "[") {
                    var j = i + 1
                    while byte(j) == UInt8(ascii: "=") { j += 1 }
                    if byte(j) == UInt8(ascii: "[") { i = j + 1 }
                }
            }
        } else if first == UInt8(ascii: "/") {
            // `///` and `/**` (three bytes), `//` and `/*` (two).
            let second = byte(i + 1)
            if second == UInt8(ascii: "/") || second == UInt8(ascii: "*") { i += byte(i + 2) == second ? 3 : 2 }
        } else if first == UInt8(ascii: "=") {
            if byte(i + 1) == UInt8(ascii: "b") && byte(i + 2) == UInt8(ascii: "e") && byte(i + 3) == UInt8(ascii: "g")
                && byte(i + 4) == UInt8(ascii: "i") && byte(i + 5) == UInt8(ascii: "n") { i += 6 }
        } else if first == UInt8(ascii: "#") {
            i += 1
        }
        while true {
            let next = byte(i)
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") else { break }
            i += 1
        }
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
