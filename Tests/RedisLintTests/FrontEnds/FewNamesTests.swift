import Testing
@testable import RedisLint

/// `Tracer.FewNames` hands out one place per name (as `String` equality has it, as a dictionary's keys),
/// in order of entry, and enters no name past its limit.
@Suite struct FewNamesTests {
    @Test func placesFollowStringEquality() {
        var names = Tracer.FewNames()
        #expect(names.place(of: "key")! == (0, true))
        #expect(names.place(of: "value")! == (1, true))
        #expect(names.place(of: "key")! == (0, false))
        // Equal as strings, not as bytes: one place (U+212A KELVIN SIGN is canonically `K`; a decomposed é).
        #expect(names.place(of: "K")! == (2, true))
        #expect(names.place(of: "\u{212A}")! == (2, false))
        #expect(names.place(of: "caf\u{E9}")! == (3, true))
        #expect(names.place(of: "cafe\u{301}")! == (3, false))
        #expect(names.place(of: "a_rather_long_name_of_a_value")! == (4, true))
        #expect(names.place(of: "a_rather_long_name_of_a_value")! == (4, false))
    }

    @Test func entersNoNamePastTheLimit() {
        var names = Tracer.FewNames()
        for index in 0..<Tracer.FewNames.limit {
            #expect(names.place(of: "name\(index)")! == (index, true))
        }
        #expect(names.place(of: "one more") == nil)
        #expect(names.place(of: "one more") == nil)
        #expect(names.place(of: "name3")! == (3, false))
        #expect(names.names.count == Tracer.FewNames.limit)
    }
}
