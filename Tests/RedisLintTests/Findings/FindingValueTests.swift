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

    /// An assigned fingerprint is kept as its hashes and written when read: it reads, compares and is replaced as
    /// the text it stands for.
    @Test func assignedFingerprintsReadAndCompareAsText() {
        var assigned = original
        assigned.setFingerprint(first: 0x1ed3_06b0_0e9c_15b9, second: 0x3b89_2fdf_8d84_8e1e, occurrence: 12)
        #expect(assigned.fingerprint == "1ed306b00e9c15b93b892fdf8d848e1e:12")
        var written = original
        written.fingerprint = "1ed306b00e9c15b93b892fdf8d848e1e:12"
        #expect(assigned == written && written == assigned)
        var other = original
        other.setFingerprint(first: 0x1ed3_06b0_0e9c_15b9, second: 0x3b89_2fdf_8d84_8e1e, occurrence: 13)
        #expect(other != assigned && other != written)
        var copy = assigned
        copy.fingerprint = ""
        #expect(copy.fingerprint.isEmpty && assigned.fingerprint == "1ed306b00e9c15b93b892fdf8d848e1e:12")
    }

    @Test func arraysOfCopiesAreIndependent() {
        var list = Array(repeating: original, count: 3)
        list[1].message = "changed"
        #expect(list.map(\.message) == ["m", "changed", "m"])
    }
}
