import Testing
import RedisLint
@testable import Rules

/// Every rule's documented examples are tests: triggering examples find exactly the marked places,
/// clean twins find nothing, and hiding an example in a comment or a string finds nothing.
@Suite struct RuleExamplesTests {
    static let cases: [(String, Int)] = RuleRegistry.all.flatMap { rule in
        rule.description.examples.indices.map { (rule.description.id, $0) }
    }

    static func lookup(_ id: String, _ index: Int) -> (any Rule, RuleExample) {
        let rule = RuleRegistry.rule(named: id)!
        return (rule, rule.description.examples[index])
    }

    @Test(arguments: cases)
    func exampleFindsExactlyTheMarkedPlaces(_ id: String, _ index: Int) {
        let (rule, example) = Self.lookup(id, index)
        let outcome = RuleExampleHarness.run(rule, example)
        if example.triggers {
            #expect(!outcome.expected.isEmpty, "a triggering example needs a ↓ marker")
        }
        #expect(outcome.actual == outcome.expected, "\(id) \(example.language) example \(index):\n\(example.code)")
    }

    @Test(arguments: cases)
    func exampleInCommentOrStringFindsNothing(_ id: String, _ index: Int) {
        let (rule, example) = Self.lookup(id, index)
        guard example.triggers else { return }
        let (code, _) = RuleExampleHarness.strip(example.code)
        let commented = RuleExampleHarness.findings(rule, example.language, RuleExampleHarness.inComment(code, example.language), settings: example.settings)
        #expect(commented.isEmpty, "in a comment: \(commented.map(\.message))")
        let quoted = RuleExampleHarness.findings(rule, example.language, RuleExampleHarness.inString(code, example.language), settings: example.settings)
        #expect(quoted.isEmpty, "in a string: \(quoted.map(\.message))")
    }

    @Test(arguments: cases)
    func multibyteTextBeforeShiftsOnlyTheLine(_ id: String, _ index: Int) {
        let (rule, example) = Self.lookup(id, index)
        guard example.triggers else { return }
        let (code, expected) = RuleExampleHarness.strip(example.code)
        // A `#!lua` first line is only metadata on the first line: the text goes after it.
        let keepsFirstLine = example.language == .lua && code.hasPrefix("#!")
        let prefix = RuleExampleHarness.multibytePrefix(example.language)
        var prefixed = prefix + code
        if keepsFirstLine, let newline = code.firstIndex(of: "\n") {
            prefixed = String(code[...newline]) + prefix + String(code[code.index(after: newline)...])
        }
        let shifted = RuleExampleHarness.findings(rule, example.language, prefixed, settings: example.settings).map(\.start)
        #expect(shifted == expected.map { keepsFirstLine && $0.line == 1 ? $0 : Position(line: $0.line + 1, column: $0.column) })
    }
}
