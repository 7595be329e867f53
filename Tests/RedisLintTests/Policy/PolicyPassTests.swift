import Testing
@testable import RedisLint

@Suite struct PolicyPassTests {
    static let catalog = RuleCatalog(entries: [
        .init(id: "RL001", name: "unused-suppression", enabledByDefault: false),
        .init(id: "RL101", name: "keys-command", enabledByDefault: true),
        .init(id: "RL102", name: "flushall", enabledByDefault: true),
    ])
    static let unusedRule = RuleDescription(id: "RL001", name: "unused-suppression", severity: .warning, summary: "s", languages: [.python],
                                            whatItFinds: "", whyItIsAProblem: "", useInstead: "", examples: [], enabledByDefault: false)

    static func finding(_ rule: String, line: Int, path: String = "a.py", code: String? = nil) -> Finding {
        var finding = Finding(ruleID: rule, ruleName: rule == "RL101" ? "keys-command" : "flushall", severity: .warning, path: path,
                              start: Position(line: line, column: 1), end: Position(line: line, column: 5), message: "m",
                              sourceLine: code ?? "line \(line)")
        finding.fingerprint = ""
        return finding
    }

    static func directive(_ scope: SuppressionDirective.Scope, _ rules: [String], line: Int, path: String = "a.py") -> SuppressionDirective {
        SuppressionDirective(scope: scope, rules: rules, path: path, start: Position(line: line, column: 3), end: Position(line: line, column: 30), sourceLine: "# …")
    }

    func run(_ findings: [Finding], _ directives: [SuppressionDirective], enabled: Set<String> = ["RL001", "RL101", "RL102"],
             configure: (inout PolicyPass.Options) -> Void = { _ in }) -> PolicyPass.Outcome {
        var options = PolicyPass.Options()
        options.unusedSuppressionRule = Self.unusedRule
        configure(&options)
        var all = findings
        Fingerprint.assign(&all)
        return PolicyPass(options: options, catalog: Self.catalog)
            .apply(all, directives: Dictionary(grouping: directives, by: \.path), reportedPaths: nil) { _ in
                FilePolicy(enabled: enabled, severities: ["RL102": .error])
            }
    }

    @Test func lineNextLineAndFileSuppressions() {
        let findings = [Self.finding("RL101", line: 3), Self.finding("RL101", line: 5), Self.finding("RL102", line: 8), Self.finding("RL101", line: 9)]
        let outcome = run(findings, [
            Self.directive(.line, ["keys-command"], line: 3),
            Self.directive(.nextLine, ["RL101"], line: 4),
            Self.directive(.file, ["RL10"], line: 1),
        ])
        // Line 3 and 5 by their own directives; the file directive takes 8 and 9 (RL10 covers both rules).
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        #expect(outcome.suppressed == 4)
    }

    @Test func unusedSuppressionsAreReportedOnlyWhenTheRuleIsOnAndOnlyForTheUnusedPart() {
        let outcome = run([Self.finding("RL101", line: 3)], [
            Self.directive(.line, ["RL101", "RL102"], line: 3),
            Self.directive(.nextLine, ["RL101"], line: 6),
            Self.directive(.line, ["no-such-rule"], line: 7),
        ])
        #expect(outcome.findings.map(\.ruleID) == ["RL001", "RL001", "RL001"])
        #expect(outcome.findings.map(\.start.line) == [3, 6, 7])
        #expect(outcome.findings[0].message.contains("'RL102'"))
        #expect(outcome.findings[2].message.contains("unknown rule 'no-such-rule'"))
        let off = run([Self.finding("RL101", line: 3)], [Self.directive(.line, ["RL102"], line: 3)], enabled: ["RL101", "RL102"])
        #expect(off.findings.map(\.ruleID) == ["RL101"])
        // A suppression for a rule that is off here cannot be judged.
        let ruleOff = run([], [Self.directive(.line, ["RL102"], line: 3)], enabled: ["RL001", "RL101"])
        #expect(ruleOff.findings.isEmpty)
    }

    @Test func selectionSeverityAndIncludeSuppressed() {
        let findings = [Self.finding("RL101", line: 3), Self.finding("RL102", line: 4)]
        let onlyFlush = run(findings, [], enabled: ["RL102"])
        #expect(onlyFlush.findings.map(\.ruleID) == ["RL102"])
        #expect(onlyFlush.findings.first?.severity == .error)
        let kept = run(findings, [Self.directive(.line, ["RL101"], line: 3)]) { $0.includeSuppressed = true }
        #expect(kept.findings.map(\.suppressed) == [true, false])
        #expect(kept.suppressed == 1)
    }

