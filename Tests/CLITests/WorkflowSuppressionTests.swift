import Testing
import Foundation
import RedisTestSupport

/// Inline suppressions in each language's comment syntax, --include-suppressed, RL001.
@Suite struct WorkflowSuppressionTests {
    static let files: [String: String] = [
        "a.py": "import redis\nr = redis.Redis()\nr.keys('a:*')  # redislint: disable=RL101\n# redislint: disable-next-line=keys-command\nr.keys('b:*')\n",
        "b.rb": "redis = Redis.new\nredis.keys('a:*') # redislint: disable=RL101\n",
        "c.ts": "import Redis from 'ioredis';\nconst redis = new Redis();\n/* redislint: disable-next-line=RL101 */\nawait redis.keys('a:*');\n",
        "D.swift": "import RediStack\nfunc f(connection: RedisConnection) async throws {\n    // redislint: disable-file=RL1\n    _ = try await connection.send(command: \"KEYS\", with: []).get()\n}\n",
        "e.lua": "local keys = redis.call('KEYS', ARGV[1]) -- redislint: disable=RL101\nreturn keys\n",
    ]

    @Test func aSuppressionInEachLanguageSilencesItsFinding() throws {
        let root = try CLI.tree(Self.files)
        let result = try CLI.run(["--format", "json"], in: root)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(try Workflow.findings(result.stdout).isEmpty)
        #expect(try Workflow.summary(result.stdout)["suppressed"] == 6)
        // Without the comments every file has its finding.
        var bare: [String: String] = [:]
        for (path, code) in Self.files { bare[path] = code.replacingOccurrences(of: "redislint:", with: "not-a-directive:") }
        let unsuppressed = try CLI.run(["--format", "json"], in: try CLI.tree(bare))
        #expect(Set(try Workflow.findings(unsuppressed.stdout).map(\.path)) == Set(Self.files.keys))
    }

    @Test func includeSuppressedMarksThemInSARIFAndJSON() throws {
        let root = try CLI.tree(Self.files)
        let json = try CLI.run(["--format", "json", "--include-suppressed"], in: root)
        let found = try Workflow.findings(json.stdout)
        #expect(found.count == 6 && found.allSatisfy(\.suppressed))
        #expect(json.status == 0, "suppressed findings never fail the run")
        let sarif = try CLI.run(["--format", "sarif", "--include-suppressed"], in: root)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 6)
        for result in results {
            let suppressions = result["suppressions"] as? [[String: Any]]
            #expect(suppressions?.first?["kind"] as? String == "inSource")
        }
        let plain = try CLI.run(["--format", "sarif"], in: root)
        #expect(!plain.stdout.contains("\"suppressions\""))
        let schema = CLI.repository.appendingPathComponent("../shared/sarif/sarif-schema-2.1.0.json").standardized
        let out = root.appendingPathComponent("out.sarif")
        try sarif.stdout.write(to: out, atomically: true, encoding: .utf8)
        let validation = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "jsonschema", "-i", out.path, schema.path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
    }

    @Test func unusedSuppressionsAreReportedWhenSelected() throws {
        let root = try CLI.tree([
            "a.py": "import redis\nr = redis.Redis()\nr.keys('a:*')  # redislint: disable=RL101\nr.get('x')  # redislint: disable=RL101\n# redislint: disable-next-line=keys-comand\nx = 1\n",
            "b.lua": "return 1 -- redislint: disable=RL101\n",
        ])
        #expect(try CLI.run(["-q"], in: root).status == 0, "off by default")
        let result = try CLI.run(["--format", "json", "--select", "ALL"], in: root)
        let found = try Workflow.findings(result.stdout)
        #expect(found.map { "\($0.rule) \($0.path):\($0.line)" } == ["RL001 a.py:4", "RL001 a.py:5", "RL001 b.lua:1"], "\(result.stdout)")
        #expect(result.status == 1)
    }
}
