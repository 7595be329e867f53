@testable import LuaParse
import RedisTestSupport
import Testing

/// `ByteSearch.firstOf` tests eight bytes at a time; it and the loops built on it (the template
/// screen) must answer as plain byte-by-byte searches on every input, whatever its length
/// and wherever the wanted bytes fall relative to the eight-byte words.
@Suite struct ByteSkipTests {
    static func naiveFirstIndex(_ bytes: [UInt8], from start: Int, of targets: [UInt8]) -> Int {
        var i = start
        while i < bytes.count, !targets.contains(bytes[i]) { i += 1 }
        return max(i, start)
    }

    @Test func firstIndexAgreesWithByteSearch() {
        var random = SeededRandom(seed: 71)
        for _ in 0..<20_000 {
            let targets = (0..<4).map { _ in random.pick([0, 10, 13, 45, 91, 128, 255, UInt8(random.below(256))]) }
            // Near misses (a target ± 1, with its high bit flipped) would trip an inexact word test.
            let nearMisses: [UInt8] = targets.flatMap { (target: UInt8) -> [UInt8] in [target &+ 1, target &- 1, target ^ 0x80] }
            let others: [UInt8] = (nearMisses + [0, 1, 0x7F, 0x80, 0xFF, 97]).filter { !targets.contains($0) }
            let bytes: [UInt8] = (0..<random.below(70)).map { _ in
                random.chance(3) || others.isEmpty ? random.pick(targets) : random.pick(others)
            }
            let start = random.below(bytes.count + 1)
            let found = bytes.withUnsafeBufferPointer {
                ByteSearch.firstOf(targets[0], targets[1], targets[2], targets[3], in: $0, from: start, to: $0.count)
            }
            #expect(found == Self.naiveFirstIndex(bytes, from: start, of: targets), "\(bytes) from \(start) of \(targets)")
        }
    }

    @Test func templateScreenAgreesOnLongInputs() {
        var random = SeededRandom(seed: 73)
        let alphabet = Array("<%${@i}a =\n".utf8) + [0, 255]
        var found = 0
        for _ in 0..<5_000 {
            // Mostly filler, so a marker lands anywhere in or across the eight-byte words.
            let bytes = (0..<random.below(50)).map { _ in random.chance(60) ? 97 : random.pick(alphabet) }
            let expected = TemplateScreenTests.reference(bytes)
            #expect(LuaTemplateDetector.mayContainMarkers(bytes) == expected, "\(bytes)")
            if expected { found += 1 }
        }
        #expect(found > 200 && found < 4_800, "\(found)")
    }
}
