/// GitHub Actions workflow commands (`::error file=…,line=…::message`). GitHub shows only ten
/// annotations per level per step, so after ten of a level the rest are counted in one notice.
public struct GitHubReporter: Reporter {
    public static let annotationsPerLevel = 10

    public init() {}

    public func render(_ report: Report) -> String {
        var out = ""
        var shown: [Severity: Int] = [:]
        var hidden: [Severity: Int] = [:]
        // Suppressed findings (--include-suppressed) are no annotations: a human decided on them.
        for finding in report.findings where !finding.suppressed {
            let level = finding.severity
            if shown[level, default: 0] >= GitHubReporter.annotationsPerLevel {
                hidden[level, default: 0] += 1
                continue
            }
            shown[level, default: 0] += 1
            let command = level == .note ? "notice" : level.rawValue
            let properties = [
                "file=\(escapeProperty(finding.path))",
                "line=\(finding.start.line)",
                "endLine=\(finding.end.line)",
                "col=\(finding.start.column)",
                "endColumn=\(finding.end.column)",
                "title=\(escapeProperty("\(finding.ruleID) \(finding.ruleName)"))",
            ]
            var message = finding.message
            if let hint = finding.hint { message += "\n" + hint }
            out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        let counted = Severity.allCases.reversed().compactMap { level -> String? in
            guard let n = hidden[level], n > 0 else { return nil }
            return "\(n) more \(level.rawValue)\(n == 1 ? "" : "s")"
        }
        if !counted.isEmpty {
            out += "::notice title=redislint::\(escapeData(counted.joined(separator: ", ") + " not shown as annotations (GitHub shows \(GitHubReporter.annotationsPerLevel) per level); see the job log or the SARIF upload"))\n"
        }
        out += report.summary + "\n"
        return out
    }

    func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingColonsAndCommas()
    }
}

private extension String {
    func replacingColonsAndCommas() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
