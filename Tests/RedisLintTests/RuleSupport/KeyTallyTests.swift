@testable import RedisLint
import RedisTestSupport
import Testing

/// `KeyTally` counts keys as a dictionary keyed by `KeyExpr` does: by `==`, so canonically equivalent hole
/// texts (`é` written as one scalar or two) are one key, and literal bytes are compared as bytes.
@Suite struct KeyTallyTests {
    @Test func countsAsADictionaryDoes() {
        var random = SeededRandom(seed: 91)
        let literals: [[UInt8]] = [Array("user:".utf8), Array(":".utf8), Array("rate".utf8), [0xFF], [0x01, 0xFF], Array("caf\u{E9}".utf8),
            // Longer than a word (compared 8 bytes at a time): equal, or different only in the second word or the tail.
            Array("session:token:".utf8), Array("session:tokeN:".utf8), Array("0123456789abcdefX".utf8), Array("0123456789abcdefY".utf8),
            Array("01234567".utf8), Array("01234567:".utf8)]
        // The Kelvin sign, the Greek question mark and varia equal `K`, `;` and `` ` ``.
        let holes = ["id", "user.id", "caf\u{E9}", "cafe\u{301}", "\u{212A}", "K", "", "x\u{1F600}", "a\u{37E}", "a;", "\u{1FEF}x", "`x", "xK", "x\u{212A}",
                     "cacheKey", "cache\u{212A}ey", "lockKey"]
        var tally = KeyTally(capacity: 2)
        var expected: [KeyExpr: Int] = [:]
        for _ in 0..<4_000 {
            var parts: [KeyExpr.Part] = []
            for index in 0..<random.below(4) {
                parts.append(index % 2 == 0 ? .literal(random.pick(literals)) : .hole(random.pick(holes)))
            }
            if random.chance(20) { parts = [.hole(random.pick(holes))] }
            let key = KeyExpr(parts: parts)
            #expect(tally.add(key) == (expected[key] == nil), "new exactly the first time")
            expected[key, default: 0] += 1
        }
        #expect(tally.keys.count == expected.count)
        for (key, count) in expected { #expect(tally.count(of: key) == count, "\(key.display)") }
        #expect(tally.count(of: .literal("never")) == 0)
        #expect(tally.count(of: .hole("cafe\u{301}")) == tally.count(of: .hole("caf\u{E9}")), "one key by canonical equivalence")
        #expect(tally.count(of: .hole("\u{212A}")) == tally.count(of: .hole("K")) && tally.count(of: .hole("K")) > 0)
        #expect(zip(tally.keys, tally.counts).allSatisfy { expected[$0.0] == $0.1 })
    }

    /// Texts with a `K` are hashed by their bytes (the Kelvin sign as `K`), not all alike by their kind.
    @Test func holesWithAKHashApart() {
        #expect(KeyTally.hash(.hole("cacheKey")) != KeyTally.hash(.hole("lockKey")))
        #expect(KeyTally.hash(.hole("cache\u{212A}ey")) == KeyTally.hash(.hole("cacheKey")))
        #expect(KeyTally.hash(.hole("a\u{37E}")) == KeyTally.hash(.hole("a;")))
        #expect(KeyTally.hash(.hole("x\u{1F600}")) == KeyTally.hash(.hole("y\u{1F600}")), "other text: by its kind alone")
    }

    @Test func anEmptyTallyCountsNothing() {
        let tally = KeyTally()
        #expect(tally.count(of: KeyExpr(parts: [])) == 0 && tally.keys.isEmpty)
    }
}
