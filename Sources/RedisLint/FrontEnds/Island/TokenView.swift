/// Read access to one file's tokens for the island parsers: byte-level comparisons (no `String`
/// per token), bracket matching computed once, and whitespace-free source text for holes.
struct TokenView {
    let bytes: [UInt8]
    let tokens: [Token]
    /// For each opening bracket token `(`, `[`, `{` (and `stringHead`), the index of its closing
    /// partner; for closers, the opener; -1 for everything else and for unbalanced brackets.
    let partner: [Int32]

    init(bytes: [UInt8], tokens: [Token]) {
        self.bytes = bytes
        self.tokens = tokens
        // Reserved and advised before it is filled (one Int32 per token: a big file's fill touched
        // over a thousand fresh pages, on the serial path before parsing).
        var partner: [Int32] = []
        partner.reserveCapacity(tokens.count)
        HugePages.advise(&partner)
        partner.append(contentsOf: repeatElement(-1, count: tokens.count))
        // The open brackets, innermost last, in memory of its own: as an array, every push and pop
        // checked the array's uniqueness through a runtime call. No more can be open than there are tokens.
        let stack = UnsafeMutablePointer<Int>.allocate(capacity: max(1, tokens.count))
        defer { stack.deallocate() }
        var depth = 0
        // Over buffers, the kind read first: most tokens are no bracket and cost a load and a compare
        // (with `enumerated()` and a switch over whole tokens this was 27 instructions per token, on
        // the serial path between lexing and parsing). The kinds that may pair are one bit test (a switch
        // compared every other token three times), and an operator's first byte is looked up before its
        // length is computed: most operators are no bracket, whatever their length.
        let sides = BracketSide.pointer
        let pairing: UInt32 = 1 << TokenKind.punct.rawValue | 1 << TokenKind.stringHead.rawValue | 1 << TokenKind.stringTail.rawValue
        tokens.withUnsafeBufferPointer { tokens in
            bytes.withUnsafeBufferPointer { bytes in
                partner.withUnsafeMutableBufferPointer { partner in
                    for index in 0..<tokens.count {
                        let kind = tokens[index].kind
                        guard pairing &>> UInt32(kind.rawValue) & 1 != 0 else { continue }
                        let opens: Bool
                        if kind == .punct {
                            let start = Int(tokens[index].start)
                            guard start < bytes.count else { continue }
                            // One table load instead of six compares.
                            let side = sides[Int(bytes[start])]
                            if side == BracketSide.none || Int(tokens[index].end) - start != 1 { continue }
                            opens = side == BracketSide.opens
                        } else {
                            opens = kind == .stringHead
                        }
                        if opens {
                            stack[depth] = index
                            depth += 1
                        } else if depth > 0, case let open = stack[depth - 1], TokenView.pairs(tokens[open], tokens[index], bytes) {
                            // Pop to the matching kind; unbalanced closers are left unmatched.
                            depth -= 1
                            partner[open] = Int32(index)
                            partner[index] = Int32(open)
                        }
                    }
                }
            }
        }
        self.partner = partner
    }

    @inline(__always) static func pairs(_ open: Token, _ close: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if open.kind == .stringHead { return close.kind == .stringTail }
        if close.kind == .stringTail || open.kind != .punct { return false }
        switch bytes[Int(open.start)] {
        case 0x28: return bytes[Int(close.start)] == 0x29
        case 0x5B: return bytes[Int(close.start)] == 0x5D
        default: return bytes[Int(close.start)] == 0x7D
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

/// Which side of a pair a one-byte operator stands on: `(` `[` `{` open, `)` `]` `}` close.
private enum BracketSide {
    static let none: UInt8 = 0, opens: UInt8 = 1, closes: UInt8 = 2

    /// Behind an immortal pointer, like `ByteClass.pointer`: read without bounds or initialisation checks.
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        p.initialize(repeating: none, count: 256)
        for b in [0x28, 0x5B, 0x7B] { p[b] = opens }
        for b in [0x29, 0x5D, 0x7D] { p[b] = closes }
        return UnsafePointer(p)
    }()
}
