import Testing
import RedisTestSupport
@testable import RedisLint

/// `ChainParser.allCalls` passes over names whose next token no chain continues with; its fast paths
/// (one-name receivers, the shared empty receiver, top-level commas read over buffers) must find
/// exactly what the plain path finds: every name tried, every receiver built with `compactText`, every
/// argument list split by a simple walk.
@Suite struct ChainScreenTests {
    /// Random token soup in one language's operators and words: brackets balanced or not, chains
    /// broken over lines, `new`, `?.`, `!`, Ruby's paren-less calls, names longer than the 200 bytes
    /// a compact text keeps.
    static func soup(seed: UInt64, tokens: Int, language: Language) -> String {
        var random = SeededRandom(seed: seed)
        var words = ["r", "redis", "self", "this", "client", "get", "set", "new", "def", "function", "if", "return", "do",
                     "end", "const", "async", "await", "and", "in", "Redis", "pipeline", "x", "k", "as"]
        words.append(String(repeating: "long_name_", count: 25))
        var operators = ["(", ")", "[", "]", "{", "}", ",", ".", "=", ":", ";", "!", "?", "*", "**", "+", "-", "<", ">", "=>"]
        switch language {
        case .ruby: operators += ["&.", "::", "\\"]
        case .javascript: operators += ["?.", "..."]
        default: break
        }
        let literals = ["\"s\"", "'k:1'", "42", "3.5"]
        // Pieces of calls, so the soup holds many chains to break.
        let calls = ["r.get(", "f(", ".set(", "new Redis(", "self.r.pipeline().", "?.exec(", "x!.y(", "(client).hget(", "[1, 2].each", ")", ")", ")"]
        var text = ""
        for _ in 0..<tokens {
            switch random.below(12) {
            case 0...4: text += random.pick(words)
            case 5...7: text += random.pick(operators)
            case 8: text += random.pick(literals)
            case 9, 10: text += random.pick(calls)
            default: text += random.pick(["\n", "\n    ", "\n  ."])
            }
            if random.chance(40) { text += " " }
        }
        return text + "\n"
    }

    /// The top-level comma-separated pieces of `range`, non-empty, by a plain walk (`close(of:)` and `isPunct`
    /// per token): the reference the buffer-reading splits are checked against.
    static func plainSplit(_ view: TokenView, _ range: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var begin = range.lowerBound, index = range.lowerBound
        while index < range.upperBound {
            if let close = view.close(of: index), close < range.upperBound { index = close + 1; continue }
            if view.isPunct(index, ",") { pieces.append(begin..<index); begin = index + 1 }
            index += 1
        }
        pieces.append(begin..<range.upperBound)
        return pieces.filter { !$0.isEmpty }
    }

    static func tokenView(_ source: String, _ language: Language) -> TokenView {
        let bytes = Array(source.utf8)
        switch language {
        case .python: return TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        case .ruby: return TokenView(bytes: bytes, tokens: RubyLexer.lex(bytes).tokens)
        case .javascript: return TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        case .swift, .lua: return TokenView(bytes: bytes, tokens: SwiftLexer.lex(bytes).tokens)
        }
    }

    static func syntax(_ language: Language) -> ChainSyntax {
        switch language {
        case .python: return FrontEnd.pythonSyntax
        case .ruby: return FrontEnd.rubySyntax
        case .javascript: return FrontEnd.javaScriptSyntax
        case .swift, .lua: return FrontEnd.swiftSyntax
        }
    }

    /// Everything a call site holds, as one comparable line.
    static func describe(_ call: CallSite, in calls: FileCalls, view: TokenView) -> String {
        let arguments = calls.arguments(of: call).map { "\($0.label(in: view) ?? "-") \($0.tokens) \($0.isSplat) \($0.isKeywordSplat)" }
        return "\(call.receiverTokens) \(calls.names.receiver(call)) \(call.receiverID) \(String(describing: call.receiverCall)) \(calls.names.method(call)) "
            + "\(call.methodID) \(call.nameToken) \(arguments) \(call.hasArgumentList) \(call.isConstruction) \(call.firstToken) "
            + "\(call.lastToken) \(call.argumentTokens)"
    }

