/// Finds call chains in a token stream: `a.b(x).c(y)`, `Redis.new(url: u)`, `new Redis()`,
/// Ruby's paren-less `redis.set key, value`. Language differences are parameters.
struct ChainSyntax {
    enum LabelStyle { case none, colon, equals }
    /// Member-access operators (`.`, `&.`, `?.`, `::`), packed for `ChainSyntax.isSeparator`.
    let separators: [UInt32]
    /// Per byte, what an operator starting with it can be to the parser (`startsSeparator`,
    /// `separatorAlone`, `continuesChain`, `opensBracket` bits): one table load per test, where the
    /// separator screen alone was two masks and shifts.
    let operatorClasses: [UInt8]
    /// Ruby: `recv.meth arg, arg` and `recv.meth` (no parentheses) are calls.
    let parenlessCalls: Bool
    let labels: LabelStyle
    /// JavaScript's `new X(...)`.
    let newKeyword: Bool
    /// Words that end a paren-less argument list (Ruby's `do`, modifier `if`).
    let argumentStoppers: ByteWords
    /// Words that are never a receiver (`if`, `return`...).
    let keywords: ByteWords
    /// JavaScript: `name(params) {` is a method definition, not a call.
    let braceAfterParametersIsDefinition: Bool

    /// The word sets are matched on bytes, built here once per syntax (`FrontEnd` keeps one per
    /// language) rather than per file.
    init(separators: [StaticString], parenlessCalls: Bool, labels: LabelStyle, newKeyword: Bool,
         argumentStoppers: Set<String> = [], keywords: Set<String> = [], braceAfterParametersIsDefinition: Bool = false) {
        self.separators = separators.map { separator in
            precondition(separator.utf8CodeUnitCount == 1 || separator.utf8CodeUnitCount == 2, "a separator is one or two bytes")
            return separator.withUTF8Buffer { ChainSyntax.packSeparator($0[0], $0.count == 2 ? $0[1] : nil) }
        }
        var classes = [UInt8](repeating: 0, count: 256)
        for separator in separators {
            let first = Int(separator.utf8Start[0])
            precondition(first < 128, "a separator is ASCII")
            classes[first] |= ChainSyntax.startsSeparator | ChainSyntax.continuesChain
            if separator.utf8CodeUnitCount == 1 { classes[first] |= ChainSyntax.separatorAlone }
        }
        for byte in [ASCII.lparen, ASCII.lbracket] { classes[Int(byte)] |= ChainSyntax.opensBracket | ChainSyntax.continuesChain }
        for byte in [ASCII.question, ASCII.bang] { classes[Int(byte)] |= ChainSyntax.continuesChain }
        operatorClasses = classes
        self.parenlessCalls = parenlessCalls
        self.labels = labels
        self.newKeyword = newKeyword
        self.argumentStoppers = ByteWords(argumentStoppers)
        self.keywords = ByteWords(keywords)
        self.braceAfterParametersIsDefinition = braceAfterParametersIsDefinition
    }

    /// `operatorClasses` bits. A separator starts with the byte:
    static let startsSeparator: UInt8 = 1
    /// The byte alone is a separator (`.`):
    static let separatorAlone: UInt8 = 2
    /// A name followed by an operator starting with the byte may start a chain (`(`, `[`, `?`, `!`, a separator's first byte):
    static let continuesChain: UInt8 = 4
    /// The byte alone opens a literal receiver (`(`, `[`):
    static let opensBracket: UInt8 = 8

    /// A one- or two-byte operator as one integer: length, second byte, first byte.
    @inline(__always) static func packSeparator(_ first: UInt8, _ second: UInt8?) -> UInt32 {
        guard let second else { return 1 << 16 | UInt32(first) }
        return 2 << 16 | UInt32(second) << 8 | UInt32(first)
    }

    /// Is `token` a member-access operator? `classes` is `operatorClasses` over its buffer (the screens
    /// ask this of most tokens). Most operators fail on their first byte, which no separator starts with,
    /// and a one-byte separator (`.`, the most common) is answered by its class without the list.
    @inline(__always) func isSeparator(_ token: Token, bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.kind == .punct else { return false }
        let start = Int(token.start)
        let byteClass = classes[Int(bytes[start])]
        guard byteClass & ChainSyntax.startsSeparator != 0 else { return false }
        let length = token.end &- token.start
        if length == 1 { return byteClass & ChainSyntax.separatorAlone != 0 }
        // (One integer per separator instead of a byte loop per `StaticString`.)
        return length == 2 && separators.contains(ChainSyntax.packSeparator(bytes[start], bytes[start + 1]))
    }

