import Testing
import RedisTestSupport
@testable import RedisLint

/// `SourceString.make` (and `TokenView.text`, which uses it) gives exactly the `String` that
/// `String(decoding:as:)` gives: the same UTF-8, invalid sequences repaired alike, short (inline) and
/// long (allocated) texts, and empty.
@Suite struct SourceStringTests {
    static let cases: [[UInt8]] = [
        [], Array("get".utf8), Array("exactly_15_byte".utf8), Array("exactly_16_bytes".utf8), Array("self.redis_client".utf8),
        Array("héllo".utf8), Array("héllo.wörld_and_more_text".utf8),
        [0xFF], [0xC3], [0x61, 0xC3, 0x62], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF],
        Array(repeating: 0x80, count: 20), [0x61, 0xF0, 0x9F, 0x98] + Array(repeating: 0x62, count: 16),
    ]

    @Test func madeStringsAreTheDecodedBytes() {
        for bytes in Self.cases {
            let decoded = String(decoding: bytes, as: UTF8.self)
            let made = bytes.withUnsafeBufferPointer { SourceString.make($0) }
            #expect(Array(made.utf8) == Array(decoded.utf8), "\(bytes)")
            #expect(made == decoded)
            // Every part of the bytes, through the range form.
            for lower in 0...bytes.count {
                for upper in lower...bytes.count {
                    let part = SourceString.make(bytes, lower..<upper)
                    #expect(Array(part.utf8) == Array(String(decoding: bytes[lower..<upper], as: UTF8.self).utf8))
                }
            }
        }
    }

    /// A short ASCII text is made as its small-string bits (`SourceString.smallASCII`): they must be the
    /// very bits the standard library gives it (its equality and hashing compare them), for every length
    /// that fits (1 to 15 bytes, both words), every ASCII byte in every position (NUL and DEL too).
    @Test func shortASCIITextsHaveTheLibrarysBits() {
        #expect(SourceString.smallFormHolds)
        func bits(_ string: String) -> (UInt64, UInt64) { unsafeBitCast(string, to: (UInt64, UInt64).self) }
        for count in 1...SourceString.smallCapacity + 2 {
            for seed in 0..<128 {
                let bytes = (0..<count).map { UInt8(($0 &* 37 &+ seed) % 128) }
                let made = bytes.withUnsafeBufferPointer { SourceString.make($0) }
                let decoded = String(decoding: bytes, as: UTF8.self)
                #expect(made == decoded)
                #expect(made.hashValue == decoded.hashValue)
                #expect(Array(made.utf8) == bytes && made.utf8.count == count && made.count == count)
                if count <= SourceString.smallCapacity { #expect(bits(made) == bits(decoded), "\(bytes)") }
                // A made string is an ordinary value: it grows, and compares as one.
                var grown = made
                grown += "é"
                #expect(grown == decoded + "é")
            }
        }
    }

    @Test func tokenTextIsTheDecodedToken() {
        var random = SeededRandom(seed: 0x5E57_0E17)
        let pieces = ["self", ".", "redis", "(", ")", "a_name_longer_than_fifteen", "'k'", "1", "é", "名前", " ", "\n", "x"]
        for _ in 0..<100 {
            var bytes = Array((0..<random.below(40)).map { _ in random.pick(pieces) }.joined().utf8)
            if random.below(3) == 0, !bytes.isEmpty { bytes[random.below(bytes.count)] = 0xFF }
            for tokens in [PythonLexer.lex(bytes).tokens, JavaScriptLexer.lex(bytes).tokens] {
                let view = TokenView(bytes: bytes, tokens: tokens)
                for index in 0..<view.count {
                    let token = view[index]
                    let decoded = String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
                    #expect(Array(view.text(index).utf8) == Array(decoded.utf8))
                }
            }
        }
    }
}
