/// Reads argument expressions as Redis values: string literals (decoded with the language's
/// escapes), interpolations and concatenations as `KeyExpr`s with holes, numbers, booleans.
struct ValueReader {
    let view: TokenView
    let decode: @Sendable (Token) -> DecodedString

    /// `decode(token).value`, without decoding a literal part with nothing between its delimiters (an
    /// interpolation's closing `}"`, `` }` ``, `)"`) or whose content no lexer's decoding changes: every
    /// lexer decodes only the token's content, so an empty content is an empty value, where decoding made
    /// and freed a value and an offset list.
    @inline(__always) func decodedValue(_ token: Token) -> [UInt8] {
        let start = Int(token.contentStart), end = Int(token.contentEnd)
        if end <= start { return [] }
        if !token.flags.contains(.multiline), let bytes = verbatimContent(start..<end) { return bytes }
        return decode(token).value
    }

    /// The content's bytes when decoding keeps them as they are, nil when it may not: the lexers' decoding
    /// changes a content only at a backslash (escapes, line continuations), at a line end (a multi-line
    /// literal's indentation, asked apart) and at a brace (Python's f-strings write `{{` for `{`). Most keys
    /// and arguments have none: one list of the bytes instead of a decoding's value and offsets.
    private func verbatimContent(_ content: Range<Int>) -> [UInt8]? {
        view.bytes.withUnsafeBufferPointer { bytes -> [UInt8]? in
            guard content.upperBound <= bytes.count else { return nil }
            for index in content where ValueReader.changesInDecoding(bytes[index]) { return nil }
            return Array(UnsafeBufferPointer(rebasing: bytes[content]))
        }
    }

    /// Is `byte` a backslash, a brace or a line end? One bit test (a compare per byte, each a branch, was most
    /// of `verbatimContent`'s own work): the bytes below 64 and from 64 to 127 that decoding may change are bits
    /// of two words (constants once inlined).
    @inline(__always) private static func changesInDecoding(_ byte: UInt8) -> Bool {
        let newline = UInt64(UInt8(ascii: "\n")), carriageReturn = UInt64(UInt8(ascii: "\r"))
        let backslash = UInt64(UInt8(ascii: "\\")), openBrace = UInt64(UInt8(ascii: "{")), closeBrace = UInt64(UInt8(ascii: "}"))
        let below64: UInt64 = (1 as UInt64) << newline | (1 as UInt64) << carriageReturn
        let from64: UInt64 = (1 as UInt64) << (backslash - 64) | (1 as UInt64) << (openBrace - 64) | (1 as UInt64) << (closeBrace - 64)
        return byte < 128 && ((byte < 64 ? below64 : from64) >> UInt64(byte & 63)) & 1 != 0
    }

    /// The expression as a key: literal parts and holes.
    func keyExpr(_ range: Range<Int>) -> KeyExpr {
        let range = unwrappedKey(trimmed(range))
        guard !range.isEmpty else { return KeyExpr(parts: []) }
        if let operands = plusOperands(range) {
            // (A loop, not `flatMap(operand)`: that closure copied the reader in and out.)
            var parts: [KeyExpr.Part] = []
            for operand in operands { parts += self.operand(operand) }
            return KeyExpr(parts: parts)
        }
        return KeyExpr(parts: operand(range))
    }

