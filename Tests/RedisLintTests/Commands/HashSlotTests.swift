import Testing
import RedisTestSupport
@testable import RedisLint

@Suite("Hash slots")
struct HashSlotTests {
    @Test("CRC16-XMODEM check value and known Redis slots")
    func knownValues() {
        // The standard CRC-16/XMODEM check value.
        #expect(HashSlot.crc16(Array("123456789".utf8)) == 0x31C3)
        #expect(HashSlot.slot(of: "foo") == 12182)
        #expect(HashSlot.slot(of: "") == 0)
        #expect(HashSlot.slot(of: "{user1000}.following") == HashSlot.slot(of: "{user1000}.followers"))
        #expect(HashSlot.slot(of: "{user1000}.following") == HashSlot.slot(of: "user1000"))
    }

    @Test("Hash tag: first { and the first } after it, non-empty")
    func hashTags() {
        func tag(_ key: String) -> String? {
            HashSlot.hashTag(of: Array(key.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(tag("{a}b") == "a")
        #expect(tag("x{a}{b}") == "a")
        #expect(tag("{}{a}") == nil)
        #expect(tag("{{a}}") == "{a")
        #expect(tag("a{b}{c}") == "b")
        #expect(tag("{") == nil)
        #expect(tag("}{") == nil)
        #expect(tag("no tag") == nil)
        #expect(tag("{a") == nil)
        #expect(tag("a}b{c}") == "c")
    }

    @Test("Slots agree with CLUSTER KEYSLOT of a real cluster for 10,000+ keys")
    func agreesWithClusterKeyslot() throws {
        let server = try RedisServer(cluster: true)
        defer { server.stop() }
        let client = try server.connect()
        var keys: [[UInt8]] = [
            "", "{}", "{{a}}", "a{b}{c}", "{", "}{", "{}{a}", "}", "{a", "a}", "{a}", "{ }", "{{}}",
            "user:{42}:cart", "user:{42}:orders", "é{ü}", "日本{語}", "🙂{🙃}x",
        ].map { Array($0.utf8) }
        keys += [[0x00], [0xFF, 0xFE], [0x7B, 0x00, 0x7D], [0x7B, 0xFF, 0x7D, 0x41], [0xC3, 0x28], [0x0D, 0x0A]]
        var random = SeededRandom(seed: 0x5107)
        // Few distinct bytes, heavy on braces, so tags of every shape occur often.
        let alphabet: [UInt8] = [0x7B, 0x7B, 0x7D, 0x7D, 0x61, 0x62, 0x3A, 0x00, 0xFF, 0x0D, 0x0A, 0xC3, 0xA9, 0x20]
        while keys.count < 10_500 {
            let length = Int.random(in: 0...12, using: &random)
            keys.append((0..<length).map { _ in alphabet.randomElement(using: &random)! })
        }
        let replies = try client.pipeline(keys.map { [Array("CLUSTER".utf8), Array("KEYSLOT".utf8), $0] })
        var mismatches: [String] = []
        for (key, reply) in zip(keys, replies) where reply.int != HashSlot.slot(of: key) {
            mismatches.append("\(key): server \(reply), ours \(HashSlot.slot(of: key))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(replies.count == keys.count)
    }
}
