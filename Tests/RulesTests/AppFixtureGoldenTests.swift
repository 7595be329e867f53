import Testing
import Foundation
import RedisLint
import RedisTestSupport
@testable import Rules

/// `fixtures/apps/<language>/<app file>`: realistic application files mixing positives and clean twins of
/// many rules. Each file is scanned alone, with every rule enabled by default, and its findings in text form
/// equal `<app file>.expected.txt` beside it (one golden per file, so files added by others do not disturb it).
@Suite struct AppFixtureGoldenTests {
    static let root = Goldens.repository.appendingPathComponent("fixtures/apps")

    static let files: [String] = {
        let languages = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return languages.flatMap { language in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(language).path)) ?? [])
                .filter { !$0.hasSuffix(".expected.txt") && !$0.hasPrefix(".") }
                .sorted()
                .map { "\(language)/\($0)" }
        }
    }()

    @Test func everyLanguageHasAnApp() {
        for language in ["ruby", "python", "typescript", "swift"] {
            #expect(Self.files.contains { $0.hasPrefix(language + "/") }, "fixtures/apps/\(language) has no application file")
        }
    }

    @Test(arguments: files)
    func appFileMatchesGolden(_ file: String) throws {
        let url = Self.root.appendingPathComponent(file)
        let bytes = try [UInt8](Data(contentsOf: url))
        let name = url.lastPathComponent
        let language = try #require(Language.forFileName(name), "no language for \(name)")
        let source = SourceFile(path: name, language: language, bytes: bytes)
        let rules = RuleRegistry.enabledByDefault
        let result = Scanner(rules: rules, options: Scanner.Options(jobs: 1)).scan(sources: [source])
        #expect(!result.findings.isEmpty, "an app fixture exists to show findings")
        let report = Report(findings: result.findings, diagnostics: result.diagnostics, rules: rules.map(\.description),
                            filesScanned: result.filesScanned, toolVersion: Tool.version)
        let text = TextReporter(quiet: true).render(report)
        if let problem = Goldens.check(text, against: url.deletingLastPathComponent().appendingPathComponent(name + ".expected.txt")) {
            Issue.record(Comment(rawValue: problem))
        }
    }
}
