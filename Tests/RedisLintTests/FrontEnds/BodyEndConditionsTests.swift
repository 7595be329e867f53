import Testing
import RedisTestSupport
@testable import RedisLint

/// `BodyEndConditions` answers as the dictionary it replaced: the condition recorded last per body end,
/// nil for the others, on generated records in nesting-like and random orders (repeated ends included).
@Suite struct BodyEndConditionsTests {
    @Test func answersAsADictionary() {
        var random = SeededRandom(seed: 0x454C5345)
        for round in 0..<300 {
            var table = BodyEndConditions()
            var dictionary: [Int: Range<Int>] = [:]
            var cursor = 0
            for step in 0..<random.below(60) {
                // Mostly increasing ends (source order), sometimes smaller (a nested `if`) or repeated.
                let end = round % 4 == 0 ? random.below(40) : max(0, cursor + random.below(12) - 4)
                cursor = max(cursor, end)
                let condition = step..<(step + random.below(5))
                table.record(condition, bodyEnd: end)
                dictionary[end] = condition
                let probe = random.below(cursor + 3) - 1
                #expect(table[probe] == dictionary[probe])
            }
            for end in -2..<(cursor + 3) { #expect(table[end] == dictionary[end]) }
        }
    }
}
