/// Bracket partners worked out token by token, as tokens are made: for each opener (`(`, `[`, `{`, a
/// `stringHead`) the index of its closer (`)`, `]`, `}`, a `stringTail`) and for the closer its opener;
/// -1 elsewhere (`TokenView.partner`). Openers wait on a stack, innermost last; a closer takes the top
/// opener when their shapes pair, and is left unmatched otherwise (the top opener stays open).
///
/// The lexers note each token as they emit it (`LexerCore.emit`), where the token's kind is usually a
/// constant: names, numbers and line ends cost nothing, and only operators look up their byte. A
/// second pass over the tokens in `TokenView.init` read every token's kind again (1.5 % of a scan).
///
/// Writes into memory the caller owns and fills with -1 first (`partner`, `capacity` entries); pairs
/// reaching past `capacity` are not written, so with more tokens than that the result is unusable (the
/// caller matches afresh).
struct BracketPartners {
    private let partner: UnsafeMutablePointer<Int32>
    private let capacity: Int
    /// `BracketPartners.sides`, fetched once: read through the global, every operator paid for a
    /// lazy-initialisation check (`swift_once`).
    private let sides = BracketPartners.sides
    /// The open brackets, innermost last: token index shifted left by two, shape in the low bits.
    private var stack: UnsafeMutablePointer<Int>
    private var stackCapacity: Int
    private var depth = 0

    /// Shapes, which must be equal for an opener and a closer to pair.
    static let paren = 0, square = 1, curly = 2, string = 3

    init(_ partner: UnsafeMutablePointer<Int32>, capacity: Int) {
        self.partner = partner
        self.capacity = capacity
        stackCapacity = 64
        stack = .allocate(capacity: stackCapacity)
    }

    /// Frees the stack; call once, when no more tokens come (copies of this value share it).
    func release() { stack.deallocate() }

    /// Token `index` of `kind`, spanning `start..<end` of `b`, was emitted.
    @inline(__always) mutating func note(_ kind: TokenKind, _ index: Int, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        switch kind {
        case .punct:
            // The byte first: most operators are no bracket, whatever their length.
            let side = sides[Int(b[start])]
            if side == 0 || end - start != 1 { return }
            if side & BracketPartners.opens != 0 { open(index, Int(side & 3)) } else { close(index, Int(side & 3)) }
        case .stringHead: open(index, BracketPartners.string)
        case .stringTail: close(index, BracketPartners.string)
        default: return
        }
    }

    /// Token `index` is the one-byte bracket `byte`.
    @inline(__always) mutating func noteBracket(_ index: Int, _ byte: UInt8) {
        let side = sides[Int(byte)]
        if side & BracketPartners.opens != 0 { open(index, Int(side & 3)) } else { close(index, Int(side & 3)) }
    }

    @inline(__always) mutating func open(_ index: Int, _ shape: Int) {
        if depth == stackCapacity { growStack() }
        stack[depth] = index &<< 2 | shape
        depth &+= 1
    }

    @inline(__always) mutating func close(_ index: Int, _ shape: Int) {
        guard depth > 0 else { return }
        let top = stack[depth &- 1]
        guard top & 3 == shape else { return }
        depth &-= 1
        let open = top &>> 2
        // The opener came first: within capacity when the closer is.
        guard index < capacity else { return }
        partner[open] = Int32(truncatingIfNeeded: index)
        partner[index] = Int32(truncatingIfNeeded: open)
    }

    @inline(never) private mutating func growStack() {
        let larger = UnsafeMutablePointer<Int>.allocate(capacity: stackCapacity * 2)
        larger.moveInitialize(from: stack, count: depth)
        stack.deallocate()
        stack = larger
        stackCapacity *= 2
    }

    /// Bit set on an opener's entry in `sides`; the low two bits are the shape.
    private static let opens: UInt8 = 4, closes: UInt8 = 8

    /// For each byte, whether a one-byte operator of it opens or closes a bracket, and its shape; 0 for
    /// the rest. Behind an immortal pointer, like `ByteClass.pointer`: read without bounds or
    /// initialisation checks.
    nonisolated(unsafe) static let sides: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        p.initialize(repeating: 0, count: 256)
        p[0x28] = opens | UInt8(paren); p[0x29] = closes | UInt8(paren)
        p[0x5B] = opens | UInt8(square); p[0x5D] = closes | UInt8(square)
        p[0x7B] = opens | UInt8(curly); p[0x7D] = closes | UInt8(curly)
        return UnsafePointer(p)
    }()

    /// The partners of `tokens`, matched afresh (tests, and a file whose lexer could not note them).
    static func match(_ tokens: [Token], in bytes: [UInt8]) -> [Int32] {
        var partner = [Int32](repeating: -1, count: tokens.count)
        HugePages.advise(&partner)
        partner.withUnsafeMutableBufferPointer { partner in
            tokens.withUnsafeBufferPointer { tokens in
                bytes.withUnsafeBufferPointer { bytes in
                    guard let base = partner.baseAddress else { return }
                    var matcher = BracketPartners(base, capacity: partner.count)
                    defer { matcher.release() }
                    for index in 0..<tokens.count {
                        let token = tokens[index]
                        // An operator past the bytes (made by hand in a test) is no bracket.
                        if token.kind == .punct && Int(token.start) >= bytes.count { continue }
                        matcher.note(token.kind, index, bytes, Int(token.start), Int(token.end))
                    }
                }
            }
        }
        return partner
    }
}
