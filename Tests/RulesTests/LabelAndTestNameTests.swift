import Testing
import RedisTestSupport
@testable import RedisLint
@testable import Rules

/// Race messages write an op's key in place (`MessageText.add(_:display:)`) and the pair rules tell a
/// test's name by its bytes (`RaceFacts.isTestFunctionName`): both must answer as the `String` forms.
@Suite struct LabelAndTestNameTests {
    static let literals: [[UInt8]] = [Array("lock:".utf8), Array("é".utf8), [], [0xFF], [0xE2, 0x82], Array(":x".utf8)]

    @Test func keyDisplayIsTheString() {
        var random = SeededRandom(seed: 12)
        for _ in 0..<2000 {
            var parts: [KeyExpr.Part] = []
            for _ in 0..<random.below(4) {
                parts.append(random.chance(50) ? .literal(random.pick(Self.literals)) : .hole(random.pick(["id", "é", "a b"])))
            }
            var key = KeyExpr(parts: [])
            key.parts = parts  // as given, canonical or not
            var text = MessageText()
            text.add(" ", display: key)
            let display = key.display
            #expect(text.text == (display.isEmpty ? "" : " " + display), "\(parts)")
        }
    }

    @Test func testNamesAreTheCharacterForms() {
        let names = ["test_a", "test a", "testA", "testa", "test", "tes", "Test_a", "test_\u{301}", "testÉ", "test\r\n", "testé", "xtest_a",
                     "", "test_", "testZ", "test[", "test@", "tést_a"]
        for name in names {
            #expect(RaceFacts.isTestFunctionName(name) == RaceFacts.isTestFunctionNameByCharacters(name), "\(name)")
        }
    }
}
