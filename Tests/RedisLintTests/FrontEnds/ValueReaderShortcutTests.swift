import Testing
@testable import RedisLint
import RedisTestSupport

/// `ValueReader`'s shortcuts for a lone name (read as `.dynamic` of its text without building a key
/// first; as a key, the one hole of that text) and `KeyExpr`'s canonical fast path give what the
/// general paths give, on every token range of snippets in each language.
@Suite struct ValueReaderShortcutTests {
    private static let snippets: [(Language, String)] = [
        (.python, "r.set(key, value, ex=ttl); await r.get(name); r.hset(f\"user:{uid}\", \"a\" \"b\", x + 'y' + z, -1, 2.5, None, True)\n"),
        (.python, "def f(await_, try_):\n    return client.mget([k1, k2], *keys, **opts) or self.redis.incr(counter)\n"),
        (.ruby, "redis.set(key, :sym, \"a#{b}c\", 'lit', @ivar, $g, nil, &blk); redis.del(*keys); redis.get(:\"q r\")\n"),
        (.javascript, "await client.set(key, `k:${id}:${n + 1}`, 'v' + w, await x, obj.field, fn(a), -3, undefined);\n"),
        (.swift, "try await redis.set(RedisKey(\"k\"), to: value).get(); redis.get(RedisKey(rawValue: name), as: String.self)\n"),
    ]

    /// `ValueReader.argument` as it was before the lone-name shortcut.
    private static func generalArgument(_ values: ValueReader, _ raw: Range<Int>) -> ArgumentValue {
        let view = values.view
        let range = values.trimmed(raw)
        if range.count == 1 {
            let token = view[range.lowerBound]
            if token.kind == .string { return .literal(values.decode(token).value) }
            if token.kind == .number { return .number(view.text(range.lowerBound)) }
            if token.kind == .symbol { return .literal(Array(view.text(range.lowerBound).drop(while: { $0 == ":" }).utf8)) }
        }
        if range.count == 2, view.isPunct(range.lowerBound, "-"), view.kind(range.lowerBound + 1) == .number {
            return .number("-" + view.text(range.lowerBound + 1))
        }
        let key = values.keyExpr(range)
        if let bytes = key.literalBytes, !range.isEmpty { return .literal(bytes) }
        if key.parts.contains(where: { if case .literal = $0 { return true } else { return false } }) {
            return .dynamic("\"" + key.display + "\"")
        }
        return .dynamic(view.compactText(range))
    }

