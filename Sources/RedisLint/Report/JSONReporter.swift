/// `{"version": 1, "findings": [...], "errors": [...]}`, documented in the README. Fields are only
/// ever added, never renamed, within a version.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        JSONValue.object([
            ("version", .int(1)),
            ("findings", .array(report.findings.map(finding))),
            ("errors", .array(report.diagnostics.map(diagnostic))),
            ("summary", .object([
                ("findings", .int(report.findings.filter { !$0.suppressed }.count)),
                ("errors", .int(report.count(.error))),
                ("warnings", .int(report.count(.warning))),
                ("notes", .int(report.count(.note))),
                ("filesScanned", .int(report.filesScanned)),
            ] + report.policyCounts.map { ($0.0, JSONValue.int($0.1)) })),
        ]).rendered()
    }

    private func finding(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.ruleID)),
            ("name", .string(finding.ruleName)),
            ("severity", .string(finding.severity.rawValue)),
            ("path", .string(finding.path)),
            ("line", .int(finding.start.line)),
            ("column", .int(finding.start.column)),
            ("endLine", .int(finding.end.line)),
            ("endColumn", .int(finding.end.column)),
            ("message", .string(finding.message)),
            ("related", .array(finding.related.map { related in
                .object([
                    ("path", .string(related.path)),
                    ("line", .int(related.start.line)),
                    ("column", .int(related.start.column)),
                    ("endLine", .int(related.end.line)),
                    ("endColumn", .int(related.end.column)),
                    ("message", .string(related.message)),
                ])
            })),
            ("fingerprint", .string(finding.fingerprint)),
        ]
        if finding.suppressed { members.append(("suppressed", .bool(true))) }
        if let hint = finding.hint { members.append(("hint", .string(hint))) }
        if let fix = finding.fix {
            members.append(("fix", .object([
                ("description", .string(fix.description)),
                ("replacements", .array(fix.replacements.map { replacement in
                    .object([
                        ("line", .int(replacement.start.line)),
                        ("column", .int(replacement.start.column)),
                        ("endLine", .int(replacement.end.line)),
                        ("endColumn", .int(replacement.end.column)),
                        ("text", .string(replacement.text)),
                    ])
                })),
            ])))
        }
        return .object(members)
    }

    private func diagnostic(_ diagnostic: FileDiagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(diagnostic.path)),
            ("level", .string(diagnostic.level.rawValue)),
            ("message", .string(diagnostic.message)),
        ]
        if let position = diagnostic.position {
            members.append(("line", .int(position.line)))
            members.append(("column", .int(position.column)))
        }
        return .object(members)
    }
}
