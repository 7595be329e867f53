import Testing
import RedisTestSupport
@testable import RedisLint

/// `TokenView`'s bracket partners (computed over buffers, kind first) against the plain stack
/// matching they replaced, on random streams of brackets, string heads and tails, and other tokens.
@Suite struct TokenViewPartnerTests {
    /// The matching as first written: push openers, pop a closer's opener only when the kinds pair.
    static func referencePartners(_ bytes: [UInt8], _ tokens: [Token]) -> [Int32] {
        var partner = [Int32](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        func pairs(_ open: Token, _ close: Token) -> Bool {
            if open.kind == .stringHead { return close.kind == .stringTail }
            if close.kind == .stringTail || open.kind != .punct { return false }
            let closer: UInt8 = [0x28: 0x29, 0x5B: 0x5D, 0x7B: 0x7D][bytes[Int(open.start)]] ?? 0
            return bytes[Int(close.start)] == closer
        }
        for (index, token) in tokens.enumerated() {
            var opens = false, closes = false
            if token.kind == .punct && token.end - token.start == 1 {
                opens = [0x28, 0x5B, 0x7B].contains(bytes[Int(token.start)])
                closes = [0x29, 0x5D, 0x7D].contains(bytes[Int(token.start)])
            }
            if token.kind == .stringHead { opens = true }
            if token.kind == .stringTail { closes = true }
            if opens {
                stack.append(index)
            } else if closes, let open = stack.last, pairs(tokens[open], token) {
                stack.removeLast()
                partner[open] = Int32(index)
                partner[index] = Int32(open)
            }
        }
        return partner
    }

    @Test func partnersAgreeWithTheStackMatching() {
        var random = SeededRandom(seed: 0x70C3_11E5)
        // One-byte and two-byte operators, brackets among them, and text for other kinds.
        let pieces: [(TokenKind, String)] = [(.punct, "("), (.punct, ")"), (.punct, "["), (.punct, "]"), (.punct, "{"), (.punct, "}"),
                                             (.punct, "(("), (.punct, "."), (.punct, "=>"), (.stringHead, "\"a#{"), (.stringMiddle, "}b#{"),
                                             (.stringTail, "}c\""), (.identifier, "x"), (.string, "'s'"), (.newline, "\n")]
        var matched = 0
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            var tokens: [Token] = []
            for _ in 0..<random.below(80) {
                let (kind, text) = pieces[random.below(pieces.count)]
                tokens.append(Token(kind: kind, start: bytes.count, end: bytes.count + text.utf8.count))
                bytes += Array(text.utf8)
            }
            let expected = Self.referencePartners(bytes, tokens)
            #expect(TokenView(bytes: bytes, tokens: tokens).partner == expected)
            matched += expected.filter { $0 >= 0 }.count
        }
        #expect(matched > 1_000, "\(matched) matched tokens")
    }
}
