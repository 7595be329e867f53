import RedisTestSupport
import Testing
@testable import Rules

/// `OuterClientInsideBlock.QueuedOps` groups a trace's queued ops by pipeline object as the table by name did,
/// below and past the dozen names where it starts keeping a table.
@Suite struct QueuedOpsTests {
    @Test func groupsAsATableByNameDoes() {
        var random = SeededRandom(seed: 23)
        let pool = (0..<30).map { "p\($0)" } + ["pipe", "self.pipe", "e\u{301}", "\u{E9}", "K", "\u{212A}", ""]
        for _ in 0..<500 {
            let names = (0..<(1 + random.below(20))).map { _ in random.pick(pool) }
            var queued = OuterClientInsideBlock.QueuedOps()
            var table: [String: [Int]] = [:]
            for index in 0..<random.below(60) {
                let name = random.pick(names)
                queued.add(index, on: name)
                table[name, default: []].append(index)
            }
            #expect(queued.names.count == table.count)
            #expect(Dictionary(uniqueKeysWithValues: zip(queued.names, queued.lists)) == table)
            let sortedSlots = queued.names.indices.sorted { queued.names[$0] < queued.names[$1] }
            #expect(sortedSlots.map { queued.lists[$0] } == table.sorted { $0.key < $1.key }.map(\.value))
        }
    }
}
