/// Human output: `path:line:col: severity[RLxxx] message`, the source line with the span
/// underlined, a one-line hint, and a summary.
public struct TextReporter: Reporter {
    public var color: Bool
    public var quiet: Bool

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public func render(_ report: Report) -> String {
        var out = ""
        for finding in report.findings {
            out += style(bold: true, "\(finding.path):\(finding.start.line):\(finding.start.column):") + " "
            out += style(severityColor(finding.severity), "\(finding.severity.rawValue)[\(finding.ruleID)]") + " "
            out += style(bold: true, finding.message) + (finding.suppressed ? " (suppressed)" : "") + "\n"
            out += snippet(finding)
            for related in finding.related {
                out += "    " + style("2", "\(related.path):\(related.start.line):\(related.start.column): \(related.message)") + "\n"
            }
            if let hint = finding.hint {
                out += "    " + style("36", "hint:") + " \(hint)\n"
            }
        }
        if !quiet {
            if !report.findings.isEmpty { out += "\n" }
            out += report.summary + "\n"
        }
        return out
    }

    /// The source line with a gutter and a caret/underline under the span (to end of line for
    /// multi-line spans). Tabs in the prefix are kept so the underline lines up.
    func snippet(_ finding: Finding) -> String {
        let number = String(finding.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let line = finding.sourceLine
        var prefix = ""
        var underlineWidth = 0
        var unit = 1
        let endColumn = finding.end.line == finding.start.line ? finding.end.column : Int.max
        for scalar in line.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            if unit < finding.start.column {
                prefix += scalar == "\t" ? "\t" : " "
            } else if unit < endColumn {
                underlineWidth += 1
            }
            unit += width
        }
        let underline = String(repeating: "^", count: max(1, underlineWidth))
        return " \(number) | \(line)\n \(gutter) | \(prefix)" + style(severityColor(finding.severity), underline) + "\n"
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        }
    }

    private func style(_ code: String, _ text: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func style(bold: Bool, _ text: String) -> String {
        bold ? style("1", text) : text
    }

    /// A file diagnostic as a stderr line: `path: warning: message`.
    public func diagnosticLine(_ diagnostic: FileDiagnostic) -> String {
        var location = diagnostic.path
        if let position = diagnostic.position { location += ":\(position.line):\(position.column)" }
        return "\(location): \(style(diagnostic.level == .error ? "1;31" : "1;33", diagnostic.level.rawValue)): \(diagnostic.message)"
    }
}
