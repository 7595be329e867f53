import Testing
import RedisLint
import RedisTestSupport
@testable import Rules

/// no-ttl reads an ASCII key's words a byte at a time (`NoTTL.ASCIIWords`); its answer must be the one
/// the text-based reading (`textTemporaryWord`) gives, on keys of every shape.
@Suite struct TemporaryWordTests {
    static let pieces = ["cache", "Cache", "SESSION", "sessions", "sess", "otp", "rate", "limit", "Rate_Limit", "rate-limit", "rateLimit",
                         "ratelimit", "tmp", "TEMP", "csrf", "captcha", "verification", "verifications", "reset", "user", "id", ":", "_",
                         "-", "1", "42", " ", "{", "}", "é", "K", "\u{212A}", "İ", "ß", "caché", "x", "limits", "rates"]

    @Test func byteReadingAnswersAsTheText() {
        var random = SeededRandom(seed: 404)
        var asked = 0
        for _ in 0..<6_000 {
            var parts: [KeyExpr.Part] = []
            for _ in 0..<(1 + random.below(4)) {
                let text = (0..<(1 + random.below(4))).map { _ in random.pick(Self.pieces) }.joined()
                parts.append(random.chance(70) ? .literal(Array(text.utf8)) : .hole(text))
            }
            if random.chance(5) { parts = [.literal([0x63, 0x61, 0xFF, 0x63, 0x68, 0x65])] }  // invalid UTF-8
            let key = KeyExpr(parts: parts)
            #expect(NoTTL.temporaryWord(key) == NoTTL.textTemporaryWord(key), "\(key.parts)")
            asked += NoTTL.temporaryWord(key) == nil ? 0 : 1
        }
        #expect(asked > 1_000)
        #expect(NoTTL.temporaryWord(.literal("Rate_Limit:7")) == "ratelimit")
        #expect(NoTTL.temporaryWord(.literal("user:\u{212A}ache")) == NoTTL.textTemporaryWord(.literal("user:\u{212A}ache")))
    }
}
