/// Read access to one file's tokens for the island parsers: byte-level comparisons (no `String`
/// per token), bracket matching computed once, and whitespace-free source text for holes.
struct TokenView {
    let bytes: [UInt8]
    let tokens: [Token]
    /// For each opening bracket token `(`, `[`, `{` (and `stringHead`), the index of its closing
    /// partner; for closers, the opener; -1 for everything else and for unbalanced brackets.
    let partner: [Int32]

    /// `partners`: the tokens' partners as the lexer noted them (`LexedFile.partners`), else matched here.
    init(bytes: [UInt8], tokens: [Token], partners: [Int32]? = nil) {
        self.bytes = bytes
        self.tokens = tokens
        // Noted by the lexer as it made the tokens, else matched the same way here.
        if let partners, partners.count == tokens.count {
            partner = partners
        } else {
            partner = BracketPartners.match(tokens, in: bytes)
        }
    }

    var count: Int { tokens.count }

    subscript(_ index: Int) -> Token { tokens[index] }

    func kind(_ index: Int) -> TokenKind? { index >= 0 && index < tokens.count ? tokens[index].kind : nil }

    /// Does token `index` spell exactly `text`? (Inlined, like `isPunct` and `isWord`: the text is a
    /// literal at every call, so its length is a constant there and the many tokens of another length
    /// fail at once; called, these were 0.8 % of a scan.)
    @inline(__always) func `is`(_ index: Int, _ text: StaticString) -> Bool {
        guard index >= 0 && index < tokens.count else { return false }
        return TokenView.spells(tokens[index], text, in: bytes)
    }

    /// Are `token`'s bytes exactly `text`?
    @inline(__always) private static func spells(_ token: Token, _ text: StaticString, in bytes: [UInt8]) -> Bool {
        let length = Int(token.end - token.start)
        guard length == text.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        let pointer = text.utf8Start
        for offset in 0..<length where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    /// Is token `index` the identifier `name` (bytewise: no `String` per token)?
    func isIdentifier(_ index: Int, named name: [UInt8]) -> Bool {
        guard kind(index) == .identifier else { return false }
        let token = tokens[index]
        let start = Int(token.start)
        guard Int(token.end) - start == name.count else { return false }
        for offset in 0..<name.count where bytes[start + offset] != name[offset] { return false }
        return true
    }

    @inline(__always) func isPunct(_ index: Int, _ text: StaticString) -> Bool {
        guard index >= 0 && index < tokens.count else { return false }
        let token = tokens[index]
        return token.kind == .punct && TokenView.spells(token, text, in: bytes)
    }

    @inline(__always) func isWord(_ index: Int, _ text: StaticString) -> Bool {
        guard index >= 0 && index < tokens.count else { return false }
        let token = tokens[index]
        return token.kind == .identifier && TokenView.spells(token, text, in: bytes)
    }

    /// Is token `index` an identifier spelling one of `words` (bytewise)?
    func isWord(_ index: Int, in words: ByteWords) -> Bool { kind(index) == .identifier && words.contains(self, index) }

    func isWord(_ index: Int, in words: Set<String>) -> Bool {
        kind(index) == .identifier && words.contains(text(index))
    }

    func text(_ index: Int) -> String {
        let token = tokens[index]
        return String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// Source text of tokens `range` with white space between tokens normalised (`self . redis` and
    /// `self.redis` compare equal; two words keep one space). Capped so a pathological expression cannot blow up memory.
    func compactText(_ range: Range<Int>) -> String {
        withCompactBytes(range) { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of `compactText(range)`, lent to `body` (the chain parser numbers receivers by them
    /// without making a `String` per call).
    func withCompactBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // Built in a fixed buffer on the stack: a growing array per call (receivers, targets) was most
        // of this function's time. Output stops at `limit` bytes.
        let limit = 200
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit) { out in
            bytes.withUnsafeBufferPointer { source in
                var count = 0
                var previousIsWord = false
                copying: for index in range where index < tokens.count {
                    let token = tokens[index]
                    if token.kind == .newline || token.kind == .indent || token.kind == .dedent { continue }
                    // Words stay apart (`not r.exists(k)`); everything else is joined.
                    let isWord = token.kind == .identifier || token.kind == .number
                    if isWord && previousIsWord {
                        guard count < limit else { break copying }
                        out[count] = 0x20
                        count += 1
                    }
                    previousIsWord = isWord
                    for offset in Int(token.start)..<Int(token.end) {
                        guard count < limit else { break copying }
                        out[count] = source[offset]
                        count += 1
                    }
                }
                return body(UnsafeBufferPointer(rebasing: out[..<count]))
            }
        }
    }

    /// Byte span from the start of token `first` to the end of token `last`.
    func span(_ first: Int, _ last: Int) -> Range<Int> {
        let start = Int(tokens[first].start)
        return start..<max(start, Int(tokens[last].end))
    }

    /// The closing partner of an opener, or nil.
    func close(of index: Int) -> Int? {
        guard index >= 0 && index < partner.count else { return nil }
        let other = Int(partner[index])
        return other > index ? other : nil
    }

    /// The opening partner of a closer, or nil.
    func open(of index: Int) -> Int? {
        guard index >= 0 && index < partner.count else { return nil }
        let other = Int(partner[index])
        return other >= 0 && other < index ? other : nil
    }

    func startsLine(_ index: Int) -> Bool { index < tokens.count && tokens[index].flags.contains(.lineStart) }
}
