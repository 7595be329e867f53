/// Reads one argument of a call (`ChainParser.appendArguments`): its layout tokens trimmed, its label
/// (`ex:`, `ex=`, `:ex =>`) and its splat (`*`, `**`, `...`), over the file's token and byte buffers.
/// Every argument of every call is read: through the token view each test paid its bounds checks and
/// reloaded the arrays. A token number outside the file is no token (the view's `kind` is nil there), as
/// a range handed to `splitArguments` may run past the tokens.
struct ArgumentReader {
    let tokens: UnsafeBufferPointer<Token>
    let bytes: UnsafeBufferPointer<UInt8>
    let labels: ChainSyntax.LabelStyle

    /// The token at `index`, nil outside the file.
    @inline(__always) private func token(_ index: Int) -> Token? {
        UInt(bitPattern: index) < UInt(tokens.count) ? tokens[index] : nil
    }

    @inline(__always) private func isLayout(_ index: Int) -> Bool {
        guard let kind = token(index)?.kind else { return false }
        return kind == .newline || kind == .indent || kind == .dedent
    }

    @inline(__always) private func kind(_ index: Int) -> TokenKind? { token(index)?.kind }

    /// Is token `index` the operator `text` (one to three bytes)?
    @inline(__always) private func isPunct(_ index: Int, _ text: StaticString) -> Bool {
        guard let token = token(index), token.kind == .punct, Int(token.end &- token.start) == text.utf8CodeUnitCount else { return false }
        let start = Int(token.start), pointer = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    /// One argument's label and value tokens (newlines trimmed).
    @inline(__always) func argument(_ raw: Range<Int>) -> ArgumentSyntax {
        var lower = raw.lowerBound, upper = raw.upperBound
        while lower < upper, isLayout(lower) { lower += 1 }
        while upper > lower, isLayout(upper - 1) { upper -= 1 }
        // The label is kept as its token (`ArgumentSyntax.label(in:)` reads its text when asked).
        var label: Int? = nil
        var labelIsSymbol = false
        var isSplat = false
        switch labels {
        case .colon:
            if kind(lower) == .identifier, isPunct(lower + 1, ":"), lower + 2 <= upper {
                label = lower; lower += 2
            } else if kind(lower) == .symbol, isPunct(lower + 1, "=>") {
                label = lower; labelIsSymbol = true; lower += 2
            }
        case .equals:
            if kind(lower) == .identifier, isPunct(lower + 1, "=") {
                label = lower; lower += 2
            }
        case .none:
            break
        }
        // (Every splat starts with `*` or `.`: most arguments are ruled out by their kind or first byte.)
        var isKeywordSplat = false
        if let token = token(lower), token.kind == .punct, token.end > token.start, bytes[Int(token.start)] == ASCII.star || bytes[Int(token.start)] == ASCII.dot {
            isKeywordSplat = isPunct(lower, "**")
            if isPunct(lower, "*") || isPunct(lower, "...") || isKeywordSplat {
                isSplat = true; lower += 1
            }
        }
        return ArgumentSyntax(labelToken: label, labelIsSymbol: labelIsSymbol, tokens: lower..<max(lower, upper), isSplat: isSplat,
                              isKeywordSplat: isKeywordSplat)
    }
}
