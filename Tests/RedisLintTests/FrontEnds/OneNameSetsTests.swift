import Testing
@testable import RedisLint
import RedisTestSupport

/// `Tracer.OneNameSets` hands out `Set(names)` of a list of one name, reusing the last set only for the same
/// bytes: a canonically equal spelling (a decomposed accent, the Kelvin sign) gets a set of its own spelling.
@Suite struct OneNameSetsTests {
    @Test func givesTheSetOfTheNameAsWritten() {
        var random = SeededRandom(seed: 0x5E75)
        let pool = ["value", "payload", "v", "caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", "a_much_longer_argument_name"]
        var sets = Tracer.OneNameSets()
        for _ in 0..<400 {
            let name = random.pick(pool)
            let found = sets.set(of: [name])
            #expect(found == Set([name]))
            #expect(found.count == 1)
            #expect(found.first.map { Array($0.utf8) } == Array(name.utf8))
        }
    }

    @Test func givesTheSetOfOneNameNotInAList() {
        var random = SeededRandom(seed: 0xC0D1)
        let pool = ["value", "n", "caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", "", "a_much_longer_condition_name"]
        var sets = Tracer.OneNameSets()
        for _ in 0..<400 {
            let name = random.pick(pool)
            let found = sets.set(ofOne: name)
            #expect(found.count == 1)
            #expect(found.first.map { Array($0.utf8) } == Array(name.utf8))
        }
    }

    @Test func givesTheSetOfANameListAsWritten() {
        var random = SeededRandom(seed: 0x115E)
        let pool = ["value", "v", "caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", "a_much_longer_argument_name"]
        var sets = Tracer.NameListSets()
        for _ in 0..<400 {
            // Two to four names, repeats among them, the same list often twice in a row.
            let choices = Array(pool.prefix(3 + random.below(pool.count - 2)))
            let names = (0..<(2 + random.below(3))).map { _ in random.pick(choices) }
            for _ in 0..<(1 + random.below(2)) {
                let found = sets.set(of: names)
                #expect(found == Set(names))
                // The spellings a new set keeps (of canonically equal names, the first in the list).
                #expect(Set(found.map { Array($0.utf8) }) == Set(Set(names).map { Array($0.utf8) }))
            }
        }
    }

    @Test func comparesBytesNotCanonicalEquality() {
        #expect("caf\u{E9}" == "cafe\u{301}")
        #expect(!Tracer.OneNameSets.sameBytes("caf\u{E9}", "cafe\u{301}"))
        #expect(!Tracer.OneNameSets.sameBytes("K", "\u{212A}"))
        #expect(Tracer.OneNameSets.sameBytes("value", "val" + "ue"))
        #expect(!Tracer.OneNameSets.sameBytes("value", "values"))
        #expect(!Tracer.OneNameSets.sameBytes("value", "valuf"))
        #expect(Tracer.OneNameSets.sameBytes("", ""))
        let long = String(repeating: "long_name_", count: 30)
        #expect(Tracer.OneNameSets.sameBytes(long, String(repeating: "long_name_", count: 30)))
        #expect(!Tracer.OneNameSets.sameBytes(long + "a", long + "b"))
    }
}
