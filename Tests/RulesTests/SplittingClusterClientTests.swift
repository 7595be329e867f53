import Testing
import RedisTestSupport
@testable import Rules

/// `SplittingClusterClient.mentions` searches bytes for ASCII text; it must answer as `String.contains`
/// (a search by characters), whatever the text.
@Suite struct SplittingClusterClientTests {
    static let pieces = ["Redis", "Cluster", "RedisCluster", "RedisClient", "(", "url", " ", "é", "\u{301}", "\r\n", "Redis\u{301}", "Cl"]

    @Test func mentionsAnswersAsContains() {
        var random = SeededRandom(seed: 8)
        var found = 0
        for _ in 0..<2000 {
            let text = (0..<random.below(6)).map { _ in random.pick(Self.pieces) }.joined()
            for word in ["RedisCluster", "RedisClient", "Redis", "é"] {
                #expect(SplittingClusterClient.mentions(text, word) == text.contains(word), "\(text) \(word)")
                found += SplittingClusterClient.mentions(text, word) ? 1 : 0
            }
        }
        #expect(found > 1000)
    }
}
