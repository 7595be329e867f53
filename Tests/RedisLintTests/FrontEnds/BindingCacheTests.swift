import Testing
@testable import RedisLint
import RedisTestSupport

/// `Tracer.BindingCache` answers as the dictionary it replaced: the last answer remembered per use (nil
/// answers among them), none for a use never remembered, every entry once, across growth and reserved room.
@Suite struct BindingCacheTests {
    @Test func agreesWithADictionary() {
        var random = SeededRandom(seed: 0xB1D5)
        let answers: [Tracer.Binding?] = [nil, .other, .client(.low), .client(.high), .transaction(.medium), .pipeline(.high)]
        func randomUse() -> Tracer.ReceiverUse {
            // Small ranges, so that uses repeat; -1 scopes (top level) and large numbers among them.
            Tracer.ReceiverUse(receiver: Int32(random.below(40)), scope: Int32(random.below(12)) - 1,
                               assignmentsBefore: random.below(10) == 0 ? Int32.max : Int32(random.below(6)),
                               depth: Int32(random.below(3)))
        }
        for round in 0..<200 {
            var cache = Tracer.BindingCache()
            var expected: [Tracer.ReceiverUse: Tracer.Binding?] = [:]
            if round % 3 == 0 { cache.reserveCapacity(random.below(100)) }
            for _ in 0..<random.below(300) {
                let use = randomUse()
                if random.below(2) == 0 {
                    let answer = random.pick(answers)
                    cache.remember(answer, for: use)
                    expected[use] = .some(answer)
                }
                let found = cache.answer(for: use)
                #expect(found == expected[use])
            }
            #expect(cache.count == expected.count)
            let entries = cache.entries
            #expect(entries.count == expected.count)
            #expect(Set(entries.map(\.use)) == Set(expected.keys))
            for entry in entries { #expect(expected[entry.use] == .some(entry.answer)) }
            for _ in 0..<50 {
                let use = randomUse()
                #expect((cache.answer(for: use) == nil) == (expected[use] == nil))
            }
        }
    }

    @Test func anEmptyCacheAnswersNothing() {
        let cache = Tracer.BindingCache()
        #expect(cache.answer(for: Tracer.ReceiverUse(receiver: 0, scope: -1, assignmentsBefore: 0, depth: 0)) == nil)
        #expect(cache.count == 0)
        #expect(cache.entries.isEmpty)
    }
}
