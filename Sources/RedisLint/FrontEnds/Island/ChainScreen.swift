/// The chain parser's per-token screens (`ChainParser.allCalls`), read over the file's token, byte and
/// partner buffers: which tokens can start a chain. The parser asks one of them of every name, bracket
/// and literal of the file; through the token view each read paid a bounds check and a reload of the
/// arrays, and the separator, keyword and definition-word tests were calls.
///
/// Each screen answers exactly what the parser's plain tests answer (`ChainParser.startsChain`,
/// `startsLiteralChain`; `ChainScreenTests` compares them). `startsNamedChain` looks at the next token
/// first: a chain can only start at a name followed by `(`, `[`, a member access (or the `?`/`!` before
/// one) or a line end with a member access after it, or by anything for `new X` and Ruby's paren-less
/// calls at a statement's start (exactly the cases `parseChain` reads), and most names are followed by
/// none of these.
struct ChainScreen {
    let tokens: UnsafeBufferPointer<Token>
    let bytes: UnsafeBufferPointer<UInt8>
    let partner: UnsafeBufferPointer<Int32>
    /// `ChainSyntax.operatorClasses`, 256 entries.
    let classes: UnsafeBufferPointer<UInt8>
    let syntax: ChainSyntax
    let keywords: ByteWords
    let definitionWords: ByteWords

    /// Is `token` a member-access operator?
    @inline(__always) func isSeparator(_ token: Token) -> Bool {
        syntax.isSeparator(token, bytes: bytes, classes: classes)
    }

    @inline(__always) func isSeparator(_ index: Int) -> Bool {
        index >= 0 && index < tokens.count && isSeparator(tokens[index])
    }

    /// Is `token` the one-byte operator `byte`?
    @inline(__always) func isPunct(_ token: Token, _ byte: UInt8) -> Bool {
        token.kind == .punct && token.end &- token.start == 1 && bytes[Int(token.start)] == byte
    }

    /// The kind of token `index`, nil outside the file (as `TokenView.kind`).
    @inline(__always) func kind(_ index: Int) -> TokenKind? {
        UInt(bitPattern: index) < UInt(tokens.count) ? tokens[index].kind : nil
    }

    /// Is token `index` the one-byte operator `byte`? False outside the file.
    @inline(__always) func isPunct(_ index: Int, _ byte: UInt8) -> Bool {
        UInt(bitPattern: index) < UInt(tokens.count) && isPunct(tokens[index], byte)
    }

