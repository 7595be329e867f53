// Reading one chain (`ChainParser.parseChain`) over the file's token, byte and partner buffers (the
// screen's): through the token view every test of a chain (`kind`, `isPunct`, `close(of:)`, the
// separator test) paid its bounds checks and reloaded the view's arrays, and each method name and
// argument list took the buffers again.

/// What `ChainParser.allCalls` gathers: the calls, their arguments and the numbered names. One `inout`
/// for `parseChain` in place of five.
struct ChainLists {
    var calls: [CallSite] = []
    /// The calls' arguments, one list for the file.
    var arguments: [ArgumentSyntax] = []
    var names: NameNumbers
    var receivers: NameNumbers
    /// The empty receiver of bare calls, numbered once on first use (so numbers are given in the same order).
    var emptyReceiver: Int32? = nil

    init(tokenCount: Int) {
        // About one call per 10-15 tokens in real code: reserving spares the copies of a growing array.
        calls.reserveCapacity(tokenCount / 8)
        HugePages.advise(&calls)
        // (About as many arguments as calls.)
        arguments.reserveCapacity(tokenCount / 8)
        // (Distinct names grow far slower than the file: about one per 32 tokens is room enough for most
        // files, and the cap keeps a huge file from reserving more than it will use.)
        let nameCapacity = min(max(tokenCount / 32, 16), 4096)
        names = NameNumbers(capacity: nameCapacity)
        receivers = NameNumbers(capacity: nameCapacity)
    }
}