    /// The operands of a concatenation with `+` at the top level of `range` (strings, or lists in
    /// `keys + ["empty"]`), untrimmed; nil when there is no `+`. (Lua-free languages' `<<` is too rare to matter.)
    func plusOperands(_ range: Range<Int>) -> [Range<Int>]? {
        var operands: [Range<Int>] = []  // (an empty array allocates nothing)
        var operandStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if let close = view.close(of: index), close < range.upperBound, view[index].kind != .stringHead {
                index = close + 1
                continue
            }
            if view.isPunct(index, "+") {
                operands.append(operandStart..<index)
                operandStart = index + 1
            }
            index += 1
        }
        return operands.isEmpty ? nil : operands + [operandStart..<range.upperBound]
    }

    /// `keyExpr(range)` for an argument already read by `argument(range)`: a lone string literal is not
    /// decoded a second time.
    func keyExpr(_ range: Range<Int>, read value: ArgumentValue) -> KeyExpr {
        let trimmed = trimmed(range)
        if case .literal(let bytes) = value, trimmed.count == 1, view[trimmed.lowerBound].kind == .string {
            return KeyExpr(parts: [.literal(bytes)])
        }
        // A lone name (`key`) was read as `.dynamic` of its text, which is the key's one hole.
        if case .dynamic(let text) = value, trimmed.count == 1, view[trimmed.lowerBound].kind == .identifier {
            return KeyExpr(parts: [.hole(text)])
        }
        return keyExpr(range)
    }

    /// One operand: a literal, an interpolated literal, adjacent literals (Python implicit
    /// concatenation), or anything else as one hole.
    private func operand(_ raw: Range<Int>) -> [KeyExpr.Part] {
        let range = trimmed(raw)
        guard !range.isEmpty else { return [] }
        // An operand that does not start with a literal is one hole (as the loop below would find at its
        // first token); the others get room for their parts at once (appending one at a time
        // reallocated the list as an interpolation's parts came).
        switch view[range.lowerBound].kind {
        case .string, .stringHead, .stringMiddle, .stringTail: break
        case .symbol where range.count == 1: break
        default: return [.hole(view.compactText(range))]
        }
        if view[range.lowerBound].kind == .stringHead, let parts = oneHoleInterpolation(range) { return parts }
        var parts: [KeyExpr.Part] = []
        parts.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let token = view[index]
            switch token.kind {
            // (Empty literals, such as an interpolation's closing quote, are left out as `KeyExpr` would
            // leave them: a key with one had its list of parts built a second time.)
            case .string:
                let bytes = decodedValue(token)
                if !bytes.isEmpty { parts.append(.literal(bytes)) }
                index += 1
            case .stringHead, .stringMiddle:
                let bytes = decodedValue(token)
                if !bytes.isEmpty { parts.append(.literal(bytes)) }
                let end = holeEnd(after: index, in: range)
                parts.append(.hole(view.compactText(index + 1..<end)))
                index = end
            case .stringTail:
                let bytes = decodedValue(token)
                if !bytes.isEmpty { parts.append(.literal(bytes)) }
                index += 1
            case .symbol where range.count == 1:
                // Ruby `:workers` (and `:"a b"`) name the key `workers`.
                let text = view.text(index).drop(while: { $0 == ":" })
                let unquoted = text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 ? text.dropFirst().dropLast() : text
                parts.append(.literal(Array(unquoted.utf8)))
                index += 1
            default:
                return [.hole(view.compactText(range))]
            }
        }
        return parts
    }

    /// Where the hole after the interpolation's literal part at `index` ends: at the next middle or tail part at
    /// this nesting level, or at the end of `range`.
    private func holeEnd(after index: Int, in range: Range<Int>) -> Int {
        var end = index + 1
        while end < range.upperBound, view[end].kind != .stringMiddle && view[end].kind != .stringTail {
            if let close = view.close(of: end), close < range.upperBound { end = close + 1 } else { end += 1 }
        }
        return end
    }

    /// `view.compactText(hole)`: a lone name's text at once when the compact text keeps it whole (most holes:
    /// `${id}`), the same bytes without the compact text's look at the tokens.
    private func holeText(_ hole: Range<Int>) -> String {
        if hole.count == 1, case let token = view[hole.lowerBound], token.kind == .identifier,
           Int(token.end - token.start) <= TokenView.compactTextLimit {
            return view.text(hole.lowerBound)
        }
        return view.compactText(hole)
    }

    /// `operand(range)` of an interpolation with one hole that is the whole range (`"user:${id}"`,
    /// `f"user:{id}"`: most keys that are no lone literal), nil for any other: its parts in a list literal made
    /// at its size, where reserving room went through the general growth path (~140 instructions more).
    private func oneHoleInterpolation(_ range: Range<Int>) -> [KeyExpr.Part]? {
        let end = holeEnd(after: range.lowerBound, in: range)
        guard end == range.upperBound - 1, view[end].kind == .stringTail else { return nil }
        let head = decodedValue(view[range.lowerBound])
        let hole = KeyExpr.Part.hole(holeText(range.lowerBound + 1..<end))
        let tail = decodedValue(view[end])
        // (Empty literal parts are left out, as the general loop leaves them.)
        switch (head.isEmpty, tail.isEmpty) {
        case (true, true): return [hole]
        case (false, true): return [.literal(head), hole]
        case (true, false): return [hole, .literal(tail)]
        case (false, false): return [.literal(head), hole, .literal(tail)]
        }
    }

    /// The expression as a non-key argument.
    func argument(_ range: Range<Int>) -> ArgumentValue { argumentAndKey(range).value }

    /// `argument(raw)`, and `keyExpr(raw)` when reading the argument built that key already (an
    /// interpolation, a concatenation): an op's keys are among its arguments, and building such a key
    /// again decoded its literals and joined its holes' texts a second time.
    func argumentAndKey(_ raw: Range<Int>) -> (value: ArgumentValue, key: KeyExpr?) {
        let read = argumentAndKeyLeavingText(raw)
        if let value = read.value { return (value, read.key) }
        return (leftText(of: raw, key: read.key!), read.key)
    }

    /// The value `argumentAndKeyLeavingText(raw)` left out, made from the key it handed out.
    func leftText(of raw: Range<Int>, key: KeyExpr) -> ArgumentValue {
        .dynamic(text(of: trimmed(raw), key: key))
    }

    /// `argumentAndKey(raw)`, but a value that would be a text made from the key the reading built (an
    /// interpolation's display, an expression's compact text) is left out (nil) when that key is handed
    /// out: most such arguments are an op's keys, whose value's text no one reads. `text(of:key:)` of the
    /// trimmed argument and its key makes it.
    func argumentAndKeyLeavingText(_ raw: Range<Int>) -> (value: ArgumentValue?, key: KeyExpr?) {
        let range = trimmed(raw)
        if range.count == 1 {
            let token = view[range.lowerBound]
            if token.kind == .string { return (.literal(decodedValue(token)), nil) }
            if token.kind == .number { return (.number(view.text(range.lowerBound)), nil) }
            if token.kind == .symbol { return (.literal(Array(view.text(range.lowerBound).drop(while: { $0 == ":" }).utf8)), nil) }
            // A lone name (most arguments): what `keyExpr` would make of it is one hole, its text. (`trimmed`
            // has removed a leading `await`/`try`, the only names that would read otherwise.)
            // (The token's text at once when the compact text keeps it whole: the same bytes, without the
            // compact text's copy into a buffer.)
            if token.kind == .identifier {
                return (.dynamic(Int(token.end - token.start) <= TokenView.compactTextLimit ? view.text(range.lowerBound) : view.compactText(range)), nil)
            }
        }
        if range.count == 2, view.isPunct(range.lowerBound, "-"), view.kind(range.lowerBound + 1) == .number {
            return (.number("-" + view.text(range.lowerBound + 1)), nil)
        }
        let key = keyExpr(range)
        // `keyExpr(raw)` trims `raw` once where this trimmed it twice: the same key when a second trim
        // changes nothing (always, but for layout after an `await`).
        let keyOfRaw = trimmed(range) == range ? key : nil
        if let bytes = key.literalBytes, !range.isEmpty { return (.literal(bytes), keyOfRaw) }
        guard let keyOfRaw else { return (.dynamic(text(of: range, key: key)), nil) }
        return (nil, keyOfRaw)
    }

    /// The text of the value of argument `range` (trimmed) whose key is `key`, when that is no literal.
    func text(of range: Range<Int>, key: KeyExpr) -> String {
        // An interpolated literal reads best as `"user:${id}:*"`.
        if key.parts.contains(where: { if case .literal = $0 { return true } else { return false } }) {
            return key.display(quoted: true)
        }
        return view.compactText(range)
    }

    /// RediStack's `RedisKey("…")` / `RedisKey(rawValue: …)` wrap the key itself.
    private func unwrappedKey(_ range: Range<Int>) -> Range<Int> {
        guard range.count >= 4, view.isWord(range.lowerBound, "RedisKey"), view.isPunct(range.lowerBound + 1, "("),
              let close = view.close(of: range.lowerBound + 1), close == range.upperBound - 1 else { return range }
        var inner = range.lowerBound + 2
        if view.isWord(inner, "rawValue"), view.isPunct(inner + 1, ":") { inner += 2 }
        return inner..<close
    }

    /// Is the expression a literal false/nil (`false`, `False`, `nil`, `None`, `null`, `undefined`)?
    func isFalsy(_ range: Range<Int>) -> Bool {
        let range = trimmed(range)
        guard range.count == 1, view.kind(range.lowerBound) == .identifier else { return false }
        // (Bytewise: a list of the words and a `String` of the token per question cost more.)
        let token = range.lowerBound
        return view.is(token, "false") || view.is(token, "False") || view.is(token, "nil") || view.is(token, "None")
            || view.is(token, "null") || view.is(token, "undefined")
    }

    /// `range` without layout tokens at either end and without a leading `await`/`try`. Read over the
    /// token buffer, and a name is compared with the two words only when it has their length: asked for
    /// most arguments, keys and operands read, through the view each token test paid its bounds checks.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = min(range.upperBound, view.count)
        guard lower < upper else { return lower..<max(lower, upper) }
        view.tokens.withUnsafeBufferPointer { tokens in
            func layout(_ i: Int) -> Bool {
                let kind = tokens[i].kind
                return kind == .newline || kind == .indent || kind == .dedent
            }
            while lower < upper, layout(lower) { lower += 1 }
            while upper > lower, layout(upper - 1) { upper -= 1 }
            // `await x`, `try x`, `try await x` are the value x.
            while lower < upper {
                let token = tokens[lower]
                let length = token.end &- token.start
                guard token.kind == .identifier, length == 5 || length == 3,
                      view.isWord(lower, "await") || view.isWord(lower, "try") else { break }
                lower += 1
            }
        }
        return lower..<max(lower, upper)
    }
}
