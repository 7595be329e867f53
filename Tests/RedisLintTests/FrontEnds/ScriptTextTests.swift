import Testing
@testable import RedisLint

/// `ScriptText` hashes a script's length and its first and last 32 bytes but compares every byte: texts
/// that differ only in the middle are different keys, equal texts one key.
@Suite struct ScriptTextTests {
    @Test func equalTextsAreOneKeyAndMiddlesTellTextsApart() {
        let head = Array(repeating: UInt8(ascii: "a"), count: 40), tail = Array(repeating: UInt8(ascii: "z"), count: 40)
        let one = ScriptText(bytes: head + Array("return 1".utf8) + tail)
        let two = ScriptText(bytes: head + Array("return 2".utf8) + tail)
        #expect(one.hashValue == two.hashValue)
        #expect(one != two)
        #expect(one == ScriptText(bytes: head + Array("return 1".utf8) + tail))
        var table: [ScriptText: Int] = [one: 1, two: 2]
        #expect(table[ScriptText(bytes: head + Array("return 2".utf8) + tail)] == 2)
        table[one] = 3
        #expect(table.count == 2 && table[one] == 3)
    }

    @Test func shortAndEmptyTexts() {
        #expect(ScriptText(bytes: []) == ScriptText(bytes: []))
        #expect(ScriptText(bytes: []) != ScriptText(bytes: [0]))
        // Shorter than a sample, and lengths around the word size of the compare.
        for count in 1...40 {
            let text = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            var changed = text
            changed[count - 1] ^= 1
            #expect(ScriptText(bytes: text) == ScriptText(bytes: text))
            #expect(ScriptText(bytes: text) != ScriptText(bytes: changed))
            #expect(ScriptText(bytes: text) != ScriptText(bytes: text + [0]))
        }
    }

    @Test func manyTextsThatShareTheirSampledBytes() {
        // A hostile file: scripts alike but for one byte in the middle all share a hash, and each is still its own key.
        let head = Array(repeating: UInt8(ascii: "-"), count: 32), tail = head
        var table: [ScriptText: Int] = [:]
        for index in 0..<2_000 {
            let middle = Array(String(index, radix: 16).utf8) + Array(repeating: UInt8(ascii: " "), count: 4 - String(index, radix: 16).utf8.count)
            table[ScriptText(bytes: head + middle + tail)] = index
        }
        #expect(table.count == 2_000)
        #expect(table[ScriptText(bytes: head + Array("7cf ".utf8) + tail)] == 0x7cf)
    }
}