    /// Is token `index` the name `text`? False outside the file (as `TokenView.isWord`).
    @inline(__always) func isWord(_ index: Int, _ text: StaticString) -> Bool {
        guard UInt(bitPattern: index) < UInt(tokens.count) else { return false }
        let token = tokens[index]
        guard token.kind == .identifier, Int(token.end &- token.start) == text.utf8CodeUnitCount else { return false }
        let start = Int(token.start), pointer = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    /// Is token `index` an operator whose first byte may go on with a chain (`ChainSyntax.continuesChain`:
    /// `(`, `[`, `?`, `!`, a separator's first byte)? False outside the file.
    @inline(__always) func mayContinueChain(_ index: Int) -> Bool {
        guard UInt(bitPattern: index) < UInt(tokens.count) else { return false }
        let token = tokens[index]
        return token.kind == .punct && classes[Int(bytes[Int(token.start)])] & ChainSyntax.continuesChain != 0
    }

    /// The closing partner of the opener at `index`, nil for anything else (as `TokenView.close(of:)`).
    @inline(__always) func close(of index: Int) -> Int? {
        guard UInt(bitPattern: index) < UInt(partner.count) else { return nil }
        let other = Int(partner[index])
        return other > index ? other : nil
    }

    /// Is `token` (a name) `new`?
    @inline(__always) func spellsNew(_ token: Token) -> Bool {
        let start = Int(token.start)
        return token.end &- token.start == 3 && bytes[start] == 0x6E && bytes[start + 1] == 0x65 && bytes[start + 2] == 0x77
    }

    /// Does the chain go on after the line end at `lineEnd` (`client\n  .multi()`): is the line break
    /// followed by a separator, or by `?` and one?
    @inline(__always) func continuesAfterLineEnd(_ lineEnd: Int) -> Bool {
        isSeparator(lineEnd + 1) || isSeparator(lineEnd + 2) && isPunct(lineEnd + 1, ASCII.question)
    }

    /// Ruby's paren-less command calls are read at a statement's start.
    @inline(__always) func startsStatement(_ index: Int, _ token: Token) -> Bool {
        token.flags.contains(.lineStart) || index > 0 && isPunct(tokens[index - 1], ASCII.semicolon)
    }

    /// Does the name at `index` start a chain? Its next token must be one a chain goes on with (`(`, `[`,
    /// a member access or the `?`/`!` before one, a line end before one; anything for `new X` and Ruby's paren-less
    /// calls at a statement's start), it must not follow a member access, `new` or a definition word,
    /// and it must be no keyword (but `new`).
    @inline(__always) func startsNamedChain(_ index: Int) -> Bool {
        let next = index + 1
        guard next < tokens.count else { return false }
        let token = tokens[index], following = tokens[next]
        switch following.kind {
        case .punct:
            guard classes[Int(bytes[Int(following.start)])] & ChainSyntax.continuesChain != 0
                    || syntax.parenlessCalls && startsStatement(index, token) else { return false }
        case .newline:
            // A name ending a line starts a chain only when it goes on on the next line: `parseChain` reads
            // nothing else there.
            guard continuesAfterLineEnd(next) else { return false }
        case .identifier:
            guard syntax.newKeyword && spellsNew(token) || syntax.parenlessCalls && startsStatement(index, token) else { return false }
        default:
            guard syntax.parenlessCalls && startsStatement(index, token) else { return false }
        }
        if index > 0 {
            let previous = tokens[index - 1]
            switch previous.kind {
            case .punct:
                if isSeparator(previous) { return false }
            case .identifier:
                if syntax.newKeyword && spellsNew(previous) { return false }  // part of `new X.Y(...)`
                if definitionWords.contains(previous, in: bytes),
                   isPunct(following, ASCII.lparen) || isPunct(following, ASCII.lt) || syntax.parenlessCalls {
                    return false
                }
            default:
                break
            }
        }
        if keywords.contains(token, in: bytes) { return syntax.newKeyword && spellsNew(token) }
        return true
    }

    /// Does the operator at `index` open a literal receiver (`[1, 2].each`, `(client as any).sadd`)?
    /// (Asked of every operator: its partner is read first, as only openers have one after them, and most
    /// operators are no opener; of the openers, most are followed by no member access after their closer.
    /// The operator's own bytes are read only then, to tell `(` and `[` from `{`.)
    @inline(__always) func bracketStartsChain(_ index: Int) -> Bool {
        let close = Int(partner[index])
        guard close > index, isSeparator(close + 1) else { return false }
        let token = tokens[index]
        guard token.end &- token.start == 1, classes[Int(bytes[Int(token.start)])] & ChainSyntax.opensBracket != 0,
              close + 2 < tokens.count, tokens[close + 2].kind == .identifier else { return false }
        return followsNoReceiver(index)
    }

    /// Is the string, symbol or number at `index` a literal receiver (`"a,b".split`, `10.times do`)?
    @inline(__always) func literalStartsChain(_ index: Int) -> Bool {
        let next = index + 1
        guard next < tokens.count, isSeparator(tokens[next]) else { return false }
        if tokens[index].kind == .number {
            guard next + 1 < tokens.count, tokens[next + 1].kind == .identifier else { return false }
        }
        return followsNoReceiver(index)
    }

    /// A literal receiver stands after no member access and no name but a keyword (`return [a].x`).
    @inline(__always) private func followsNoReceiver(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = tokens[index - 1]
        if isSeparator(previous) { return false }
        return previous.kind != .identifier || keywords.contains(previous, in: bytes)
    }
}
