import Testing
@testable import RedisLint

/// `HugePages.advise` is advice only: a large reserved array keeps its capacity, and what is written
/// into it afterwards reads back unchanged (run under AddressSanitizer on CI, this also covers the call).
@Suite struct HugePagesTests {
    @Test func advisedArrayKeepsCapacityAndContents() {
        var values: [Int32] = []
        values.reserveCapacity(HugePages.minimumBytes / MemoryLayout<Int32>.stride + 1_000)
        let capacity = values.capacity
        HugePages.advise(&values)
        #expect(values.capacity == capacity && values.isEmpty)
        for index in 0..<capacity { values.append(Int32(truncatingIfNeeded: index &* 2_654_435_761)) }
        #expect(values.capacity == capacity)
        #expect(values.indices.allSatisfy { values[$0] == Int32(truncatingIfNeeded: $0 &* 2_654_435_761) })
    }

    @Test func smallArraysAreLeftAlone() {
        var values: [UInt8] = [1, 2, 3]
        HugePages.advise(&values)
        #expect(values == [1, 2, 3])
    }
}