extension ChainParser {
    /// Appends the calls of the chain at `start` to `lists.calls`, their arguments to `lists.arguments`.
    func parseChain(at start: Int, literalEnd: Int? = nil, screen: ChainScreen, into lists: inout ChainLists) {
        var position = literalEnd ?? start
        var lastCallIndex: Int? = nil

        if literalEnd != nil {
            // The receiver is a literal or a parenthesised expression: go straight to its members.
        } else if syntax.newKeyword && screen.isWord(start, "new") {
            // `new Redis(...)`, `new Redis.Cluster([...])`
            var nameEnd = start + 1
            guard screen.kind(nameEnd) == .identifier else { return }
            while screen.isSeparator(nameEnd + 1), screen.kind(nameEnd + 2) == .identifier { nameEnd += 2 }
            let open = nameEnd + 1
            let argumentStart = lists.arguments.count
            var argumentCount = 0
            var last = nameEnd
            var argumentTokens = open..<open
            if screen.isPunct(open, ASCII.lparen), let close = screen.close(of: open) {
                argumentCount = appendArguments(open + 1..<close, screen: screen, to: &lists.arguments)
                argumentTokens = open + 1..<close
                last = close
            }
            let method = methodName(start, screen, &lists.names)  // `new`
            let receiver = view.withCompactBytes(start + 1..<nameEnd + 1) { lists.receivers.number(of: $0) }
            lists.calls.append(CallSite(receiverTokens: start + 1..<nameEnd + 1, receiverID: receiver,
                                        receiverCall: nil, methodID: method, nameToken: start,
                                        argumentStart: Int32(argumentStart), argumentCount: Int32(argumentCount), hasArgumentList: true,
                                        isConstruction: true, firstToken: start, lastToken: last, argumentTokens: argumentTokens))
            position = last
            lastCallIndex = lists.calls.count - 1
        } else if screen.isPunct(start + 1, ASCII.lparen), let close = screen.close(of: start + 1) {
            if syntax.braceAfterParametersIsDefinition, screen.isPunct(close + 1, ASCII.lbrace) || screen.isPunct(close + 1, ASCII.colon) { return }
            // Bare call `foo(x)` (also `Redis(...)` in Python and Swift).
            let method = methodName(start, screen, &lists.names)
            let receiver = emptyReceiverText(&lists)
            let argumentStart = lists.arguments.count
            let argumentCount = appendArguments(start + 2..<close, screen: screen, to: &lists.arguments)
            lists.calls.append(CallSite(receiverTokens: start..<start, receiverID: receiver, receiverCall: nil,
                                        methodID: method, nameToken: start,
                                        argumentStart: Int32(argumentStart), argumentCount: Int32(argumentCount), hasArgumentList: true,
                                        isConstruction: false, firstToken: start, lastToken: close, argumentTokens: start + 2..<close))
            lastCallIndex = lists.calls.count - 1
            position = close
        } else if syntax.parenlessCalls, screen.startsStatement(start, screen.tokens[start]),
                  screen.isWord(start + 1, "do") || screen.kind(start + 1) != .newline && !screen.isSeparator(start + 1) {
            // Ruby command calls at the start of a statement: `get "/x" do`, `loop do`, `puts x`.
            let argumentStart = lists.arguments.count
            let (argumentCount, last) = parenlessArguments(after: start, into: &lists.arguments)
            // (Without arguments nothing was appended to the list, so a call not made leaves nothing behind.)
            if argumentCount > 0 || screen.isWord(start + 1, "do") {
                let method = methodName(start, screen, &lists.names)
                let receiver = emptyReceiverText(&lists)
                lists.calls.append(CallSite(receiverTokens: start..<start, receiverID: receiver,
                                            receiverCall: nil, methodID: method, nameToken: start,
                                            argumentStart: Int32(argumentStart), argumentCount: Int32(argumentCount),
                                            hasArgumentList: argumentCount > 0, isConstruction: false,
                                            firstToken: start, lastToken: last, argumentTokens: start + 1..<last + 1))
                return
            }
        }

        var steps = 0
        while steps < 10_000 {
            steps += 1
            var next = position + 1
            // A chain continued on the next line: `client\n  .multi()\n  .get(k)`.
            while screen.kind(next) == .newline, screen.continuesAfterLineEnd(next) { next += 1 }
            // A chain goes on only with an operator starting `[`, `?`, `!` or a separator: most chains end here,
            // at the `,`, `)`, `=` or line end after them, on one read of the token and its first byte.
            guard screen.mayContinueChain(next) else { break }
            // (The operator, read once for the tests below.)
            let token = screen.tokens[next]
            let isOneByte = token.end &- token.start == 1, byte = screen.bytes[Int(token.start)]
            if isOneByte && byte == ASCII.lbracket, screen.kind(next - 1) != .newline, let close = screen.close(of: next) {
                position = close  // indexing: `clients[0].get(k)`
                lastCallIndex = nil
                continue
            }
            // Swift and TypeScript postfix `!`/`?` before a member access: `a?.b`, `a!.b`.
            let separator: Int
            if isOneByte && (byte == ASCII.question || byte == ASCII.bang) && screen.isSeparator(next + 1) && !screen.isSeparator(token) {
                separator = next + 1
            } else {
                guard screen.isSeparator(token) else { break }
                separator = next
            }
            guard screen.kind(separator + 1) == .identifier else { break }
            let name = separator + 1
            let receiverRange = start..<next
            let open = name + 1
            if screen.isPunct(open, ASCII.lparen), let close = screen.close(of: open) {
                let method = methodName(name, screen, &lists.names)
                let receiver = receiverText(receiverRange, screen, &lists.receivers)
                let argumentStart = lists.arguments.count
                let argumentCount = appendArguments(open + 1..<close, screen: screen, to: &lists.arguments)
                lists.calls.append(CallSite(receiverTokens: receiverRange, receiverID: receiver,
                                            receiverCall: lastCallIndex, methodID: method, nameToken: name,
                                            argumentStart: Int32(argumentStart), argumentCount: Int32(argumentCount), hasArgumentList: true,
                                            isConstruction: false, firstToken: start, lastToken: close, argumentTokens: open + 1..<close))
                lastCallIndex = lists.calls.count - 1
                position = close
                continue
            }
            if syntax.parenlessCalls {
                // Ruby: `recv.meth` or `recv.meth arg, arg` (arguments to the end of the line).
                let argumentStart = lists.arguments.count
                let (argumentCount, last) = parenlessArguments(after: name, into: &lists.arguments)
                let method = methodName(name, screen, &lists.names)
                let receiver = receiverText(receiverRange, screen, &lists.receivers)
                lists.calls.append(CallSite(receiverTokens: receiverRange, receiverID: receiver,
                                            receiverCall: lastCallIndex, methodID: method, nameToken: name,
                                            argumentStart: Int32(argumentStart), argumentCount: Int32(argumentCount),
                                            hasArgumentList: argumentCount > 0, isConstruction: false,
                                            firstToken: start, lastToken: last, argumentTokens: name + 1..<last + 1))
                // A paren-less call with no arguments reads like a property: keep the chain going and
                // let the next member see `recv.meth` as its receiver text.
                lastCallIndex = argumentCount == 0 ? nil : lists.calls.count - 1
                position = argumentCount == 0 ? name : last
                if argumentCount > 0 { break }
                continue
            }
            // A property (`self.redis`, `req.redis`): the chain goes on.
            lastCallIndex = nil
            position = name
        }
    }

