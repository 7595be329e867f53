import Testing
import RedisTestSupport
@testable import RedisLint

/// The NUL screen (`Scanner.containsNUL`, by `memchr`) must answer as `contains(0)`, wherever the NUL is.
@Suite struct BinaryScreenTests {
    @Test func answersAsContainsZero() {
        var random = SeededRandom(seed: 77)
        #expect(!Scanner.containsNUL([]))
        #expect(Scanner.containsNUL([0]))
        for _ in 0..<2_000 {
            var bytes = (0..<random.below(200)).map { _ in UInt8(1 + random.below(255)) }
            if !bytes.isEmpty && random.chance(50) { bytes[random.below(bytes.count)] = 0 }
            #expect(Scanner.containsNUL(bytes) == bytes.contains(0))
        }
    }
}
