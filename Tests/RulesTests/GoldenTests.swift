import Testing
import Foundation
import RedisTestSupport
import RedisLint
@testable import Rules

/// `fixtures/rules/<id>-<name>/<language>/`: each folder's findings, in text form, equal
/// `expected.txt` beside them.
@Suite struct RuleFixtureGoldenTests {
    static let folders: [String] = {
        let root = Goldens.repository.appendingPathComponent("fixtures/rules")
        let rules = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return rules.sorted().flatMap { rule in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(rule).path)) ?? []).sorted().map { "\(rule)/\($0)" }
        }
    }()

    @Test(arguments: folders)
    func fixtureFolderMatchesGolden(_ folder: String) throws {
        let url = Goldens.repository.appendingPathComponent("fixtures/rules").appendingPathComponent(folder)
        let id = String(folder.prefix(5))
        let rule = try #require(RuleRegistry.rule(named: id))
        let report = Goldens.scan(url, rules: [rule])
        #expect(report.filesScanned > 0, "no source files in \(folder)")
        let text = TextReporter(quiet: true).render(report)
        if let problem = Goldens.check(text, against: url.appendingPathComponent("expected.txt")) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func everyLanguageOfEveryRuleHasAFixture() {
        for rule in RuleRegistry.all.map(\.description) {
            for language in rule.languages {
                #expect(Self.folders.contains("\(rule.id)-\(rule.name)/\(language.rawValue)"), "fixtures/rules/\(rule.id)-\(rule.name)/\(language.rawValue) is missing")
            }
        }
    }
}

/// One small polyglot tree rendered in every output format.
@Suite struct ReportFormatGoldenTests {
    static let folder = Goldens.repository.appendingPathComponent("fixtures/report")

    static func render(_ format: String) -> String {
        let report = Goldens.scan(folder)
        switch format {
        case "txt": return TextReporter().render(report)
        case "json": return JSONReporter().render(report)
        case "sarif": return SARIFReporter().render(report)
        default: return GitHubReporter().render(report)
        }
    }

    @Test(arguments: ["txt", "json", "sarif", "github"])
    func formatMatchesGolden(_ format: String) {
        let output = Self.render(format)
        if let problem = Goldens.check(output, against: Self.folder.appendingPathComponent("expected.\(format)")) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-\(UUID().uuidString).sarif")
        try Self.render("sarif").write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let schema = Goldens.repository.appendingPathComponent("../shared/sarif/sarif-schema-2.1.0.json").standardized
        try #require(FileManager.default.fileExists(atPath: schema.path), "SARIF schema not found at \(schema.path)")
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "jsonschema", "-i", log.path, schema.path])
        #expect(result.status == 0, "schema validation failed:\n\(result.stdout)\(result.stderr)")
    }
}