    /// The number of the method name at token `index` (its text made once per distinct name), numbered
    /// from its bytes in the file.
    @inline(__always) private func methodName(_ index: Int, _ screen: ChainScreen, _ names: inout NameNumbers) -> Int32 {
        let token = screen.tokens[index]
        return names.number(of: UnsafeBufferPointer(rebasing: screen.bytes[Int(token.start)..<Int(token.end)]))
    }

    /// The empty receiver of a bare call `foo(x)`, numbered on first use and then reused: a third of all
    /// calls are bare, and each built and hashed the empty text again.
    @inline(__always) private func emptyReceiverText(_ lists: inout ChainLists) -> Int32 {
        if let number = lists.emptyReceiver { return number }
        let number = lists.receivers.number(of: UnsafeBufferPointer(start: nil, count: 0))
        lists.emptyReceiver = number
        return number
    }

    /// The number of the receiver as written, without wrapping parentheses and TypeScript `as T`/`!`
    /// assertions: `(client as any)` and `(client)` are `client`.
    private func receiverText(_ range: Range<Int>, _ screen: ChainScreen, _ receivers: inout NameNumbers) -> Int32 {
        var lower = range.lowerBound, upper = range.upperBound
        while upper - lower >= 3, screen.isPunct(lower, ASCII.lparen), screen.close(of: lower) == upper - 1 {
            lower += 1; upper -= 1
            var index = lower
            while index < upper {
                if screen.isWord(index, "as") || screen.isWord(index, "satisfies") { upper = index; break }
                if let close = screen.close(of: index), close < upper { index = close + 1 } else { index += 1 }
            }
            while upper > lower, screen.isPunct(upper - 1, ASCII.bang) { upper -= 1 }
        }
        if let text = writtenAsCompact(lower..<upper, screen.tokens) {
            // A name or a chain written without blanks (`redis`, `self.redis`, `redis.multi()`, most receivers):
            // its compact text is its bytes in the file, numbered in place.
            return receivers.number(of: UnsafeBufferPointer(rebasing: screen.bytes[text]))
        }
        return view.withCompactBytes(lower..<upper) { receivers.number(of: $0) }
    }

    /// The bytes of tokens `range` in the file when they are exactly their compact text
    /// (`TokenView.withCompactBytes`): no layout token, each token starting where the one before ends
    /// and no two words in a row (which the compact text keeps apart by a space), at most
    /// `TokenView.compactTextLimit` bytes in all (a longer name is cut there, so it takes that path). Nil
    /// otherwise, and for an empty range. One token (most receivers) is answered here, a longer range by a
    /// loop over the tokens.
    @inline(__always) private func writtenAsCompact(_ range: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Range<Int>? {
        guard range.lowerBound >= 0, range.lowerBound < range.upperBound, range.upperBound <= tokens.count else { return nil }
        guard range.upperBound - range.lowerBound == 1 else { return writtenAsCompactTokens(range, tokens) }
        let token = tokens[range.lowerBound]
        guard token.kind != .newline && token.kind != .indent && token.kind != .dedent,
              Int(token.end &- token.start) <= TokenView.compactTextLimit else { return nil }
        return Int(token.start)..<Int(token.end)
    }

    /// `writtenAsCompact` for two tokens or more.
    private func writtenAsCompactTokens(_ range: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Range<Int>? {
        var previous = tokens[range.lowerBound]
        var previousIsWord = previous.kind == .identifier || previous.kind == .number
        if previous.kind == .newline || previous.kind == .indent || previous.kind == .dedent { return nil }
        for index in range.lowerBound + 1..<range.upperBound {
            let token = tokens[index]
            let isWord = token.kind == .identifier || token.kind == .number
            if token.start != previous.end || isWord && previousIsWord || token.kind == .newline || token.kind == .indent
                || token.kind == .dedent { return nil }
            previous = token
            previousIsWord = isWord
        }
        let start = Int(tokens[range.lowerBound].start), end = Int(previous.end)
        return end - start <= TokenView.compactTextLimit ? start..<end : nil
    }

    /// `appendArguments(_:to:)` over the screen's buffers.
    @inline(__always) func appendArguments(_ range: Range<Int>, screen: ChainScreen, to list: inout [ArgumentSyntax]) -> Int {
        appendArguments(range, tokens: screen.tokens, partner: screen.partner, bytes: screen.bytes, to: &list)
    }
}
