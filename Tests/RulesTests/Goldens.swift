import Foundation
import RedisLint
import Rules

/// Golden files: compare against `expected.*` beside the fixtures; with
/// `REDISLINT_UPDATE_GOLDENS=1` in the environment the files are rewritten instead (locally only:
/// CI compares).
enum Goldens {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static var updating: Bool { ProcessInfo.processInfo.environment["REDISLINT_UPDATE_GOLDENS"] == "1" }

    /// Returns nil when `actual` matches the golden file (or the file was rewritten), else a diff-like message.
    static func check(_ actual: String, against file: URL) -> String? {
        if updating {
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "missing golden file \(file.path); run the tests with REDISLINT_UPDATE_GOLDENS=1 to create it"
        }
        if expected == actual { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right {
                return "\(file.lastPathComponent) differs at line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
            }
        }
        return "\(file.lastPathComponent) differs"
    }

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
