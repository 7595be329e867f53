import Testing
import RedisTestSupport
@testable import RedisLint
import LuaParse

/// `VectorSearch` finds what a byte loop finds: the first of up to four bytes (repeated needles
/// included) and the first line end, from every start to every end of generated buffers long and
/// short enough to take the vector loop, the word loop and the byte loop in every combination.
@Suite struct VectorSearchTests {
    static func plainFirst(_ needles: [UInt8], _ bytes: [UInt8], _ from: Int, _ end: Int) -> Int {
        var j = from
        while j < end, !needles.contains(bytes[j]) { j += 1 }
        return max(j, from)
    }

    @Test func firstOfMatchesAByteLoop() {
        var random = SeededRandom(seed: 0x5645_4354)
        let alphabet: [UInt8] = Array("ab\"'\\$`*".utf8) + [0x0A, 0x0D, 0x00, 0x80, 0xFF]
        for round in 0..<200 {
            let length = round < 100 ? random.below(40) : random.below(120)
            // Sparse needles sometimes, so that long runs are skipped whole.
            let fill: [UInt8] = round % 3 == 0 ? Array("xyz ".utf8) : alphabet
            let bytes = (0..<length).map { _ in random.below(8) == 0 ? random.pick(alphabet) : random.pick(fill) }
            let needles = (0..<4).map { _ in random.pick(alphabet) }
            bytes.withUnsafeBufferPointer { b in
                for from in stride(from: 0, through: b.count, by: 1 + random.below(3)) {
                    // A start past the end (a block comment's search to `n - 1` from `n`) answers as ByteSearch does.
                    if from > 0 {
                        #expect(VectorSearch.firstOf(needles[0], needles[1], needles[2], needles[3], in: b, from: from, to: from - 1)
                                == ByteSearch.firstOf(needles[0], needles[1], needles[2], needles[3], in: b, from: from, to: from - 1))
                    }
                    for end in stride(from: from, through: b.count, by: 1 + random.below(5)) {
                        #expect(VectorSearch.firstOf(needles[0], needles[1], needles[2], needles[3], in: b, from: from, to: end)
                                == VectorSearchTests.plainFirst(needles, bytes, from, end))
                        #expect(VectorSearch.lineEnd(b, from: from, to: end) == VectorSearchTests.plainFirst([0x0A, 0x0D], bytes, from, end))
                    }
                }
            }
        }
    }
}
