import Testing
import RedisTestSupport
@testable import Rules

/// RL105 takes wrappers off a ZADD's score and member (`str(x)`, `x.to_f`) comparing an ASCII text's bytes
/// (`SortedSetMemberCollision.Wrapper.wraps`): it must answer as `hasPrefix` and `hasSuffix` do, for ASCII text,
/// for text whose characters are not its bytes (combining marks, a character canonically equal to `` ` ``, CR LF),
/// and for text shorter than the wrapper.
@Suite struct ScoreWrapperTests {
    static let wrappers = SortedSetMemberCollision.numberCalls + SortedSetMemberCollision.numberSuffixes
        + SortedSetMemberCollision.stringCalls + SortedSetMemberCollision.stringSuffixes
    static let pieces = ["", "now", "x", "(", ")", "str(", "String(", "String(describing:", "`${", "}`", "f\"{", "}\"", "f'{", "}'",
                         "\"#{", "\"\\(", ")\"", "repr(", "float(", "int(", "Number(", "Double(", ".to_f", ".to_i", ".to_s",
                         ".toString()", ".description", "\u{301}", "\u{1FEF}", "\r", "\n", "\r\n", "é", "e\u{301}", "{", "}"]

    static func expected(_ text: String, _ wrapper: SortedSetMemberCollision.Wrapper) -> Bool {
        text.hasPrefix(wrapper.prefix.description) && text.hasSuffix(wrapper.suffix.description)
    }

    static func answer(_ text: String, _ wrapper: SortedSetMemberCollision.Wrapper) -> Bool {
        wrapper.wraps(text, isASCII: SortedSetMemberCollision.Wrapper.isASCII(text))
    }

    @Test func answersAsTheCharacterComparison() {
        var random = SeededRandom(seed: 105)
        var matched = 0
        for _ in 0..<5_000 {
            let text = (0..<random.below(5)).map { _ in random.pick(Self.pieces) }.joined()
            for wrapper in Self.wrappers {
                #expect(Self.answer(text, wrapper) == Self.expected(text, wrapper), "\(text.debugDescription) \(wrapper.prefix) \(wrapper.suffix)")
                matched += Self.expected(text, wrapper) ? 1 : 0
            }
        }
        #expect(matched > 250)
    }

    /// A score is a literal when its first character is a quote, a dash or a number: asked of the first byte when
    /// it is a character on its own, of the character otherwise (a digit with a combining mark, CR LF, `٣`).
    @Test func literalScoresAsTheFirstCharacterSays() {
        var random = SeededRandom(seed: 106)
        let starts = ["", "1", "-", "\"", "'", "x", "\r\n", "\r", "\u{301}", "1\u{301}", "\u{663}", "\u{1FEF}", "(", "[", "{", "é"]
        for _ in 0..<2_000 {
            let text = random.pick(starts) + random.pick(Self.pieces)
            let byCharacter = text.first.map { $0 == "\"" || $0 == "'" || $0.isNumber || $0 == "-" } ?? true
            #expect(SortedSetMemberCollision.isLiteralNumberOrString(text) == byCharacter, "\(text.debugDescription)")
            if let byte = text.utf8.first, byte < 0x80, !"[({".utf8.contains(byte) { #expect(SortedSetMemberCollision.pairs(in: text).isEmpty) }
        }
        #expect(SortedSetMemberCollision.pairs(in: "{a:a}").count == 1 && SortedSetMemberCollision.pairs(in: "").isEmpty)
    }

    @Test func edgeCases() {
        let str = SortedSetMemberCollision.Wrapper("str(", ")"), template = SortedSetMemberCollision.Wrapper("`${", "}`")
        #expect(!Self.answer("", str) && !Self.answer("str(", str) && Self.answer("str()", str))
        // A character canonically equal to `` ` `` (U+1FEF) and a combining mark after the prefix: compared as characters.
        #expect(Self.answer("\u{1FEF}${now}`", template) == Self.expected("\u{1FEF}${now}`", template))
        #expect(!Self.answer("str(\u{301}now)", str))
        let long = "str(" + String(repeating: "(", count: 10_000) + ")"
        #expect(Self.answer(long, str) && SortedSetMemberCollision.unwrapString(long) == String(repeating: "(", count: 10_000))
        #expect(SortedSetMemberCollision.unwrapString("str(now)") == "now" && SortedSetMemberCollision.unwrapNumber("now.to_f") == "now")
        #expect(SortedSetMemberCollision.unwrapString("now") == "now" && SortedSetMemberCollision.unwrapNumber("") == "")
    }
}