    /// No separators, labels or paren-less calls: what splitting a list at its commas needs (`splitArguments`).
    /// Made once: made per list split, its tables and word lists cost about 4,400 instructions a list.
    static let plain = ChainSyntax(separators: [], parenlessCalls: false, labels: .none, newKeyword: false)

    /// `def f(x)`, `function f(x)`, `func f(x)`: the name is declared, not called.
    static let definitionWords: Set<String> = ["def", "function", "func", "fn", "init", "class", "struct", "enum", "protocol", "extension", "module", "interface", "get", "set", "static", "async"]
}

struct ChainParser {
    let view: TokenView
    let syntax: ChainSyntax
    /// `syntax`'s word sets, matched on bytes.
    private let keywords: ByteWords
    private let argumentStoppers: ByteWords
    private static let sharedDefinitionWords = ByteWords(ChainSyntax.definitionWords)
    private static let sharedNonArgumentWords = ByteWords(["and", "or", "then", "in", "rescue", "ensure"])
    /// The shared sets, held by the parser: read through the globals, every token paid a `swift_once` call.
    private let definitionWords = ChainParser.sharedDefinitionWords
    private let nonArgumentWords = ChainParser.sharedNonArgumentWords

    /// Off: every name goes through `startsChain`, every bracket and literal through `startsLiteralChain` (the
    /// plain paths), for tests that compare them with the screens (`ChainScreen`).
    var screensNames = true

    init(view: TokenView, syntax: ChainSyntax) {
        self.view = view
        self.syntax = syntax
        keywords = syntax.keywords
        argumentStoppers = syntax.argumentStoppers
    }

    /// Every call site in the file, ordered by where the call ends (evaluation order for nested calls),
    /// with their arguments.
    func allCalls() -> FileCalls {
        var lists = ChainLists(tokenCount: view.count)
        let count = view.count
        let screens = screensNames
        // Over the buffers (`ChainScreen`): the screens run for most tokens of the file.
        view.tokens.withUnsafeBufferPointer { tokens in
            view.bytes.withUnsafeBufferPointer { bytes in
                view.partner.withUnsafeBufferPointer { partner in
                    syntax.operatorClasses.withUnsafeBufferPointer { classes in
                        let screen = ChainScreen(tokens: tokens, bytes: bytes, partner: partner, classes: classes, syntax: syntax,
                                                 keywords: keywords, definitionWords: definitionWords)
                        var index = 0
                        while index < count {
                            // The kind picks the one screen that can pass (only names start named chains, only
                            // literals and brackets literal ones), read once here.
                            switch tokens[index].kind {
                            case .identifier:
                                // Most names are followed by a token no chain goes on with (`,`, `)`, `=`, another
                                // name): the screen looks at the next token first.
                                if screens ? screen.startsNamedChain(index) : startsChain(index) {
                                    parseChain(at: index, screen: screen, into: &lists)
                                }
                            case .punct:
                                // Of the operators, only `[` and `(` open a literal receiver.
                                if screens ? screen.bracketStartsChain(index) : opensBracket(index) && startsLiteralChain(index) {
                                    parseChain(at: index, literalEnd: screen.close(of: index) ?? index, screen: screen, into: &lists)
                                }
                            case .string, .symbol, .number:
                                // A literal's member access is an operator right after it (almost always absent).
                                if screens ? screen.literalStartsChain(index)
                                    : index + 1 < count && tokens[index + 1].kind == .punct && startsLiteralChain(index) {
                                    parseChain(at: index, literalEnd: screen.close(of: index) ?? index, screen: screen, into: &lists)
                                }
                            default:
                                break
                            }
                            index += 1
                        }
                    }
                }
            }
        }
        // Sort by end, then re-point the receiver links to the new positions.
        // Small keys are sorted, not indices compared through the calls: each comparison read two calls'
        // fields from the big array. Token indices fit in 32 bits (token offsets are 32-bit), so
        // (last, first) packs into one UInt64; the index breaks ties, so the order is the same total order.
        // (The key, index and call lists are written through their buffers: appending and storing
        // through the arrays checked each array's uniqueness per element, a runtime call.)
        var calls = lists.calls
        lists.calls = []
        var keys = [(UInt64, Int)](filled: (0, 0), count: calls.count)
        var newIndex = [Int](filled: 0, count: calls.count)
        calls.withUnsafeMutableBufferPointer { calls in
            keys.withUnsafeMutableBufferPointer { keys in
                for index in calls.indices {
                    assert(calls[index].firstToken >= 0 && calls[index].lastToken >= 0)
                    keys[index] = (UInt64(UInt32(truncatingIfNeeded: calls[index].lastToken)) << 32
                                   | UInt64(UInt32(truncatingIfNeeded: calls[index].firstToken)), index)
                }
            }
            ChainParser.sortNearlySorted(&keys)
            newIndex.withUnsafeMutableBufferPointer { newIndex in
                keys.withUnsafeBufferPointer { keys in
                    for position in keys.indices { newIndex[keys[position].1] = position }
                }
                for index in calls.indices {
                    if let receiver = calls[index].receiverCall { calls[index].receiverCall = newIndex[receiver] }
                }
                // Permute in place by swapping along cycles: copying every call into a new array retained and
                // released all its strings and arguments. Swapped in the buffer, which moves the calls' memory:
                // the array's own `swapAt` copied (retained and released) both calls of each swap.
                for position in calls.indices {
                    while newIndex[position] != position {
                        let target = newIndex[position]
                        calls.swapAt(position, target)
                        newIndex.swapAt(position, target)
                    }
                }
            }
        }
        return FileCalls(sites: calls, names: CallNames(methods: lists.names.names, receivers: lists.receivers.names), argumentList: lists.arguments)
    }

