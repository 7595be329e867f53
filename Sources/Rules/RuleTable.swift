import RedisLint

/// The rule table in the forms users see it: `redislint rules`, its JSON, and the README's Markdown
/// table (a test fails when the README's copy is stale).
public enum RuleTable {
    public static func text(_ rules: [RuleDescription]) -> String {
        let rows = rules.map { [$0.id, $0.name, $0.severity.rawValue + ($0.enabledByDefault ? "" : " (off)"), languages($0), $0.summary] }
        let header = ["ID", "NAME", "SEVERITY", "LANGUAGES", "SUMMARY"]
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < 4 { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in i < 4 ? cell.padding(widths[i]) : cell }.joined(separator: "  ") + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    public static func json(_ rules: [RuleDescription]) -> String {
        JSONValue.array(rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("name", .string(rule.name)),
                ("severity", .string(rule.severity.rawValue)),
                ("enabledByDefault", .bool(rule.enabledByDefault)),
                ("languages", .array(rule.languages.map { .string($0.rawValue) })),
                ("summary", .string(rule.summary)),
            ])
        }).rendered()
    }

    /// The README's table, between its `<!-- rules -->` markers.
    public static func markdown(_ rules: [RuleDescription]) -> String {
        var out = "| ID | Name | Severity | Languages | Summary |\n|---|---|---|---|---|\n"
        for rule in rules {
            out += "| \(rule.id) | `\(rule.name)` | \(rule.severity.rawValue)\(rule.enabledByDefault ? "" : " (off by default)") | \(languages(rule)) | \(rule.summary) |\n"
        }
        return out
    }

    static func languages(_ rule: RuleDescription) -> String {
        rule.languages.map { $0 == .javascript ? "TS/JS" : $0.displayName }.joined(separator: ", ")
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
