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
