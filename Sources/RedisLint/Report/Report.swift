/// Everything a reporter needs: the findings and diagnostics of a run, the rules that ran, and
/// how many files were scanned.
public struct Report: Sendable {
    public var findings: [Finding]
    public var diagnostics: [FileDiagnostic]
    /// The rules that ran (SARIF `rules[]`).
    public var rules: [RuleDescription]
    public var filesScanned: Int
    public var toolVersion: String

    public init(findings: [Finding], diagnostics: [FileDiagnostic], rules: [RuleDescription], filesScanned: Int, toolVersion: String) {
        self.findings = findings
        self.diagnostics = diagnostics
        self.rules = rules
        self.filesScanned = filesScanned
        self.toolVersion = toolVersion
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// `3 findings (1 error, 2 warnings) in 2 files`.
    public var summary: String {
        var counts = ["\(count(.error)) \(plural(count(.error), "error"))", "\(count(.warning)) \(plural(count(.warning), "warning"))"]
        if count(.note) > 0 { counts.append("\(count(.note)) \(plural(count(.note), "note"))") }
        let files = Set(findings.map(\.path)).count
        return "\(findings.count) \(plural(findings.count, "finding")) (\(counts.joined(separator: ", "))) in \(files) \(plural(files, "file"))"
            + " (\(filesScanned) \(plural(filesScanned, "file")) scanned)"
    }

    private func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }
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
