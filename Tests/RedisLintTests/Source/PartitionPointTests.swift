import Testing
@testable import RedisLint
import RedisTestSupport

@Suite struct PartitionPointTests {
    /// The binary search agrees with a linear scan on sorted arrays with repeats, on slices, and at the ends.
    @Test func agreesWithALinearScan() {
        var generator = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let values = (0..<Int.random(in: 0...40, using: &generator)).map { _ in Int.random(in: 0...20, using: &generator) }.sorted()
            for probe in -1...21 {
                #expect(values.partitionPoint { $0 >= probe } == (values.firstIndex { $0 >= probe } ?? values.count))
                #expect(values.partitionPoint { $0 > probe } == (values.firstIndex { $0 > probe } ?? values.count))
                let slice = values.dropFirst(values.count / 3)
                #expect(slice.partitionPoint { $0 > probe } == (slice.firstIndex { $0 > probe } ?? slice.endIndex))
            }
        }
    }
}