    /// The generated files and the soups of each language.
    static func sources(_ language: Language, seed: UInt64) -> [String] {
        [TracerPartsTests.generated(language, seed: seed, blocks: 80), soup(seed: seed, tokens: 3_000, language: language)]
    }

    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [1, 2, 3])
    func screenedNamesFindTheSameCalls(language: Language, seed: Int) {
        for source in ChainScreenTests.sources(language, seed: UInt64(seed)) {
            let view = ChainScreenTests.tokenView(source, language)
            let screened = ChainParser(view: view, syntax: ChainScreenTests.syntax(language)).allCalls()
            var plain = ChainParser(view: view, syntax: ChainScreenTests.syntax(language))
            plain.screensNames = false
            let everyName = plain.allCalls()
            #expect(screened.sites.count > 20)
            #expect(screened.sites.map { ChainScreenTests.describe($0, in: screened, view: view) }
                    == everyName.sites.map { ChainScreenTests.describe($0, in: everyName, view: view) })
        }
    }

    /// A receiver of one name is numbered from its bytes, not built by `compactText`: the same text, also
    /// for a name past `compactText`'s limit.
    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [4, 5])
    func oneNameReceiversAreTheirCompactText(language: Language, seed: Int) {
        var checked = 0
        for source in ChainScreenTests.sources(language, seed: UInt64(seed)) + ["\(String(repeating: "n", count: 230)).get(k)\n"] {
            let view = ChainScreenTests.tokenView(source, language)
            let calls = ChainParser(view: view, syntax: ChainScreenTests.syntax(language)).allCalls()
            for call in calls.sites where call.receiverTokens.count == 1 {
                #expect(calls.names.receiver(call) == view.compactText(call.receiverTokens))
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    /// A receiver written without blanks (`self.redis`, `redis.multi()`) is numbered from its bytes in
    /// the file, not built by `compactText`: every receiver not wrapped in parentheses is still its compact
    /// text, with blanks, line breaks, words in a row and past `compactText`'s 200-byte limit.
    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [8, 9])
    func receiversAreTheirCompactText(language: Language, seed: Int) {
        let long = String(repeating: "n", count: 120)
        let extra = "self . redis.get(k)\nself.redis.get(k)\na.b().c(d)\nx[0].y(z)\n\(long).\(long).get(k)\n\(long).get(k)\n"
        var checked = 0
        for source in ChainScreenTests.sources(language, seed: UInt64(seed)) + [extra] {
            let view = ChainScreenTests.tokenView(source, language)
            let calls = ChainParser(view: view, syntax: ChainScreenTests.syntax(language)).allCalls()
            for call in calls.sites where !call.receiverTokens.isEmpty && !view.isPunct(call.receiverTokens.lowerBound, "(") {
                #expect(calls.names.receiver(call) == view.compactText(call.receiverTokens))
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// `splitArguments` against a plain walk (`close(of:)` and `isPunct` per token) on every bracket pair
    /// of the soups, and on ranges that run past the tokens.
    @Test(arguments: [Language.python, .ruby, .javascript], [6, 7])
    func argumentsSplitAsAPlainWalkSplitsThem(language: Language, seed: Int) {
        let view = ChainScreenTests.tokenView(ChainScreenTests.soup(seed: UInt64(seed), tokens: 2_000, language: language), language)
        let parser = ChainParser(view: view, syntax: ChainScreenTests.syntax(language))
        var ranges = (0..<view.count).compactMap { open in view.close(of: open).map { open + 1..<$0 } }
        ranges += [0..<view.count, view.count - 5..<view.count + 7]
        var compared = 0
        for range in ranges {
            let split = parser.splitArguments(range)
            let expected = ChainScreenTests.plainSplit(view, range)
            #expect(split.count == expected.count, "\(range)")
            // Each argument lies inside its piece (layout tokens and labels are trimmed off its front).
            for (argument, piece) in zip(split, expected) {
                #expect(argument.tokens.upperBound <= piece.upperBound && argument.tokens.lowerBound >= piece.lowerBound, "\(range)")
            }
            compared += split.count
        }
        #expect(compared > 100)
    }

    /// `ArgumentReader` (over the buffers) reads each argument's layout, label and splat as the token
    /// view's tests read them, for every label style, on every bracket pair of the soups and on ranges
    /// that run past the tokens.
    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [10, 11])
    func argumentsReadAsTheViewReadsThem(language: Language, seed: Int) {
        var labelled = 0, splats = 0
        for source in [ChainScreenTests.soup(seed: UInt64(seed), tokens: 2_000, language: language),
                       ChainScreenTests.argumentSoup(seed: UInt64(seed), calls: 300)] {
            let counts = compareArguments(ChainScreenTests.tokenView(source, language), ChainScreenTests.syntax(language))
            labelled += counts.labelled
            splats += counts.splats
        }
        #expect(splats > 10)
        if ChainScreenTests.syntax(language).labels != .none { #expect(labelled > 10) }
    }

    /// Calls whose arguments are labelled (each language's way and the others'), spread, nested, split over
    /// lines or empty.
    static func argumentSoup(seed: UInt64, calls: Int) -> String {
        var random = SeededRandom(seed: seed)
        let pieces = ["k", "ex=10", "ex = 10", "ex: 10", ":ex => 10", "*keys", "**opts", "...rest", "* k", "f(a, b)", "[1, *b]", "\n  k",
                      "k\n", "\"s\"", "x.y", "", "=", ":"]
        var text = ""
        for _ in 0..<calls {
            text += "r.call("
            for position in 0..<random.below(5) {
                if position > 0 { text += random.chance(10) ? ",\n  " : ", " }
                text += random.pick(pieces)
            }
            text += ")\n"
        }
        return text
    }

    /// Compares `splitArguments` with the token view's reading on every bracket pair of `view` and on
    /// ranges that run past the tokens; returns how many labelled and spread arguments it saw.
    func compareArguments(_ view: TokenView, _ syntax: ChainSyntax) -> (labelled: Int, splats: Int) {
        let parser = ChainParser(view: view, syntax: syntax)
        func isLayout(_ index: Int) -> Bool {
            guard let kind = view.kind(index) else { return false }
            return kind == .newline || kind == .indent || kind == .dedent
        }
        func describe(_ argument: ArgumentSyntax) -> String {
            "\(argument.tokens) \(argument.label(in: view) ?? "-") \(argument.isSplat) \(argument.isKeywordSplat)"
        }
        func plainArgument(_ raw: Range<Int>) -> String {
            var lower = raw.lowerBound, upper = raw.upperBound
            while lower < upper, isLayout(lower) { lower += 1 }
            while upper > lower, isLayout(upper - 1) { upper -= 1 }
            var label: String? = nil
            switch syntax.labels {
            case .colon:
                if view.kind(lower) == .identifier, view.isPunct(lower + 1, ":"), lower + 2 <= upper {
                    label = view.text(lower); lower += 2
                } else if view.kind(lower) == .symbol, view.isPunct(lower + 1, "=>") {
                    label = String(view.text(lower).dropFirst()); lower += 2
                }
            case .equals:
                if view.kind(lower) == .identifier, view.isPunct(lower + 1, "=") { label = view.text(lower); lower += 2 }
            case .none:
                break
            }
            let isKeywordSplat = view.isPunct(lower, "**")
            let isSplat = view.isPunct(lower, "*") || view.isPunct(lower, "...") || isKeywordSplat
            if isSplat { lower += 1 }
            return "\(lower..<max(lower, upper)) \(label ?? "-") \(isSplat) \(isKeywordSplat)"
        }
        var ranges = (0..<view.count).compactMap { open in view.close(of: open).map { open + 1..<$0 } }
        ranges += [0..<view.count, view.count - 5..<view.count + 7]
        var labelled = 0, splats = 0
        for range in ranges {
            let split = parser.splitArguments(range)
            #expect(split.map(describe) == ChainScreenTests.plainSplit(view, range).map(plainArgument), "\(range)")
            labelled += split.filter(\.hasLabel).count
            splats += split.filter(\.isSplat).count
        }
        return (labelled, splats)
    }
}
