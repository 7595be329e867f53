import Testing
@testable import RedisLint

@Suite struct TextReporterTests {
    private func finding(line: String, start: Int, end: Int, endLine: Int = 7, severity: Severity = .warning) -> Finding {
        Finding(ruleID: "RL101", ruleName: "check-then-act", severity: severity, path: "app/a.py",
                start: Position(line: 7, column: start), end: Position(line: endLine, column: end),
                message: "GET then SET", hint: "use SET NX",
                related: [RelatedLocation(path: "app/b.py", start: Position(line: 3, column: 5), end: Position(line: 3, column: 9), message: "the SET")],
                sourceLine: line)
    }

    private func report(_ findings: [Finding]) -> Report {
        Report(findings: findings, diagnostics: [], rules: [], filesScanned: 2, toolVersion: "test")
    }

    @Test func plainFindingWithRelatedHintAndSummary() {
        let text = TextReporter().render(report([finding(line: "v = r.get(k)", start: 5, end: 10)]))
        #expect(text == """
            app/a.py:7:5: warning[RL101] GET then SET
             7 | v = r.get(k)
               |     ^^^^^
                app/b.py:3:5: the SET
                hint: use SET NX

            1 finding (0 errors, 1 warning) in 1 file (2 files scanned)

            """)
    }

    @Test func tabsAreKeptAndAstralCharactersTakeTwoColumns() {
        // Columns count UTF-16 code units: "😀" is two, so `r` is column 6 after a tab, the emoji and a space.
        let text = TextReporter(quiet: true).render(report([finding(line: "\t😀 r.get(k)", start: 5, end: 10)]))
        #expect(text.contains(" 7 | \t😀 r.get(k)\n   | \t  ^^^^^\n"))
    }

    @Test func multiLineSpanIsUnderlinedToTheEndOfTheLine() {
        let text = TextReporter(quiet: true).render(report([finding(line: "r.multi do", start: 3, end: 2, endLine: 9)]))
        #expect(text.contains(" 7 | r.multi do\n   |   ^^^^^^^^\n"))
    }

    @Test func colourWrapsLocationSeverityMessageUnderlineAndHint() {
        var suppressed = finding(line: "v = r.get(k)", start: 5, end: 10, severity: .error)
        suppressed.suppressed = true
        let text = TextReporter(color: true, quiet: true).render(report([suppressed]))
        let escape = "\u{1B}["
        #expect(text == """
            \(escape)1mapp/a.py:7:5:\(escape)0m \(escape)1;31merror[RL101]\(escape)0m \(escape)1mGET then SET\(escape)0m (suppressed)
             7 | v = r.get(k)
               |     \(escape)1;31m^^^^^\(escape)0m
                \(escape)2mapp/b.py:3:5: the SET\(escape)0m
                \(escape)36mhint:\(escape)0m use SET NX

            """)
    }

    @Test func summaryCountsOnlyActiveFindingsAndDistinctFiles() {
        var quiet = finding(line: "x", start: 1, end: 2, severity: .note)
        quiet.suppressed = true
        var other = finding(line: "x", start: 1, end: 2, severity: .error)
        other.path = "app/z.py"
        let summary = report([finding(line: "x", start: 1, end: 2), finding(line: "y", start: 1, end: 2), quiet, other]).summary
        #expect(summary == "3 findings (1 error, 2 warnings) in 2 files (2 files scanned)")
    }

    @Test func aLongReportBuiltInSlicesIsTheSameAsInOne() {
        let findings = (0..<5000).map { n -> Finding in
            var f = finding(line: String(repeating: "x", count: n % 40) + "r.get(k)", start: n % 40 + 1, end: n % 40 + 6,
                            severity: [.error, .warning, .note][n % 3])
            f.path = "app/f\(n / 7).py"
            if n % 5 == 0 { f.hint = nil }
            return f
        }
        let one = TextReporter(color: true, jobs: 1).render(report(findings))
        #expect(TextReporter(color: true, jobs: 3).render(report(findings)) == one)
        #expect(one.hasSuffix("5000 findings (1667 errors, 1667 warnings, 1666 notes) in 715 files (2 files scanned)\n"))
    }
}

extension TextReporterTests {
    /// The snippet's prefix and underline as they were worked out for every line, a scalar at a time.
    private static func expectedSnippet(_ line: String, number: Int, start: Int, endColumn: Int) -> String {
        var prefix = ""
        var width = 0
        var unit = 1
        for scalar in line.unicodeScalars {
            if unit < start {
                prefix += scalar == "\t" ? "\t" : " "
            } else if unit < endColumn {
                width += 1
            }
            unit += scalar.value > 0xFFFF ? 2 : 1
        }
        return " \(number) | \(line)\n " + String(repeating: " ", count: String(number).count) + " | " + prefix
            + String(repeating: "^", count: max(1, width)) + "\n"
    }

    /// ASCII lines are measured as bytes: the same snippet as the scalar count, for columns before, inside and
    /// past the line, tabs, one-line and multi-line spans, and non-ASCII lines (still counted by scalar).
    @Test func snippetMatchesTheScalarCount() {
        var state: UInt64 = 99
        func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", " ", "\t", "x = r.get(k)", "(", "'", "é", "😀", "\u{3000}"]
        for _ in 0..<2_000 {
            let line = (0..<below(12)).map { _ in pieces[below(below(3) == 0 ? pieces.count : 6)] }.joined()
            let number = [1, 7, 9, 10, 99, 100, 12345][below(7)]
            let start = below(line.utf16.count + 4)
            let sameLine = below(3) > 0
            let end = start + below(line.utf16.count + 3) - 1
            let finding = Finding(ruleID: "RL101", ruleName: "probe", severity: .warning, path: "a.py",
                                  start: Position(line: number, column: start), end: Position(line: sameLine ? number : number + 1, column: end),
                                  message: "m", sourceLine: line)
            let text = TextReporter(quiet: true).render(report([finding]))
            let expected = "a.py:\(number):\(start): warning[RL101] m\n"
                + Self.expectedSnippet(line, number: number, start: start, endColumn: sameLine ? end : Int.max)
            #expect(text == expected, "\(line) \(start) \(end) \(sameLine)")
        }
    }
}