    /// Sorts `keys` into ascending order. The parser lists calls nearly in order of their ends: a call is
    /// listed before the calls in its arguments, which end before it, so each of those moves back past the
    /// calls around it only. An insertion sort does that in one step per move (the general sort compared
    /// every key about log n times); past a budget of moves (deeply nested calls) the general sort finishes.
    /// The keys are distinct, so either way gives the one ascending order.
    static func sortNearlySorted(_ keys: inout [(UInt64, Int)]) {
        guard keys.count > 1 else { return }
        let budget = 8 * keys.count + 64
        let sorted = keys.withUnsafeMutableBufferPointer { keys -> Bool in
            var moves = 0
            for position in 1..<keys.count {
                let key = keys[position]
                var slot = position
                while slot > 0, key < keys[slot - 1] {
                    keys[slot] = keys[slot - 1]
                    slot -= 1
                }
                keys[slot] = key
                moves += position - slot
                if moves > budget { return false }
            }
            return true
        }
        if !sorted { keys.sort { $0 < $1 } }
    }

    /// Is token `index` a member-access operator? (The plain paths' test, `ChainSyntax.isSeparator`.)
    private func isSeparator(_ index: Int) -> Bool {
        guard index >= 0 && index < view.tokens.count else { return false }
        let token = view.tokens[index]
        return view.bytes.withUnsafeBufferPointer { bytes in
            syntax.operatorClasses.withUnsafeBufferPointer { syntax.isSeparator(token, bytes: bytes, classes: $0) }
        }
    }

    /// Literal receivers: `[1, 2].each`, `%w[a b].each`, `"a,b".split`, `(client as any).sadd`.
    private func startsLiteralChain(_ index: Int) -> Bool {
        // This runs for every token that starts no named chain: the member access after the literal
        // is tested first, as it fails for almost every token (`,`, `)`, `=`, strings passed as
        // arguments); the token before it only then.
        switch view[index].kind {
        case .string, .symbol:
            guard isSeparator(index + 1) else { return false }
        case .number:
            guard isSeparator(index + 1), view.kind(index + 2) == .identifier else { return false }  // `10.times do`
        case .punct:
            guard view.isPunct(index, "[") || view.isPunct(index, "("), let close = view.close(of: index),
                  isSeparator(close + 1), view.kind(close + 2) == .identifier else { return false }
        default:
            return false
        }
        return !isSeparator(index - 1) && (view.kind(index - 1) != .identifier || keywords.contains(view, index - 1))
    }

    /// Is the operator at `index` `[` or `(`?
    @inline(__always) private func opensBracket(_ index: Int) -> Bool {
        let token = view.tokens[index]
        guard token.end - token.start == 1 else { return false }
        let byte = view.bytes[Int(token.start)]
        return byte == ASCII.lbracket || byte == ASCII.lparen
    }

    /// A chain starts at a name that does not itself follow a member-access operator.
    @inline(__always) private func startsChain(_ index: Int) -> Bool {
        guard view.kind(index) == .identifier, !isSeparator(index - 1) else { return false }
        if syntax.newKeyword && view.isWord(index - 1, "new") { return false }  // part of `new X.Y(...)`
        if view.kind(index - 1) == .identifier, definitionWords.contains(view, index - 1),
           view.isPunct(index + 1, "(") || view.isPunct(index + 1, "<") || syntax.parenlessCalls {
            return false
        }
        if keywords.contains(view, index) { return syntax.newKeyword && view.isWord(index, "new") }
        return true
    }

