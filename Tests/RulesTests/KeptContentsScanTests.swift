import Testing
import Foundation
@testable import RedisLint
import Rules

/// A scan keeps the contents of reported files, uncompacted, up to a budget (`KeptContents`), and releases and
/// compacts the rest: every rule must report the same either way. The fixture apps and rule fixtures, scanned
/// from disk with all rules, with nothing kept, some files kept (which ones depends on scheduling) and all kept.
@Suite struct KeptContentsScanTests {
    static let files: [Discovery.File] = {
        let root = Goldens.repository.appendingPathComponent("fixtures").path
        let discovery = Discovery(root: root, workingDirectory: root, options: Discovery.Options())
        return discovery.discover(["apps", "rules"]).files
    }()

    static func scan(jobs: Int, keeping budget: Int) -> RedisLint.Scanner.Result {
        var options = RedisLint.Scanner.Options(jobs: jobs)
        options.keptContentsBytes = budget
        return RedisLint.Scanner(rules: RuleRegistry.all, options: options).scan(files)
    }

    @Test func keptAndReleasedFilesGiveTheSameReport() {
        let released = Self.scan(jobs: 1, keeping: 0)
        let total = Self.files.count
        #expect(total > 100)
        #expect(released.findings.count > 300)
        for jobs in [1, 3] {
            for budget in [0, 40_000, 1 << 30] {
                let result = Self.scan(jobs: jobs, keeping: budget)
                #expect(result.findings == released.findings, "jobs \(jobs), budget \(budget)")
                #expect(result.findings.map(\.fingerprint) == released.findings.map(\.fingerprint))
                #expect(result.diagnostics == released.diagnostics)
                #expect(result.directives.mapValues { $0.map { "\($0.start.line) \($0.rules)" } } == released.directives.mapValues { $0.map { "\($0.start.line) \($0.rules)" } })
                #expect(result.bytesScanned == released.bytesScanned)
            }
        }
    }
}
