import Foundation
import RedisTestSupport

/// Helpers for the workflow tests: git with its own identity, file edits, JSON output.
enum Workflow {
    static func git(_ arguments: [String], in root: URL) throws {
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root.path,
                   "GIT_AUTHOR_NAME": "redislint tests", "GIT_AUTHOR_EMAIL": "tests@redislint.invalid",
                   "GIT_COMMITTER_NAME": "redislint tests", "GIT_COMMITTER_EMAIL": "tests@redislint.invalid"]
        let result = try ProcessRunner.run("/usr/bin/env", ["git", "-c", "commit.gpgsign=false"] + arguments, in: root, environment: env)
        precondition(result.status == 0, "git \(arguments): \(result.stderr)")
    }

    static func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `(rule, path, line)` of each finding in `--format json` output.
    static func findings(_ json: String) throws -> [(rule: String, path: String, line: Int, suppressed: Bool)] {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        return findings.map { ($0["rule"] as? String ?? "", $0["path"] as? String ?? "", $0["line"] as? Int ?? 0, $0["suppressed"] as? Bool ?? false) }
    }

    static func summary(_ json: String) throws -> [String: Int] {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return document?["summary"] as? [String: Int] ?? [:]
    }

    static let keysPython = "import redis\nr = redis.Redis()\nr.keys('a:*')\n"
}
