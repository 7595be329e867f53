import Testing
import RedisTestSupport
@testable import Rules

/// The cache-aside miss test compares a condition with its forms without building them
/// (`CacheAsideFlow.present`/`absent`); it must answer as building them does, for every form and near misses.
@Suite struct MissConditionFormsTests {
    static let names = ["v", "cached", "user_json", "x1", "é", "K", "\u{212A}", "val"]
    static let pieces = ["", "!", "!!", "not", "not(", "(!", ")", "let", "var", "=", ".nil?", ".present?", ".blank?", ".empty?",
                         "isNone", "isnotNone", "==None", "==nil", "!=nil", "==null", "!=null", "===null", "!==null",
                         "===undefined", "!==undefined", "==undefined", "e\u{301}", "\u{e9}", "x", "K"]

    @Test func answersAsTheBuiltForms() {
        var random = SeededRandom(seed: 88)
        var matched = 0
        for _ in 0..<20_000 {
            let name = random.pick(Self.names)
            let inner = random.chance(80) ? name : random.pick(Self.names)
            let text = random.pick(Self.pieces) + (random.chance(10) ? inner + "=" + inner : inner) + random.pick(Self.pieces)
            #expect(CacheAsideFlow.present(text, name) == CacheAsideFlow.presentByText(text, name), "\(text) \(name)")
            #expect(CacheAsideFlow.absent(text, name) == CacheAsideFlow.absentByText(text, name), "\(text) \(name)")
            matched += CacheAsideFlow.present(text, name) || CacheAsideFlow.absent(text, name) ? 1 : 0
        }
        #expect(matched > 200)
        #expect(CacheAsideFlow.present("letv=v", "v") && CacheAsideFlow.absent("not(v)", "v") && !CacheAsideFlow.absent("notv)", "v"))
    }

    /// The forms both comparisons read, written out for `v` (as the lists of built strings had them).
    @Test func formsAreTheMissConditions() {
        #expect(CacheAsideFlow.presentForms.map { $0.text("v") } == ["v", "v.present?", "visnotNone", "v!=nil", "v!=null", "v!==null",
                                                                     "v!==undefined", "!!v", "letv", "varv", "letv=v"])
        #expect(CacheAsideFlow.absentForms.map { $0.text("v") } == ["!v", "notv", "v.nil?", "v.blank?", "v.empty?", "visNone", "v==None",
                                                                    "v==nil", "v==null", "v===null", "v===undefined", "v==undefined",
                                                                    "!v.present?", "(!v)", "not(v)"])
    }
}
