import Testing
@testable import RedisLint

/// `Finding` keeps its fields in a shared box: copies must still behave as values.
@Suite struct FindingValueTests {
    private let original = Finding(ruleID: "RL101", ruleName: "check-then-act", severity: .warning, path: "a.py",
                                   start: Position(line: 1, column: 1), end: Position(line: 1, column: 4),
                                   message: "m", sourceLine: "r.get(k)", key: "k")

    @Test func changingACopyLeavesTheOriginalAlone() {
        var copy = original
        #expect(copy == original)
        copy.severity = .error
        copy.suppressed = true
        copy.fingerprint = "f:0"
        copy.related.append(RelatedLocation(path: "b.py", start: Position(line: 2, column: 1), end: Position(line: 2, column: 2), message: "x"))
        #expect(original.severity == .warning && !original.suppressed && original.fingerprint.isEmpty && original.related.isEmpty)
        #expect(copy.severity == .error && copy.suppressed && copy.fingerprint == "f:0" && copy.related.count == 1)
        #expect(copy != original)
    }

    @Test func equalityComparesFieldsNotBoxes() {
        var a = original
        var b = original
        a.message = "same"
        b.message = "same"  // two boxes now, equal contents
        #expect(a == b)
        b.key = nil
        #expect(a != b)
    }

    @Test func arraysOfCopiesAreIndependent() {
        var list = Array(repeating: original, count: 3)
        list[1].message = "changed"
        #expect(list.map(\.message) == ["m", "changed", "m"])
    }
}
