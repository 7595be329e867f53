import Testing
import Foundation
import RedisTestSupport

@Suite struct CLITests {
    @Test func scansTheFixturesOfEveryLanguageAndFails() throws {
        // A copy outside `fixtures/`: RL101 skips test and fixture folders.
        let app = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: app) }
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("fixtures/rules/RL101-keys-command"), to: app)
        let result = try CLI.run([app.path, "--color", "never"], in: app)
        #expect(result.status == 1, "\(result.stderr)")
        for file in ["ruby/cleanup.rb", "python/views.py", "javascript/cart.ts", "swift/Purge.swift", "lua/purge.lua"] {
            #expect(result.stdout.contains("\(file):"), "no finding in \(file)")
        }
        // Clean twins never show up: every reported line is one of the goldens' lines.
        let goldens = try ["ruby", "python", "javascript", "swift", "lua"].map { language in
            try String(contentsOf: CLI.repository.appendingPathComponent("fixtures/rules/RL101-keys-command/\(language)/expected.txt"), encoding: .utf8)
        }
        let expectedCount = goldens.joined().split(separator: "\n").filter { $0.contains("[RL101]") }.count
        let reported = result.stdout.split(separator: "\n").filter { $0.contains("[RL101]") }.count
        #expect(reported == expectedCount)
    }

    @Test func sarifOutputValidatesAgainstTheSchema() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run(["check", "--format", "sarif", "-o", out.path, "fixtures/rules"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let schema = CLI.repository.appendingPathComponent("../shared/sarif/sarif-schema-2.1.0.json").standardized
        let validation = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "jsonschema", "-i", out.path, schema.path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let runs = log?["runs"] as? [[String: Any]]
        let results = runs?.first?["results"] as? [[String: Any]]
        #expect((results?.count ?? 0) >= 5)
    }

    @Test func gitignoredFolderIsNotReported() throws {
        let root = try CLI.tree([
            ".gitignore": "generated/\n*.tmp.py\n!keep.tmp.py\n",
            "generated/a.py": CLI.keysInPython,
            "generated/deep/b.py": CLI.keysInPython,
            "x.tmp.py": CLI.keysInPython,
            "keep.tmp.py": CLI.keysInPython,
            "src/app.py": CLI.keysInPython,
            "node_modules/lib/index.py": CLI.keysInPython,
        ])
        try CLI.gitInit(root)
        let result = try CLI.run(["--format", "json"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"path\": \"src/app.py\""))
        #expect(result.stdout.contains("\"path\": \"keep.tmp.py\""))
        #expect(!result.stdout.contains("generated/"))
        #expect(!result.stdout.contains("x.tmp.py"))
        #expect(!result.stdout.contains("node_modules"))
        // Named explicitly, an ignored file is scanned, unless --force-exclude.
        let explicit = try CLI.run(["generated/a.py"], in: root)
        #expect(explicit.status == 1)
        let forced = try CLI.run(["--force-exclude", "generated/a.py"], in: root)
        #expect(forced.status == 0, "\(forced.stdout)")
    }

    @Test func exitStatuses() throws {
        let root = try CLI.tree(["a.py": CLI.keysInPython, "clean.py": "print(1)\n"])
        #expect(try CLI.run(["a.py"], in: root).status == 1)
        #expect(try CLI.run(["--exit-zero", "a.py"], in: root).status == 0)
        #expect(try CLI.run(["--fail-on", "error", "a.py"], in: root).status == 0)
        #expect(try CLI.run(["clean.py"], in: root).status == 0)
        // A missing path: exit 2, and the rest is still scanned and reported.
        let missing = try CLI.run(["nope.py", "a.py"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.py"))
        #expect(missing.stdout.contains("a.py:3:3"))
        #expect(try CLI.run(["--exit-zero", "nope.py"], in: root).status == 2)
        // Usage errors.
        let bad = try CLI.run(["--format", "xml"], in: root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("text, sarif, json, github"))
        #expect(try CLI.run(["--bogus"], in: root).status == 2)
    }

    @Test func noSupportedFilesIsAWarningAndSuccess() throws {
        let root = try CLI.tree(["README.md": "# hi\n", "data.csv": "a,b\n"])
        let result = try CLI.run([], in: root)
        #expect(result.status == 0)
        #expect(result.stderr.contains("no Ruby, Python, TypeScript/JavaScript, Swift or Lua files"))
    }

    @Test func quietPrintsFindingsOnlyAndOutputGoesToAFile() throws {
        let root = try CLI.tree(["a.py": CLI.keysInPython])
        let quiet = try CLI.run(["-q", "a.py"], in: root)
        #expect(quiet.stdout.contains("a.py:3:3: warning[RL101]"))
        #expect(!quiet.stdout.contains("finding (") && !quiet.stdout.contains("findings ("))
        let loud = try CLI.run(["a.py"], in: root)
        #expect(loud.stdout.contains("1 finding (0 errors, 1 warning) in 1 file (1 file scanned)"))
        let written = try CLI.run(["-o", "report.json", "--format=json", "a.py"], in: root)
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(try String(contentsOf: root.appendingPathComponent("report.json"), encoding: .utf8).contains("\"version\": 1"))
    }

    @Test func aLongTextReportIsTheSameOnStdoutInAFileAndOnAnyNumberOfThreads() throws {
        // Over 2,048 findings: the report is written in several slices, built on the threads a few at a time.
        let code = "import redis\nr = redis.Redis()\n" + (0..<2100).map { "def f\($0)():\n    return r.keys('p\($0):*')\n" }.joined()
        let root = try CLI.tree(["a.py": code])
        let one = try CLI.run(["--jobs", "1", "a.py"], in: root)
        #expect(one.stdout.hasSuffix("2100 findings (0 errors, 2100 warnings) in 1 file (1 file scanned)\n"))
        #expect(one.stdout.components(separatedBy: "warning[RL101]").count == 2101)
        #expect(try CLI.run(["--jobs", "3", "a.py"], in: root).stdout == one.stdout)
        let written = try CLI.run(["--jobs", "2", "-o", "report.txt", "a.py"], in: root)
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(try String(contentsOf: root.appendingPathComponent("report.txt"), encoding: .utf8) == one.stdout)
        let unwritable = try CLI.run(["-o", "no/such/folder/report.txt", "a.py"], in: root)
        #expect(unwritable.status == 2 && unwritable.stderr.contains("cannot write no/such/folder/report.txt"))
    }

    @Test func colourFollowsTheChoiceAndNoColor() throws {
        let root = try CLI.tree(["a.py": CLI.keysInPython])
        let escape = "\u{1B}["
        #expect(try CLI.run(["a.py"], in: root).stdout.contains(escape) == false, "auto: not a terminal")
        #expect(try CLI.run(["--color", "always", "a.py"], in: root).stdout.contains(escape))
        #expect(try CLI.run(["--color", "never", "a.py"], in: root).stdout.contains(escape) == false)
        #expect(try CLI.run(["a.py"], in: root, environment: ["NO_COLOR": "1"]).stdout.contains(escape) == false)
    }

    @Test func subcommandsAndAFolderNamedRules() throws {
        let rules = try CLI.run(["rules"])
        #expect(rules.status == 0 && rules.stdout.contains("RL101") && rules.stdout.contains("keys-command"))
        let json = try CLI.run(["rules", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.contains { $0["id"] as? String == "RL101" } == true)
        for query in ["RL101", "rl101", "keys-command"] {
            let explain = try CLI.run(["explain", query])
            #expect(explain.status == 0 && explain.stdout.contains("## Why it is a problem") && explain.stdout.contains("scan_iter"))
        }
        #expect(try CLI.run(["explain", "RL999"]).status == 2)
        let root = try CLI.tree(["rules/a.py": CLI.keysInPython])
        let scanned = try CLI.run(["./rules"], in: root)
        #expect(scanned.status == 1 && scanned.stdout.contains("rules/a.py:3:3"))
        let version = try CLI.run(["--version"])
        #expect(version.stdout.hasPrefix("redislint "))
    }

    @Test func githubAnnotationsAreEscapedAndCapped() throws {
        var source = "import redis\nr = redis.Redis()\n"
        for index in 0..<12 { source += "r.keys('a%\(index),b:c')\n" }
        let root = try CLI.tree(["many.py": source])
        let result = try CLI.run(["--format", "github", "many.py"], in: root)
        let warnings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning ") }
        #expect(warnings.count == 10)
        #expect(warnings.first?.contains("file=many.py,line=3,endLine=3,col=3,endColumn=7,title=RL101 keys-command::") == true)
        #expect(warnings.first?.contains("a%250,b:c") == true)
        #expect(result.stdout.contains("::notice title=redislint::2 more warnings not shown"))
    }
}
