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

    /// How many bytes a compact text keeps (`compactText`, `withCompactBytes`): the first this many bytes of
    /// the whole text, so a pathological expression cannot blow up memory. (Computed: a constant where it is
    /// read, with no lazy global's check.)
    static var compactTextLimit: Int { 200 }

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

    /// Token `index`'s text (made by `SourceString`: decoded, a name cost about 170 instructions).
    func text(_ index: Int) -> String {
        let token = tokens[index]
        return SourceString.make(bytes, Int(token.start)..<Int(token.end))
    }

    /// Source text of tokens `range` with white space between tokens normalised (`self . redis` and
    /// `self.redis` compare equal; two words keep one space). Capped so a pathological expression cannot blow up memory.
    func compactText(_ range: Range<Int>) -> String {
        withCompactTextBytes(range) { SourceString.make($0) }
    }

    /// The bytes of `compactText(range)` when they are the source as written: a few tokens, each starting
    /// where the one before ends, no two words together and none left out (most assignment targets and
    /// parameter types: `name`, `self.redis`, `redis.Redis`). Else nil. Made from the source, such a text
    /// needs no buffer (which cost about 120 instructions a call).
    func writtenSpan(_ range: Range<Int>) -> Range<Int>? {
        guard range.lowerBound >= 0, range.upperBound <= tokens.count, !range.isEmpty, range.count <= 8 else { return nil }
        let skipped = 1 << TokenKind.newline.rawValue | 1 << TokenKind.indent.rawValue | 1 << TokenKind.dedent.rawValue
        let words = 1 << TokenKind.identifier.rawValue | 1 << TokenKind.number.rawValue
        let start = tokens[range.lowerBound].start
        var end = start
        var previousIsWord = false
        for index in range {
            let token = tokens[index]
            let kind = 1 << token.kind.rawValue
            let isWord = kind & words != 0
            guard kind & skipped == 0, token.start == end, !(isWord && previousIsWord) else { return nil }
            end = token.end
            previousIsWord = isWord
        }
        return Int(start)..<min(Int(end), Int(start) + TokenView.compactTextLimit)
    }

    /// The bytes of `compactText(range)`, lent to `body` with no `String` made: the source as written where
    /// it is that (`writtenSpan`, no copy), else the compact bytes (`withCompactBytes`).
    @inline(__always) func withCompactTextBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let span = writtenSpan(range) { return withSourceBytes(span, body) }
        return withCompactBytes(range, body)
    }

    /// The source's bytes `span`, lent to `body`. (A rebased buffer is bounds-checked only in debug builds;
    /// a token view takes any tokens, so the span is checked here, one compare, as `SourceString.make` does.)
    @inline(__always) func withSourceBytes<Result>(_ span: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(span.lowerBound >= 0 && span.upperBound <= bytes.count, "a token's range lies inside the source")
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span])) }
    }

    /// The bytes of `compactText(range)`, lent to `body` (the chain parser numbers receivers by them
    /// without making a `String` per call).
    func withCompactBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // Built in a fixed buffer on the stack: a growing array per call (receivers, targets) was most
        // of this function's time. Output stops at `limit` bytes (the first `limit` bytes of the whole text).
        let limit = TokenView.compactTextLimit
        // Kinds left out, and kinds kept apart by a space, as bit sets (one test each instead of a compare per kind).
        let skipped = 1 << TokenKind.newline.rawValue | 1 << TokenKind.indent.rawValue | 1 << TokenKind.dedent.rawValue
        let words = 1 << TokenKind.identifier.rawValue | 1 << TokenKind.number.rawValue
        // Eight bytes of slack: a token of at most eight bytes is copied as one 8-byte word (a byte loop
        // with a limit test per byte was most of the work); the bytes past its end are overwritten by
        // the next token's or left past `count`.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit + 8) { out in
            tokens.withUnsafeBufferPointer { tokens in
                bytes.withUnsafeBufferPointer { source in
                    let outBase = out.baseAddress!  // 208 bytes: never empty
                    guard let sourceBase = source.baseAddress else { return body(UnsafeBufferPointer(start: outBase, count: 0)) }
                    let rawOut = UnsafeMutableRawPointer(outBase), rawSource = UnsafeRawPointer(sourceBase)
                    var count = 0
                    var previousIsWord = false
                    var index = max(range.lowerBound, 0)
                    let end = min(range.upperBound, tokens.count)
                    copying: while index < end {
                        let token = tokens[index]
                        index += 1
                        let kind = 1 << token.kind.rawValue
                        if kind & skipped != 0 { continue }
                        // Words stay apart (`not r.exists(k)`); everything else is joined.
                        let isWord = kind & words != 0
                        if isWord && previousIsWord {
                            guard count < limit else { break copying }
                            outBase[count] = 0x20
                            count += 1
                        }
                        previousIsWord = isWord
                        let start = Int(token.start), length = Int(token.end) - start
                        let room = limit - count
                        if length <= 8 && start + 8 <= source.count {
                            rawOut.storeBytes(of: rawSource.loadUnaligned(fromByteOffset: start, as: UInt64.self), toByteOffset: count, as: UInt64.self)
                            if length > room { count = limit; break copying }
                            count += length
                        } else {
                            let taken = min(length, room)
                            if taken > 0 { (outBase + count).update(from: sourceBase + start, count: taken) }
                            count += taken
                            if taken < length { break copying }
                        }
                    }
                    return body(UnsafeBufferPointer(start: outBase, count: count))
                }
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

extension TokenView {
    /// `forEachTopLevelComma` over this view's buffers.
    @inline(__always) func forEachTopLevelComma(in range: Range<Int>, _ body: (Int) -> Void) {
        tokens.withUnsafeBufferPointer { tokens in
            partner.withUnsafeBufferPointer { partner in
                bytes.withUnsafeBufferPointer { bytes in
                    TokenView.forEachTopLevelComma(in: range, tokens: tokens, partner: partner, bytes: bytes, body)
                }
            }
        }
    }

    /// Calls `body` with each comma of `range` outside brackets, in order (argument and parameter lists). Read
    /// over the token, partner and byte buffers: with `close(of:)` and `isPunct`, each token of every list paid
    /// their bounds checks twice. Token numbers outside the file are no comma and open nothing.
    @inline(__always) static func forEachTopLevelComma(in range: Range<Int>, tokens: UnsafeBufferPointer<Token>, partner: UnsafeBufferPointer<Int32>,
                                                       bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        let lower = max(range.lowerBound, 0), upper = min(range.upperBound, tokens.count)
        var index = lower
        while index < upper {
            // An opener whose partner closes inside the range: skip to after it.
            let close = Int(partner[index])
            if close > index && close < upper {
                index = close + 1
                continue
            }
            let token = tokens[index]
            if token.kind == .punct, token.end &- token.start == 1, bytes[Int(token.start)] == ASCII.comma { body(index) }
            index += 1
        }
    }
}
