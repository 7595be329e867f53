/// Everything a reporter needs: the findings and diagnostics of a run, the rules that ran, and
/// how many files were scanned.
public struct Report: Sendable {
    public var findings: [Finding]
    public var diagnostics: [FileDiagnostic]
    /// The rules that ran (SARIF `rules[]`).
    public var rules: [RuleDescription]
    public var filesScanned: Int
    public var toolVersion: String
    /// What the policy pass left out: inline suppressions, baseline matches, stale baseline entries.
    public var suppressed = 0
    public var baselineMatched = 0
    public var staleBaselineEntries = 0
    /// `--baseline` was given (stale entries are then always counted in the summary).
    public var usesBaseline = false

    public init(findings: [Finding], diagnostics: [FileDiagnostic], rules: [RuleDescription], filesScanned: Int, toolVersion: String) {
        self.findings = findings
        self.diagnostics = diagnostics
        self.rules = rules
        self.filesScanned = filesScanned
        self.toolVersion = toolVersion
    }

    public func count(_ severity: Severity) -> Int {
        findings.reduce(0) { $0 + ($1.severity == severity && !$1.suppressed ? 1 : 0) }
    }

    /// Extra summary counters (JSON `summary`), only those that apply to this run.
    public var policyCounts: [(String, Int)] {
        var counts: [(String, Int)] = []
        if suppressed > 0 { counts.append(("suppressed", suppressed)) }
        if usesBaseline {
            counts.append(("baselineMatched", baselineMatched))
            counts.append(("staleBaselineEntries", staleBaselineEntries))
        }
        return counts
    }

    /// `3 findings (1 error, 2 warnings) in 2 files`.
    public var summary: String {
        // Three counters and the counts written one after another: a `[Severity: Int]` and `joined(separator:)`
        // made the runtime look up `Severity: Hashable` and the array's `Collection` conformance (each a scan
        // of every conformance record, ~0.1M instructions) for the one line every text report ends with.
        var (errors, warnings, notes) = (0, 0, 0)
        var active = 0
        var paths = Set<String>()
        var lastPath: String?
        for finding in findings where !finding.suppressed {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
            active += 1
            if finding.path != lastPath { paths.insert(finding.path); lastPath = finding.path }  // grouped by file
        }
        var counts = "\(errors) \(plural(errors, "error")), \(warnings) \(plural(warnings, "warning"))"
        if notes > 0 { counts += ", \(notes) \(plural(notes, "note"))" }
        let files = paths.count
        var text = "\(active) \(plural(active, "finding")) (\(counts)) in \(files) \(plural(files, "file"))"
            + " (\(filesScanned) \(plural(filesScanned, "file")) scanned)"
        if suppressed > 0 { text += "; \(suppressed) suppressed" }
        if usesBaseline {
            text += "; \(baselineMatched) in the baseline, \(staleBaselineEntries) stale baseline \(plural(staleBaselineEntries, "entry", "entries"))"
        }
        return text
    }

    private func plural(_ n: Int, _ word: String, _ many: String? = nil) -> String { n == 1 ? word : many ?? word + "s" }
}

public protocol Reporter {
    /// The whole output for stdout or `--output`.
    func render(_ report: Report) -> String
}

public enum Tool {
    public static let name = "redislint"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/redislint/redislint"
}