    private static func reader(_ language: Language, _ source: String) -> ValueReader {
        let bytes = Array(source.utf8)
        switch language {
        case .python: return ValueReader(view: TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)) { PythonLexer.decode($0, in: bytes) }
        case .ruby: return ValueReader(view: TokenView(bytes: bytes, tokens: RubyLexer.lex(bytes).tokens)) { RubyLexer.decode($0, in: bytes) }
        case .swift: return ValueReader(view: TokenView(bytes: bytes, tokens: SwiftLexer.lex(bytes).tokens)) { SwiftLexer.decode($0, in: bytes) }
        default: return ValueReader(view: TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)) { JavaScriptLexer.decode($0, in: bytes) }
        }
    }

    @Test func loneNamesReadAsTheGeneralPathReadsThem() {
        var ranges = 0, names = 0
        for (language, source) in Self.snippets {
            let values = Self.reader(language, source)
            let count = values.view.count
            #expect(count > 20)
            for start in 0..<count {
                for length in 0...6 where start + length <= count {
                    let range = start..<start + length
                    let value = values.argument(range)
                    #expect(value == Self.generalArgument(values, range), "\(language) \(values.view.compactText(range))")
                    #expect(values.keyExpr(range, read: value) == values.keyExpr(range), "\(language) \(values.view.compactText(range))")
                    ranges += 1
                    if length == 1, values.view.kind(start) == .identifier { names += 1 }
                }
            }
        }
        #expect(ranges > 1000)
        #expect(names > 50)
    }

    /// The key `argumentAndKey` hands on with an argument is the one the op builder built before from the
    /// range and the value read (`keyExpr(_:read:)`), and the one `keyExpr` makes of the range alone.
    @Test func keysBuiltWhileReadingAnArgumentAreTheKeysOfItsRange() {
        var handedOn = 0
        Self.forEachRange { language, values, range in
            let (value, key) = values.argumentAndKey(range)
            if let key {
                #expect(key == values.keyExpr(range, read: value), "\(language) \(values.view.compactText(range))")
                #expect(key == values.keyExpr(range), "\(language) \(values.view.compactText(range))")
                handedOn += 1
            }
        }
        #expect(handedOn > 300)
    }

    /// Calls `body` with every token range of up to six tokens of each snippet, and the snippet's reader.
    private static func forEachRange(_ body: (Language, ValueReader, Range<Int>) -> Void) {
        for (language, source) in snippets {
            let values = reader(language, source)
            let count = values.view.count
            for start in 0..<count {
                for length in 0...6 where start + length <= count { body(language, values, start..<start + length) }
            }
        }
    }

    /// `argumentAndKeyLeavingText` reads what the general path reads, but for a text made from the key it
    /// hands on (an interpolation's display, an expression's compact text), which it leaves out: the key is
    /// then the key of the range, and `text(of:key:)` of the trimmed range makes the text that was left.
    @Test func textsLeftOutAreTheTextsOfTheirKeys() {
        var left = 0, read = 0
        Self.forEachRange { language, values, range in
            let (value, key) = values.argumentAndKeyLeavingText(range)
            let expected = Self.generalArgument(values, range)
            if let value {
                #expect(value == expected, "\(language) \(values.view.compactText(range))")
                read += 1
            } else if let key {
                #expect(key == values.keyExpr(range), "\(language) \(values.view.compactText(range))")
                #expect(.dynamic(values.text(of: values.trimmed(range), key: key)) == expected, "\(language) \(values.view.compactText(range))")
                left += 1
            } else {
                Issue.record("no value and no key: \(language) \(values.view.compactText(range))")
            }
        }
        #expect(left > 1000 && read > 80)
    }

    /// `KeyExpr(parts:)` as it was: always merged into a new array.
    private static func merged(_ parts: [KeyExpr.Part]) -> [KeyExpr.Part] {
        var merged: [KeyExpr.Part] = []
        for part in parts {
            if case .literal(let bytes) = part {
                if bytes.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + bytes)
                    continue
                }
            }
            merged.append(part)
        }
        return merged
    }

    @Test func canonicalPartsAreKeptAsTheMergeWouldMakeThem() {
        let pieces: [KeyExpr.Part] = [.literal([]), .literal(Array("a".utf8)), .literal(Array("bc:".utf8)), .hole("x"), .hole(""), .hole("y.z")]
        var random = SeededRandom(seed: 0x5EED)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var kept = 0
        for _ in 0..<5000 {
            let parts = (0..<next(6)).map { _ in pieces[next(pieces.count)] }
            #expect(KeyExpr(parts: parts).parts == Self.merged(parts), "\(parts)")
            if KeyExpr.isCanonical(parts) { kept += 1 }
        }
        #expect(kept > 500 && kept < 4500)
    }

    /// `KeyExpr.display(quoted:)` writes what joining the quotes and each part decoded alone gives (the
    /// display as it was built before), bytes that are not UTF-8 repaired alike.
    @Test func displayDecodesEachPartAsAlone() {
        func joined(_ key: KeyExpr) -> String {
            var out = ""
            for part in key.parts {
                switch part {
                case .literal(let bytes): out += String(decoding: bytes, as: UTF8.self)
                case .hole(let expression): out += "${" + expression + "}"
                }
            }
            return out
        }
        let keys: [KeyExpr] = [
            KeyExpr(parts: []),
            KeyExpr(parts: [.literal(Array("user:".utf8)), .hole("id")]),
            KeyExpr(parts: [.hole("a"), .literal(Array(":é:".utf8)), .hole("b + 1"), .literal(Array(":x".utf8))]),
            KeyExpr(parts: [.literal([0x61, 0xE2, 0x82]), .hole("n"), .literal([0xFF, 0x62, 0xC3])]),
            KeyExpr(parts: [.literal(Array(repeating: 0x6B, count: 40)), .hole(String(repeating: "v", count: 30))]),
        ]
        for key in keys {
            #expect(Array(key.display(quoted: true).utf8) == Array(("\"" + joined(key) + "\"").utf8), "\(key.parts)")
            #expect(Array(key.display.utf8) == Array(joined(key).utf8), "\(key.parts)")
        }
    }

    /// `trimmed` (over the token buffer, names compared with `await`/`try` only at their lengths) trims
    /// what the token view's tests trim, on every token range of the snippets and of lines that stack
    /// `await`, `try`, names of their lengths and line breaks, also past the last token.
    @Test func trimmedAsTheViewTrims() {
        let extra: [(Language, String)] = [
            (.javascript, "f(await try x, awaits, tries, await\n  y, trx, await await z,\n  aw8it, try\n)\n"),
            (.swift, "f(try await x, try? y, tr, await\n z, awaitable, try try w)\n"),
            (.python, "f(\n    await x,\n    tryit,\n    aawait\n)\n"),
        ]
        var compared = 0
        for (language, source) in Self.snippets + extra {
            let values = Self.reader(language, source)
            let view = values.view
            func plain(_ range: Range<Int>) -> Range<Int> {
                var lower = range.lowerBound, upper = min(range.upperBound, view.count)
                func layout(_ i: Int) -> Bool { view[i].kind == .newline || view[i].kind == .indent || view[i].kind == .dedent }
                while lower < upper, layout(lower) { lower += 1 }
                while upper > lower, layout(upper - 1) { upper -= 1 }
                while lower < upper, view.isWord(lower, "await") || view.isWord(lower, "try") { lower += 1 }
                return lower..<max(lower, upper)
            }
            for start in 0..<view.count {
                for length in 0...8 {
                    #expect(values.trimmed(start..<start + length) == plain(start..<start + length), "\(language) \(start) \(length)")
                    compared += 1
                }
            }
        }
        #expect(compared > 500)
    }

    /// `decodedValue` (no decoding when a literal part has no content) gives each string token's decoded
    /// value, on literals and interpolations of every language: empty closing parts (`}"`, `` }` ``, `)"`,
    /// a heredoc's), doubled braces, escapes, raw and multi-line forms, empty literals.
    @Test func decodedValueIsTheDecodedValue() {
        let extra: [(Language, String)] = [
            (.python, "f\"{a}\"; f\"x{a}{b}\"; rf\"{a}\\d\"; f'{a}}}}'; f\"{{{a}\"; f\"\"\"{a}\n\"\"\"; \"\"; ''; b\"\"; f\"{a!r:>{w}}\"\n"),
            (.ruby, "\"#{a}\"; \"#{a}#{b}\"; %Q{#{a}}; \"\"; ''; <<~EOS\n  #{a}\n  EOS\nx = \"a\\n#{b}\\t\"\n"),
            (.javascript, "`${a}`; `${a}${b}`; `x${a}\\n`; ''; \"\"; `${`${a}`}`; ``\n"),
            (.swift, "\"\\(a)\"; \"\\(a)\\(b)\"; #\"\\#(a)\"#; \"\"; \"\"\"\n  \\(a)\n  \"\"\"\n"),
            // Contents kept as they are and not: hash tags, doubled braces, escapes, line ends, raw forms, UTF-8.
            (.python, "r.set('{user}:1', \"a{{b}}\", f\"{{x}}\", f\"{x}{{\", 'é:ü', r'a\\b', b'k', 'a\\\nb', '''x\n  y''', 'tab\\t', \"q\\\"q\")\r\n"),
            (.ruby, "r.set('{user}:1', \"a\\n\", 'it\\'s', %q(a(b)c), %w[a b], :\"s y\", \"é\", \"#{a}}\", <<-EOS\n  x\n  EOS\n)\n"),
            (.javascript, "r.set('{user}:1', \"a\\u0041\", `x{y}`, 'é', '\\\n', \"line\\r\")\r\n"),
            (.swift, "r.set(\"{user}:1\", \"a\\u{41}\", #\"a\\b\"#, ##\"a\\#(b)\"##, \"é\", \"\\0\")\n"),
        ]
        var compared = 0, empty = 0
        for (language, source) in Self.snippets + extra {
            let values = Self.reader(language, source)
            for token in values.view.tokens {
                switch token.kind {
                case .string, .stringHead, .stringMiddle, .stringTail:
                    #expect(values.decodedValue(token) == values.decode(token).value, "\(language) \(token)")
                    compared += 1
                    if token.contentEnd <= token.contentStart { empty += 1 }
                default: break
                }
            }
        }
        #expect(compared > 60)
        #expect(empty > 15)
    }
}
