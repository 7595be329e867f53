import Testing
import RedisTestSupport
@testable import RedisLint
import LuaParse

/// The word-at-a-time searches (`ByteSearch`) find exactly what a byte loop finds, on generated
/// buffers dense in the bytes looked for, at every start and end (the tails shorter than a word and
/// the bytes >= 0x80 whose borrows could fool a careless zero-byte test included).
@Suite struct ByteSearchTests {
    static let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x09, 0x0A, 0x0D, 0x5C, 0x22, 0x27, 0x2A, 0x2F, 0x24, 0x60,
                                    0x61, 0x00, 0x01, 0x80, 0x81, 0xFF, 0x0B, 0x21]

    static func buffers() -> [[UInt8]] {
        var random = SeededRandom(seed: 0x5357_4152)
        var result: [[UInt8]] = []
        for _ in 0..<300 {
            let count = random.below(40)
            // Runs of one byte (long spaces, long text) as well as mixtures.
            let run = random.chance(30) ? random.pick(alphabet) : nil
            result.append((0..<count).map { _ in run.map { random.chance(85) ? $0 : random.pick(alphabet) } ?? random.pick(alphabet) })
        }
        return result
    }

    static func firstOfByLoop(_ set: [UInt8], _ b: [UInt8], from k: Int, to end: Int) -> Int {
        var j = k
        while j < end, !set.contains(b[j]) { j += 1 }
        return j
    }

    @Test func firstOfAndLineEndMatchAByteLoop() {
        let sets: [[UInt8]] = [[0x5C, 0x22, 0x0A, 0x0D], [0x2A, 0x2A, 0x2A, 0x2A], [0x5C, 0x60, 0x24, 0x24], [0x00, 0x80, 0xFF, 0x01]]
        for bytes in Self.buffers() {
            bytes.withUnsafeBufferPointer { b in
                for start in 0...b.count {
                    for end in start...b.count {
                        for set in sets {
                            #expect(ByteSearch.firstOf(set[0], set[1], set[2], set[3], in: b, from: start, to: end)
                                    == Self.firstOfByLoop(set, bytes, from: start, to: end))
                        }
                        #expect(ByteSearch.lineEnd(b, from: start, to: end) == Self.firstOfByLoop([0x0A, 0x0D], bytes, from: start, to: end))
                    }
                }
            }
        }
    }

    /// `spacesEnd` may stop early only at a word boundary short of `end`; where it stops, every
    /// byte before is a space, and it never passes a byte that is not one.
    @Test func spacesEndStopsAtTheFirstOtherByteOrNearTheEnd() {
        for bytes in Self.buffers() {
            bytes.withUnsafeBufferPointer { b in
                for start in 0...b.count {
                    for end in start...b.count {
                        let stop = ByteSearch.spacesEnd(b, from: start, to: end)
                        let exact = Self.firstOfByLoop(Array(Set(Self.alphabet).subtracting([0x20])), bytes, from: start, to: end)
                        #expect(stop <= exact)
                        #expect(stop == exact || end - stop < 8)
                    }
                }
            }
        }
    }
}
