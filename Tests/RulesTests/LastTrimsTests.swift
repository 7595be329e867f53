import Testing
import RedisTestSupport
import RedisLint
@testable import Rules

/// `DelGrowingCollection.LastTrims` answers as scanning the rest of the trace for a trim of the key did.
@Suite struct LastTrimsTests {
    @Test func answersAsScanningTheRestOfTheTrace() {
        var random = SeededRandom(seed: 21)
        let commands = ["LPUSH", "RPUSH", "LTRIM", "ZADD", "ZREMRANGEBYRANK", "XTRIM", "GET", "DEL"]
        let keys = (0..<4).map { KeyExpr(parts: [.literal(Array("list:\($0)".utf8))]) }
        var trimmedSeen = 0
        for _ in 0..<200 {
            let ops = (0..<random.below(40)).map { _ in
                RedisOp(command: random.pick(commands), keys: [random.pick(keys)], method: "m", receiver: "r", confidence: .high,
                        span: 0..<1, nameSpan: 0..<1)
            }
            var lastTrims = DelGrowingCollection.LastTrims()
            for index in ops.indices {
                let key = ops[index].keys[0]
                let scanned = ops[(index + 1)...].contains { DelGrowingCollection.trims.contains($0.command) && $0.keys.first == key }
                #expect(lastTrims.isTrimmed(key, after: index, trace: 0, ops: ops) == scanned, "op \(index)")
                if scanned { trimmedSeen += 1 }
            }
        }
        #expect(trimmedSeen > 100)
    }
}