    /// Splits `(`…`)` content at top-level commas.
    func splitArguments(_ range: Range<Int>) -> [ArgumentSyntax] {
        guard !range.isEmpty else { return [] }
        // The top-level commas are counted first, so the list is allocated once at its size: grown by
        // appending, a call of three arguments allocated (and copied) it three times.
        var commas = 0
        view.forEachTopLevelComma(in: range) { _ in commas += 1 }
        var arguments: [ArgumentSyntax] = []
        arguments.reserveCapacity(commas + 1)
        appendArguments(range, to: &arguments)
        return arguments
    }

    /// Appends the arguments of `(`…`)` content (split at top-level commas) to `list`; returns how many.
    /// Each is read by `ArgumentReader`, over the buffers.
    @discardableResult
    func appendArguments(_ range: Range<Int>, to list: inout [ArgumentSyntax]) -> Int {
        guard !range.isEmpty else { return 0 }
        return view.tokens.withUnsafeBufferPointer { tokens in
            view.partner.withUnsafeBufferPointer { partner in
                view.bytes.withUnsafeBufferPointer { bytes in
                    appendArguments(range, tokens: tokens, partner: partner, bytes: bytes, to: &list)
                }
            }
        }
    }

    /// The same over the file's buffers (the chain parser's screen holds them).
    @inline(__always) func appendArguments(_ range: Range<Int>, tokens: UnsafeBufferPointer<Token>, partner: UnsafeBufferPointer<Int32>,
                                           bytes: UnsafeBufferPointer<UInt8>, to list: inout [ArgumentSyntax]) -> Int {
        guard !range.isEmpty else { return 0 }
        let before = list.count
        let reader = ArgumentReader(tokens: tokens, bytes: bytes, labels: syntax.labels)
        var begin = range.lowerBound
        TokenView.forEachTopLevelComma(in: range, tokens: tokens, partner: partner, bytes: bytes) { comma in
            if begin < comma { list.append(reader.argument(begin..<comma)) }
            begin = comma + 1
        }
        if begin < range.upperBound { list.append(reader.argument(begin..<range.upperBound)) }
        return list.count - before
    }

    /// Ruby paren-less arguments: from the token after the method name to the end of the line (or a
    /// `do`/`{` block, or a modifier `if`/`unless`), when the next token can start an argument.
    /// Appends them to `list`; returns how many, and the last token.
    func parenlessArguments(after name: Int, into list: inout [ArgumentSyntax]) -> (count: Int, last: Int) {
        let first = name + 1
        guard first < view.count, view[first].flags.contains(.spaceBefore), !view[first].flags.contains(.lineStart),
              canStartArgument(first) else { return (0, name) }
        var index = first
        var last = name
        while index < view.count {
            let kind = view[index].kind
            if kind == .newline { break }
            if kind == .identifier && argumentStoppers.contains(view, index) { break }
            if view.isPunct(index, "{") || view.isPunct(index, ";") || view.isPunct(index, ")") || view.isPunct(index, "]") || view.isPunct(index, "}") { break }
            if let close = view.close(of: index) {
                last = close; index = close + 1
                continue
            }
            // A trailing comma or operator continues the arguments on the next line.
            if (view.isPunct(index, ",") || view.isPunct(index, "\\")) && view.kind(index + 1) == .newline {
                last = index; index += 2
                continue
            }
            last = index
            index += 1
        }
        guard last >= first else { return (0, name) }
        return (appendArguments(first..<last + 1, to: &list), last)
    }

    private func canStartArgument(_ index: Int) -> Bool {
        switch view[index].kind {
        case .string, .stringHead, .symbol, .number, .regex: return true
        case .identifier: return !argumentStoppers.contains(view, index) && !nonArgumentWords.contains(view, index)
        case .punct:
            // `*args`, `:sym`, `[list]`, `-1` with a space before and none after.
            if view.isPunct(index, "[") || view.isPunct(index, "*") || view.isPunct(index, "**") || view.isPunct(index, "->") || view.isPunct(index, "::") { return true }
            if view.isPunct(index, "-") || view.isPunct(index, "!") { return !(view.tokens.indices.contains(index + 1) && view[index + 1].flags.contains(.spaceBefore)) }
            return false
        default: return false
        }
    }
}
