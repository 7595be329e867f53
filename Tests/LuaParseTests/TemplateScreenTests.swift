@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaTemplateDetector.mayContainMarkers` reads a buffer, first byte then its successor; it must answer
/// as the pairwise loop it replaced (kept here as the reference) on every input.
@Suite struct TemplateScreenTests {
    static func reference(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            switch (previous, byte) {
            case (60, 37), (36, 123), (123, 123), (64, 105): return true
            default: previous = byte
            }
        }
        return false
    }

    @Test func screenAgreesWithPairwiseLoop() {
        var random = SeededRandom(seed: 9)
        // The marker bytes, their near misses and ordinary text, so both answers come up often.
        let alphabet = Array("<%${@i}a =\n".utf8) + [0, 255]
        var found = 0
        for _ in 0..<20_000 {
            let bytes = (0..<random.below(12)).map { _ in random.pick(alphabet) }
            let expected = Self.reference(bytes)
            #expect(LuaTemplateDetector.mayContainMarkers(bytes) == expected, "\(bytes)")
            if expected { found += 1 }
        }
        #expect(found > 2_000 && found < 18_000)
    }

    @Test func markersAtTheEdges() {
        for marker in ["<%", "${", "{{", "@i"] {
            #expect(LuaTemplateDetector.mayContainMarkers(Array(marker.utf8)))
            #expect(LuaTemplateDetector.mayContainMarkers(Array(("x = 1 " + marker).utf8)))
            #expect(!LuaTemplateDetector.mayContainMarkers(Array(marker.utf8.prefix(1))))
        }
        #expect(!LuaTemplateDetector.mayContainMarkers([]))
    }
}
