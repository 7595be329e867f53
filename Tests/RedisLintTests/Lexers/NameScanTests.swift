import Testing
import RedisTestSupport
@testable import RedisLint

/// `LexerCore.nameEnd` scans without bounds checks up to `nameStop` (the last byte in no name) and
/// with them after it; either way it ends a name where a plain bounded loop does, for both name
/// classes, from every start, in buffers that end inside a name or not.
@Suite struct NameScanTests {
    @Test func nameEndMatchesABoundedLoop() {
        var random = SeededRandom(seed: 0x4E41_4D45)
        let alphabet: [UInt8] = Array("ab_Z09$".utf8) + [0x80, 0xC3, 0xA9, 0x20, 0x0A, 0x2E, 0x28, 0x00]
        for _ in 0..<400 {
            let bytes = (0..<random.below(30)).map { _ in random.pick(alphabet) }
            bytes.withUnsafeBufferPointer { b in
                let partner = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
                let core = LexerCore(b, tokens: TokenSink(UnsafeMutableBufferPointer(start: nil, count: 0)),
                                     brackets: BracketPartners(partner, capacity: 0))
                var sink = core.tokens
                defer {
                    _ = sink.takeOwnedTokens()
                    core.brackets.release()
                    partner.deallocate()
                }
                for member in [ByteClass.identContinue, ByteClass.jsIdentContinue] {
                    for start in 0...b.count {
                        var j = start
                        while j < b.count, ByteClass.table[Int(b[j])] & member != 0 { j += 1 }
                        #expect(core.nameEnd(from: start, member) == j)
                    }
                }
            }
        }
    }
}
