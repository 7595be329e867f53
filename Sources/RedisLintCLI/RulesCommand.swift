import RedisLint
import Rules

/// `redislint rules [--format text|json]`.
enum RulesCommand {
    enum Format: String, CaseIterable { case text, json, markdown }

    static func run(_ arguments: inout Arguments) throws -> ExitCode {
        var format = Format.text
        while let item = arguments.next() {
            switch item {
            case "--format", "-f": format = try choice(arguments.value(for: item), for: item, Format.self)
            default: throw UsageError("unexpected argument '\(item)' for 'rules'")
            }
        }
        let rules = RuleRegistry.all.map(\.description)
        switch format {
        case .text: Output.write(RuleTable.text(rules))
        case .json: Output.write(RuleTable.json(rules))
        case .markdown: Output.write(RuleTable.markdown(rules))
        }
        return .clean
    }
}

/// `redislint explain RULE`.
enum ExplainCommand {
    static func run(_ arguments: inout Arguments) throws -> ExitCode {
        guard let query = arguments.next() else { throw UsageError("explain needs a rule id or name (see 'redislint rules')") }
        if let extra = arguments.next() { throw UsageError("unexpected argument '\(extra)' for 'explain'") }
        guard let rule = RuleRegistry.rule(named: query) else {
            throw UsageError("no rule '\(query)' (see 'redislint rules')")
        }
        Output.write(rule.description.markdown)
        return .clean
    }
}
