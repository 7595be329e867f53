/// Parses parameter lists of every language into names and type annotations:
/// Python `(self, r: redis.Redis, *args, key=None)`, JavaScript/TypeScript
/// `(req: Request, { a }, ...rest)`, Swift `(_ key: String, on connection: RedisConnection)`,
/// Ruby `(key, ttl = 60, *rest, opts:)` and block parameters `|conn, i|`.
enum ParameterList {
    /// Appends the parameters in `range` to `parameters` (the file's list); returns where they are there.
    @discardableResult
    static func parse(_ view: TokenView, _ range: Range<Int>, language: Language, into parameters: inout [Parameter]) -> Range<Int> {
        let first = parameters.count
        var begin = range.lowerBound
        func finish(_ end: Int) {
            if let parameter = one(view, begin..<end, language: language) { parameters.append(parameter) }
        }
        view.forEachTopLevelComma(in: range) { comma in
            finish(comma)
            begin = comma + 1
        }
        finish(range.upperBound)
        return first..<parameters.count
    }

    /// Words before a parameter's name that are not its name (`private readonly`, Swift's `inout`).
    private static let modifiers = ByteWords(["private", "public", "protected", "readonly", "override", "inout", "borrowing",
                                              "consuming", "__owned"])

    private static func one(_ view: TokenView, _ range: Range<Int>, language: Language) -> Parameter? {
        var index = range.lowerBound
        // (Kinds, sigils and modifiers compared in place: array literals of kinds and `String`s, and a
        // `String` of each token, were built for every parameter.)
        func skipLayout() {
            while index < range.upperBound, view[index].kind == .newline || view[index].kind == .indent || view[index].kind == .dedent { index += 1 }
        }
        skipLayout()
        // Sigils and modifiers: `*args`, `**kw`, `&block`, `...rest`, `private readonly`, `inout`, `@Decorator()`.
        while index < range.upperBound {
            if view.isPunct(index, "*") || view.isPunct(index, "**") || view.isPunct(index, "&") || view.isPunct(index, "...")
                || view.isPunct(index, "@") {
                if view.isPunct(index, "@") { index += 2; if let close = view.close(of: index), close < range.upperBound, view.isPunct(index, "(") { index = close + 1 }; continue }
                index += 1
                continue
            }
            // The next token first: a modifier is followed by the name, most parameters by `,`, `:`, `=` or
            // nothing, so the word list is mostly not asked (it cost about 50 instructions a parameter).
            if view.kind(index + 1) == .identifier, view.isWord(index, in: modifiers) {
                index += 1
                continue
            }
            break
        }
        guard index < range.upperBound, view.kind(index) == .identifier else { return nil }
        var name = view.text(index)
        // Swift: `label name: Type`, `_ name: Type`.
        if language == .swift, view.kind(index + 1) == .identifier, index + 1 < range.upperBound {
            index += 1
            name = view.text(index)
        }
        var type: Range<Int>? = nil
        var typeStart = index + 1
        if typeStart < range.upperBound, view.isPunct(typeStart, "?") { typeStart += 1 }  // TS `name?: T`
        if language != .ruby, typeStart < range.upperBound, view.isPunct(typeStart, ":") {
            var typeEnd = typeStart + 1
            while typeEnd < range.upperBound, !view.isPunct(typeEnd, "=") {
                if let close = view.close(of: typeEnd), close < range.upperBound { typeEnd = close + 1 } else { typeEnd += 1 }
            }
            type = typeStart + 1..<typeEnd
        }
        var parameter = Parameter(name: name, typeTokens: type)
        // A default value after `=` (Ruby, Python, JavaScript, Swift).
        var equals = index + 1
        while equals < range.upperBound, !view.isPunct(equals, "=") {
            if let close = view.close(of: equals), close < range.upperBound { equals = close + 1 } else { equals += 1 }
        }
        if equals + 1 < range.upperBound { parameter.defaultValue = equals + 1..<range.upperBound }
        // Ruby's keyword parameter with a default: `pipeline: nil`.
        if language == .ruby, parameter.defaultValue == nil, view.isPunct(index + 1, ":"), index + 2 < range.upperBound {
            parameter.defaultValue = index + 2..<range.upperBound
        }
        return parameter
    }
}

/// Reading a parameter's type annotation from its tokens (`Parameter.typeStart`, `typeEnd`).
extension Parameter {
    /// The type annotation as written, without spaces (`redis.Redis`, `RedisConnection`; `TokenView.compactText`), nil for none.
    func type(in view: TokenView) -> String? {
        guard hasType else { return nil }
        if typeIsOneToken { return view.text(Int(typeStart)) }
        return view.compactText(Int(typeStart)..<Int(typeEnd))
    }

    /// Does the type annotation name Redis (`RedisEvidence.names` of `type(in:)`)? Read on the bytes, with no
    /// `String` made (the words are ASCII: repairing invalid UTF-8 changes no ASCII byte).
    func typeNamesRedis(in view: TokenView) -> Bool {
        guard hasType else { return false }
        // Most types are the source as written (`TokenView.writtenSpan`): read there, with no copy.
        if typeIsOneToken {
            let token = view[Int(typeStart)]
            return view.withSourceBytes(Int(token.start)..<Int(token.end)) { RedisEvidence.names($0) }
        }
        return view.withCompactTextBytes(Int(typeStart)..<Int(typeEnd)) { RedisEvidence.names($0) }
    }
}
