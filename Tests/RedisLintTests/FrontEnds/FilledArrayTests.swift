import Testing
@testable import RedisLint

/// `Array(filled:count:)` makes what `Array(repeating:count:)` makes, for element types of several sizes.
@Suite struct FilledArrayTests {
    @Test func agreesWithRepeating() {
        for count in [0, 1, 2, 7, 8, 9, 31, 1000] {
            #expect([Int32](filled: -1, count: count) == [Int32](repeating: -1, count: count))
            #expect([UInt8](filled: 7, count: count) == [UInt8](repeating: 7, count: count))
            #expect([Bool](filled: true, count: count) == [Bool](repeating: true, count: count))
            #expect([Int?](filled: nil, count: count) == [Int?](repeating: nil, count: count))
            #expect([String](filled: "é", count: count) == [String](repeating: "é", count: count))
        }
    }
}
