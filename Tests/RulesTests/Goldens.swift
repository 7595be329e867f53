import Foundation
import RedisLint
import Rules
import RedisTestSupport

/// Golden files for rule fixtures and report formats (comparison and rewriting: `Golden` in
/// RedisTestSupport).
enum Goldens {
    static let repository = Golden.repository

    static func check(_ actual: String, against file: URL) -> String? { Golden.check(actual, against: file) }

    /// Scans a folder in-process with the folder as project root.
    static func scan(_ folder: URL, rules: [any Rule] = RuleRegistry.enabledByDefault) -> Report {
        let discovery = Discovery(root: folder.path, workingDirectory: folder.path, options: Discovery.Options())
        let found = discovery.discover(["."])
        var result = Scanner(rules: rules, options: Scanner.Options(jobs: 2)).scan(found.files)
        if rules.contains(where: { $0.description.id == UnusedSuppression.id }) {
            // Unused suppressions come from the policy pass, with every other rule running.
            result = Scanner(rules: RuleRegistry.all, options: Scanner.Options(jobs: 2)).scan(found.files)
            let catalog = RuleRegistry.catalog
            var options = PolicyPass.Options()
            options.unusedSuppressionRule = UnusedSuppression().description
            result.findings = PolicyPass(options: options, catalog: catalog)
                .apply(result.findings, directives: result.directives, reportedPaths: nil) { _ in FilePolicy(enabled: catalog.allIDs) }
                .findings.filter { finding in rules.contains { $0.description.id == finding.ruleID } }
        }
        return Report(findings: result.findings, diagnostics: found.diagnostics + result.diagnostics,
                      rules: rules.map(\.description), filesScanned: result.filesScanned, toolVersion: Tool.version)
    }
}
