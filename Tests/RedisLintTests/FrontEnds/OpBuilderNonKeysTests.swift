import Testing
@testable import RedisLint
import RedisTestSupport

/// `OpBuilder.nonKeys` gives the values at the positions not marked as keys, in order, as the filter it
/// replaced, and leaves the marked ones in place; the marks may run past the values (the builder's table is
/// kept from op to op).
@Suite struct OpBuilderNonKeysTests {
    @Test func keepsTheUnmarkedValuesInOrder() {
        var random = SeededRandom(seed: 0x0B1D)
        let pool: [ArgumentValue] = [.literal([]), .literal(Array("k".utf8)), .number("30"), .dynamic("name"), .dynamic("x.y")]
        var empty = 0
        for _ in 0..<500 {
            let values = (0..<random.below(7)).map { _ in random.pick(pool) }
            let isKeyAt = (0..<values.count + random.below(3)).map { _ in random.chance(50) }
            let expected = values.indices.filter { !isKeyAt[$0] }.map { values[$0] }
            var moved = values
            let found = OpBuilder.nonKeys(&moved, isKeyAt: isKeyAt)
            #expect(found == expected)
            // The keys stay where they were.
            #expect(moved.indices.filter { isKeyAt[$0] }.map { moved[$0] } == values.indices.filter { isKeyAt[$0] }.map { values[$0] })
            if found.isEmpty { empty += 1 }
        }
        #expect(empty > 50)
    }
}
