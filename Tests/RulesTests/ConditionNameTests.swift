import Testing
import RedisTestSupport
@testable import RedisLint
@testable import Rules

/// The race rules ask whether a condition reads a name by comparing it with the condition's few names
/// (`RaceFacts.reads`) instead of hashing it: the answer must be the set's, canonically equal names included.
@Suite struct ConditionNameTests {
    static let names = ["n", "count", "cached", "é", "e\u{301}", "K", "\u{212A}", "v1", "value", "x", "", "user_json"]

    @Test func readsAnswersAsTheSet() {
        var random = SeededRandom(seed: 31)
        for _ in 0..<2_000 {
            let names = Set((0..<Int.random(in: 0...8, using: &random)).map { _ in Self.names.randomElement(using: &random)! })
            let condition = Condition(text: "", span: 0..<1, negated: false, names: names)
            for name in Self.names {
                #expect(RaceFacts.reads(condition, name) == names.contains(name), "\(names) \(name)")
                #expect(RaceFacts.reads(names: names, name) == names.contains(name), "\(names) \(name)")
            }
        }
        #expect(RaceFacts.reads(Condition(text: "", span: 0..<1, negated: false, names: ["e\u{301}"]), "é"))
    }
}
