/// Finds the database index given to Redis client constructors: a `db`/`database` option with a
/// literal number (a labelled argument, or a key of an options object literal), or a connection URL
/// whose path is a number (`redis://host:6379/2`). Only non-zero indexes are kept.
enum ConstructorDatabases {
    static let optionNames: Set<String> = ["db", "database"]

    /// `constructors`: the file's client constructor calls (`ClientEvidence.isConstructor`).
    static func find(_ constructors: [CallSite], view: TokenView, values: ValueReader) -> [DatabaseSelection] {
        var found: [DatabaseSelection] = []
        var seen = Set<Int>()
        for call in constructors {
            // Each token is looked at once per constructor call: linear in the argument list.
            var index = call.argumentTokens.lowerBound
            let end = min(call.argumentTokens.upperBound, view.count)
            while index < end {
                defer { index += 1 }
                if let selection = option(at: index, end: end, view: view) ?? url(at: index, view: view, values: values),
                   selection.index != 0, seen.insert(selection.span.lowerBound).inserted {
                    found.append(selection)
                }
            }
        }
        return found
    }

    /// `db: 2`, `db=2`, `database: 2`, `"db": 2`, or a Ruby label token `db:` followed by `2`.
    private static func option(at index: Int, end: Int, view: TokenView) -> DatabaseSelection? {
        let kind = view.kind(index)
        guard kind == .identifier || kind == .string || kind == .symbol, spellsOptionName(view[index], in: view.bytes) else { return nil }
        var name = view.text(index)
        var next = index + 1
        if kind == .string {
            name = String(name.dropFirst().dropLast())
        } else if kind == .symbol && name.hasPrefix(":") {
            name.removeFirst()  // Ruby `:db => 2`
        }
        if name.hasSuffix(":") && kind != .string {
            name.removeLast()
        } else {
            guard view.isPunct(next, ":") || view.isPunct(next, "=") || view.isPunct(next, "=>") else { return nil }
            next += 1
        }
        guard kind == .identifier || kind == .string || kind == .symbol, optionNames.contains(name),
              next < end, view.kind(next) == .number, let number = Int(view.text(next)) else { return nil }
        let span = view.span(index, next)
        return DatabaseSelection(index: number, span: span, text: String(decoding: view.bytes[span], as: UTF8.self))
    }

    /// Do a token's bytes hold `db` or `database`? The name read below is the token's text less whole characters
    /// at its ends (quotes, a symbol's or a label's colon), and a text equal to one of those plain words is
    /// spelled by those very bytes, so a token without them names no option. Most tokens of a constructor's
    /// arguments fail this before their text is made a `String` (~600 instructions a token on the 12 repositories).
    private static func spellsOptionName(_ token: Token, in bytes: [UInt8]) -> Bool {
        let range = token.range.clamped(to: bytes.indices)
        return bytes.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[range])
            return optionNameBytes.contains { RedisEvidence.contains(text, $0, ignoringCase: false) }
        }
    }
    private static let optionNameBytes = optionNames.map { Array($0.utf8) }

    /// A string literal `redis://…/N` (also `rediss://`, `valkey://`), path `N` before any `?`.
    private static func url(at index: Int, view: TokenView, values: ValueReader) -> DatabaseSelection? {
        guard view.kind(index) == .string, let bytes = values.keyExpr(index..<(index + 1)).literalBytes else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let scheme = text.firstRange(of: "://"),
              ["redis", "rediss", "valkey", "valkeys"].contains(text[..<scheme.lowerBound].lowercased()) else { return nil }
        let rest = text[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let path = rest[rest.index(after: slash)...].prefix { $0 != "?" && $0 != "#" }
        guard !path.isEmpty, path.allSatisfy(\.isASCII), let number = Int(path), number >= 0 else { return nil }
        return DatabaseSelection(index: number, span: view.span(index, index), text: view.text(index))
    }
}
