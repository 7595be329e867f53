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

    @Test func answersAssignedValueUsesAsADictionary() {
        var random = SeededRandom(seed: 0xA551)
        let answers: [Tracer.Binding?] = [nil, .other, .client(.medium), .pipeline(.low)]
        for _ in 0..<100 {
            var cache = Tracer.BindingCache()
            var expected: [Tracer.AssignedValueUse: Tracer.Binding?] = [:]
            for _ in 0..<random.below(200) {
                let lower = random.below(30)
                let use = Tracer.AssignedValueUse(position: random.below(20), value: lower..<lower + random.below(4), depth: random.below(3))
                if random.chance(50) {
                    let answer = random.pick(answers)
                    cache.remember(answer, for: use)
                    expected[use] = .some(answer)
                }
                #expect(cache.answer(for: use) == expected[use])
            }
            #expect(cache.count == expected.count)
        }
        // A use whose numbers do not fit 31 bits is never remembered (its answer is worked out each time).
        var cache = Tracer.BindingCache()
        let huge = Tracer.AssignedValueUse(position: Int(Int32.max) + 1, value: 0..<1, depth: 0)
        cache.remember(.other, for: huge)
        #expect(cache.answer(for: huge) == nil)
        #expect(cache.count == 0)
    }
}
