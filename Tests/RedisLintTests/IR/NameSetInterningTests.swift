import Testing
@testable import RedisLint
import RedisTestSupport

/// One-name sets are interned by their name (`ValueInterner.singleNameSets`), larger ones as sets: both
/// return a set equal to the one given, and the first of equal sets seen, as the set table did.
@Suite struct NameSetInterningTests {
    @Test func internedSetsEqualTheirInputAndTheFirstEqualSetSeen() {
        let pool = ["NX", "EX", "value", "n", "a_rather_long_variable_name", "é", "e\u{301}", "", "ı"]
        var interner = ValueInterner()
        var firstSeen: [Set<String>: Set<String>] = [:]
        var random = SeededRandom(seed: 42)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var singles = 0
        for _ in 0..<2000 {
            let names = Set((0..<(1 + next(3))).map { _ in pool[next(pool.count)] })
            let interned = interner.intern(names)
            #expect(interned == names)
            // `é` written two ways is one name: the spelling kept is the first one seen.
            let first = firstSeen[names, default: names]
            firstSeen[names] = first
            #expect(interned.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
                    == first.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }, "\(names)")
            if names.count == 1 { singles += 1 }
        }
        #expect(singles > 300)
        #expect(interner.intern(Set<String>()).isEmpty)
    }
}
