import Testing
import RedisTestSupport
@testable import RedisLint

/// `HugePages.advise` may only name whole pages inside the array's own storage (the kernel rounds an
/// advice up to whole pages).
@Suite struct HugePagesTests {
    @Test func advisedPagesLieWithinTheBuffer() {
        var random = SeededRandom(seed: 0x4855_4745)
        for pageSize: UInt in [4096, 16_384, 65_536] {
            for _ in 0..<2_000 {
                let start = UInt(random.below(1 << 30))
                let bytes = random.below(1 << 20)
                guard let range = HugePages.pagesWithin(start: start, bytes: bytes, pageSize: pageSize) else {
                    // Nothing to advise only when no whole page fits.
                    let firstPage = (start + pageSize - 1) / pageSize * pageSize
                    #expect(firstPage + pageSize > start + UInt(bytes))
                    continue
                }
                #expect(range.start >= start && range.start + range.length <= start + UInt(bytes))
                #expect(range.start % pageSize == 0 && range.length % pageSize == 0 && range.length > 0)
                // Every whole page inside the buffer is advised.
                #expect(range.start < start + pageSize && range.start + range.length + pageSize > start + UInt(bytes))
            }
        }
        #expect(HugePages.pagesWithin(start: 4096, bytes: 8192, pageSize: 3000) == nil)
    }
}