    @Test func baselineAndChangedLines() {
        let findings = [Self.finding("RL101", line: 3, code: "r.keys('a')"), Self.finding("RL101", line: 9, code: "r.keys('b')")]
        var accepted = [findings[0]]
        Fingerprint.assign(&accepted)
        let stale = Baseline.Entry(fingerprint: "0000:0", ruleID: "RL101", path: "a.py", message: "gone")
        let outcome = run(findings, []) { $0.baseline = Baseline(entries: Baseline(findings: accepted).entries + [stale]) }
        #expect(outcome.findings.map(\.start.line) == [9])
        #expect(outcome.baselineMatched == 1)
        #expect(outcome.staleBaselineEntries == 1)
        let diff = run(findings, []) { $0.changedLines = ChangedLines(lines: ["a.py": [9, 10]]) }
        #expect(diff.findings.map(\.start.line) == [9])
        #expect(diff.outsideDiff == 1)
        let untracked = run(findings, []) { $0.changedLines = ChangedLines(wholeFiles: ["a.py"]) }
        #expect(untracked.findings.count == 2)
    }
}

@Suite struct BaselineTests {
    @Test func roundTripsAndSurvivesLineShifts() throws {
        var before = [PolicyPassTests.finding("RL101", line: 3, code: "  r.keys('a')"), PolicyPassTests.finding("RL101", line: 4, code: "r.keys('a')")]
        Fingerprint.assign(&before)
        let text = Baseline(findings: before).rendered()
        let parsed = try Baseline.parse(Array(text.utf8))
        #expect(parsed == Baseline(findings: before))
        // Ten lines inserted above, indentation changed: same fingerprints.
        var after = [PolicyPassTests.finding("RL101", line: 13, code: "r.keys('a')"), PolicyPassTests.finding("RL101", line: 14, code: "    r.keys('a')")]
        Fingerprint.assign(&after)
        let applied = parsed.apply(to: after, reportedPaths: ["a.py"])
        #expect(applied.new.isEmpty)
        #expect(applied.stale == 0)
        // One more identical finding is new.
        var more = after + [PolicyPassTests.finding("RL101", line: 20, code: "r.keys('a')")]
        Fingerprint.assign(&more)
        #expect(parsed.apply(to: more, reportedPaths: nil).new.count == 1)
    }

    @Test func malformedBaselinesAreErrors() {
        #expect(throws: Baseline.FormatError.self) { try Baseline.parse(Array("# redislint baseline v1\nnot tab separated\n".utf8)) }
        #expect(throws: Baseline.FormatError.self) { try Baseline.parse(Array("{\"json\": true}\n".utf8)) }
        #expect(throws: Baseline.FormatError.self) { try Baseline.parse([0xFF, 0xFE]) }
    }
}

@Suite struct ChangedLinesTests {
    @Test func parsesUnifiedDiffHunks() {
        let diff = """
            diff --git a/app/x.py b/app/x.py
            --- a/app/x.py
            +++ b/app/x.py
            @@ -1,0 +2,3 @@
            +a
            @@ -10 +13 @@ def f():
            @@ -20,2 +22,0 @@
            diff --git a/gone.py b/gone.py
            +++ /dev/null
            @@ -1,3 +0,0 @@
            +++ b/naïve file.rb
            @@ -0,0 +1 @@
            """
        let changed = ChangedLines.parse(diff)
        #expect(changed.lines["app/x.py"] == [2, 3, 4, 13])
        #expect(changed.lines["gone.py"] == nil)
        #expect(changed.lines["naïve file.rb"] == [1])
    }
}

extension PolicyPassTests {
    /// Selection and severities are applied a run of one file's findings at a time: the same as asking each
    /// finding's file policy, for findings grouped by file or interleaved, with suppressions in some files.
    @Test func selectionPerRunIsSelectionPerFinding() {
        var state: UInt64 = 7
        func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let paths = ["a.py", "b.py", "c.py", "d.py"]
        let policies: [String: FilePolicy] = [
            "a.py": FilePolicy(enabled: ["RL101", "RL102"], severities: ["RL102": .error]),
            "b.py": FilePolicy(enabled: ["RL101"]),
            "c.py": FilePolicy(enabled: ["RL102"], severities: ["RL102": .note, "RL101": .error]),
            "d.py": FilePolicy(enabled: [], severities: ["RL101": .error]),
        ]
        for round in 0..<200 {
            var findings = (0..<below(40)).map { _ in
                Self.finding(below(2) == 0 ? "RL101" : "RL102", line: 1 + below(30), path: paths[below(paths.count)])
            }
            if round % 2 == 0 { findings.sort(by: Finding.reportOrder) }  // grouped by file, as a scan gives them
            Fingerprint.assign(&findings)
            let directives = [Self.directive(.line, ["RL101"], line: 5, path: "a.py")]
            let outcome = PolicyPass(options: PolicyPass.Options(), catalog: Self.catalog)
                .apply(findings, directives: ["a.py": directives], reportedPaths: nil) { policies[$0]! }
            let expected = findings.compactMap { finding -> Finding? in
                let policy = policies[finding.path]!
                guard policy.enabled.contains(finding.ruleID) else { return nil }
                // The line directive covers RL101 findings on its own line (5) of a.py.
                if finding.path == "a.py", finding.ruleID == "RL101", finding.start.line == 5 { return nil }
                var kept = finding
                if let severity = policy.severities[finding.ruleID] { kept.severity = severity }
                return kept
            }.sorted(by: Finding.reportOrder)
            #expect(outcome.findings == expected)
        }
    }
}
