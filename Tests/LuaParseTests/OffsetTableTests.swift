@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaOffsetTable` replaced `Dictionary<Int, Int>` for the local references: it must answer as the
/// dictionary does after any sequence of stores, through growth and with or without a reservation, up
/// to the largest offset and value an entry holds.
@Suite struct OffsetTableTests {
    @Test func agreesWithDictionary() {
        var random = SeededRandom(seed: 17)
        for round in 0..<200 {
            var table = LuaOffsetTable()
            var reference: [Int: Int] = [:]
            if round % 2 == 0 { table.reserveCapacity(random.below(40)) }
            // Offsets from a small range repeat (replacing values); a large range spreads them out.
            let range = round % 3 == 0 ? 50 : 1_000_000
            for _ in 0..<random.below(300) {
                let offset = random.below(range)
                let value = random.below(1_000)
                table.set(offset, value)
                reference[offset] = value
            }
            #expect(table.count == reference.count)
            for offset in 0..<60 { #expect(table[offset] == reference[offset], "\(offset)") }
            for (offset, value) in reference { #expect(table[offset] == value, "\(offset)") }
        }
    }

    @Test func largestOffsetsAndValues() {
        var table = LuaOffsetTable()
        let largest = Int(UInt32.max) - 1
        table.set(largest, largest)
        table.set(0, 0)
        table.set(Int(Int32.max), 1)
        #expect(table[largest] == largest && table[0] == 0 && table[Int(Int32.max)] == 1 && table.count == 3)
        #expect(table[largest - 1] == nil && table[1] == nil)
    }

    @Test func emptyAndZero() {
        var table = LuaOffsetTable()
        #expect(table[0] == nil && table.count == 0)
        table.set(0, 7)
        table.set(0, 8)
        #expect(table[0] == 8 && table[1] == nil && table.count == 1)
        // An offset never stored, whose key bits are an empty slot's: not found, not 0.
        #expect(table[-1] == nil)
    }
}
