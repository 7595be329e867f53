import Testing
import RedisTestSupport
@testable import RedisLint

/// `KeyExpr.shape` writes an ASCII key's shape byte by byte; it must be what the `String` form
/// (`shapeByStrings`: `+=` per part, a `*` per run of holes by `hasSuffix`) gives, for any key.
@Suite struct KeyShapeBytesTests {
    static let literals = ["session:", "*", ":*", "a*", "", "x", "é", "\u{0600}", "*\u{301}", "\r", "\r\n", "user:{", "}"]

    @Test func shapeIsTheStringForm() {
        var random = SeededRandom(seed: 31)
        var shaped = 0
        for _ in 0..<3000 {
            var parts: [KeyExpr.Part] = []
            for _ in 0..<random.below(5) {
                if random.chance(50) {
                    parts.append(.literal(Array(random.pick(Self.literals).utf8)))
                } else {
                    parts.append(.hole(random.pick(["id", "n", "*"])))
                }
            }
            if random.chance(5) { parts.append(.literal([0xFF, 0x2A])) }
            let key = KeyExpr(parts: parts)
            #expect(key.shape == key.shapeByStrings, "\(key.parts)")
            shaped += key.shape == nil ? 0 : 1
        }
        #expect(shaped > 1000 && shaped < 2900)
    }
}
