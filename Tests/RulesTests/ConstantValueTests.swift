import RedisLint
import RedisTestSupport
import Testing
@testable import Rules

/// `RaceFacts.constantValue` screens and quotes an ASCII literal as bytes: it must answer as decoding and
/// upper-casing the text did.
@Suite struct ConstantValueTests {
    static func byText(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return RaceFacts.ttlOptions.contains(text.uppercased()) || text.uppercased() == "NX" ? nil : "\"" + text + "\""
    }

    @Test func literalsAnswerAsTheirText() {
        var random = SeededRandom(seed: 61)
        let words = ["ex", "EX", "Px", "nx", "NX", "xx", "exat", "PXAT", "keepttl", "KeepTTL", "1", "", "token", "e", "EXA", "keepttl2",
                     "\u{212A}eepttl", "ß", "é", "\u{1F600}"]
        for _ in 0..<3_000 {
            var bytes = Array(random.pick(words).utf8)
            if random.chance(30) { bytes.append(UInt8(random.below(256))) }
            if random.chance(10) { bytes = (0..<random.below(9)).map { _ in UInt8(random.below(256)) } }
            let op = RedisOp(command: "SET", keys: [.literal("lock")], arguments: [.literal(bytes)], method: "set", receiver: "r",
                             confidence: .high, span: 0..<1, nameSpan: 0..<1)
            #expect(RaceFacts.constantValue(op) == Self.byText(bytes), "\(bytes)")
        }
    }
}

/// `RaceFacts.hasExpiryOption` answers as `!options.isDisjoint(with: RedisOp.expiryOptions)`.
@Suite struct ExpiryOptionTests {
    @Test func answersAsTheSetDoes() {
        var random = SeededRandom(seed: 62)
        let words = ["EX", "PX", "EXAT", "PXAT", "ex", "NX", "XX", "GET", "KEEPTTL", "EXA", "EXATT", "E", "", "\0EX", "\0\0EXAT",
                     "E\u{301}X", "\u{212A}EEPTTL", "PXAT\u{301}", "BLOCK", "EXATEXAT"]
        for _ in 0..<3_000 {
            let options = Set((0..<random.below(4)).map { _ in random.pick(words) })
            let op = RedisOp(command: "SET", keys: [.literal("lock")], options: options, method: "set", receiver: "r",
                             confidence: .high, span: 0..<1, nameSpan: 0..<1)
            #expect(RaceFacts.hasExpiryOption(op) == !options.isDisjoint(with: RedisOp.expiryOptions), "\(options)")
        }
    }
}

/// `RaceFacts.contains(_:_:)` and `hasNXOrXX` compare a few options one by one: they answer as the set's look-up.
@Suite struct OptionLookupTests {
    @Test func answersAsTheSetDoes() {
        var random = SeededRandom(seed: 63)
        let words = ["NX", "XX", "GET", "EX", "KEEPTTL", "\u{212A}EEPTTL", "caf\u{E9}", "cafe\u{301}", "", "nx", "BLOCK", "ASYNC", "N", "NXX"]
        for _ in 0..<3_000 {
            let options = Set((0..<random.below(7)).map { _ in random.pick(words) })
            let word = random.pick(words)
            #expect(RaceFacts.contains(options, word) == options.contains(word), "\(options) \(word)")
            let op = RedisOp(command: "SET", keys: [.literal("k")], options: options, method: "set", receiver: "r",
                             confidence: .high, span: 0..<1, nameSpan: 0..<1)
            #expect(RaceFacts.hasNXOrXX(op) == (options.contains("NX") || options.contains("XX")), "\(options)")
        }
    }
}
