import Testing
import Foundation
import RedisTestSupport

/// Baselines that survive edits, diff and staged report scopes, and stdin.
@Suite struct WorkflowBaselineDiffTests {
    @Test func baselineSurvivesTenLinesInsertedAtTheTop() throws {
        let root = try CLI.tree(["app/a.py": Workflow.keysPython + "def f():\n    return r.keys('b:*')\n", "b.rb": "redis = Redis.new\nredis.keys('x')\n"])
        try CLI.gitInit(root)
        let write = try CLI.run(["--write-baseline", "redislint-baseline.txt"], in: root)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("wrote 3 findings"))
        let baseline = try Workflow.read("redislint-baseline.txt", in: root)
        #expect(baseline.hasPrefix("# redislint baseline v1"))
        #expect(baseline.split(separator: "\n").count == 4)

        let clean = try CLI.run(["--baseline", "redislint-baseline.txt", "--format", "json"], in: root)
        #expect(clean.status == 0)
        #expect(try Workflow.findings(clean.stdout).isEmpty)
        #expect(try Workflow.summary(clean.stdout)["baselineMatched"] == 3)

        // Ten unrelated lines at the top, re-indentation: still accepted.
        let shifted = String(repeating: "# unrelated\n", count: 10) + Workflow.keysPython + "def f():\n        return r.keys('b:*')\n"
        try Workflow.write(shifted, to: "app/a.py", in: root)
        let afterShift = try CLI.run(["--baseline", "redislint-baseline.txt", "--format", "json"], in: root)
        #expect(try Workflow.findings(afterShift.stdout).isEmpty, "\(afterShift.stdout)")
        #expect(afterShift.status == 0)

        // A new finding is reported; a fixed one becomes a stale entry.
        try Workflow.write(shifted + "r.keys('new:*')\n", to: "app/a.py", in: root)
        try Workflow.write("redis = Redis.new\nredis.scan_each(match: 'x') { }\n", to: "b.rb", in: root)
        let changed = try CLI.run(["--baseline", "redislint-baseline.txt", "--color", "never"], in: root)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("app/a.py:16:3: warning[RL101]"), "\(changed.stdout)")
        #expect(changed.stdout.contains("2 in the baseline, 1 stale baseline entry"), "\(changed.stdout)")
        #expect(try CLI.run(["--baseline", "missing.txt"], in: root).status == 2)
        try Workflow.write("{\"not\": \"a baseline\"}\n", to: "bad.txt", in: root)
        let bad = try CLI.run(["--baseline", "bad.txt"], in: root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.txt:1:"))
    }

    @Test func diffModeReportsOnlyChangedLines() throws {
        let root = try CLI.tree([
            "a.py": Workflow.keysPython,
            "lib/helpers.rb": "redis = Redis.new\nredis.keys('old')\n",
        ])
        try CLI.gitInit(root)
        try Workflow.git(["checkout", "-q", "-b", "main"], in: root)  // whatever init.defaultBranch says
        try Workflow.git(["add", "-A"], in: root)
        try Workflow.git(["commit", "-q", "-m", "base"], in: root)
        try Workflow.git(["checkout", "-q", "-b", "feature"], in: root)
        // Committed on the branch, uncommitted in the working tree, and a new untracked file.
        try Workflow.write(Workflow.keysPython + "r.keys('committed:*')\n", to: "a.py", in: root)
        try Workflow.git(["commit", "-q", "-am", "feature"], in: root)
        try Workflow.write(Workflow.keysPython + "r.keys('committed:*')\nr.keys('uncommitted:*')\n", to: "a.py", in: root)
        try Workflow.write(Workflow.keysPython, to: "new/c.py", in: root)

        let all = try Workflow.findings(CLI.run(["--format", "json"], in: root).stdout)
        #expect(all.count == 5)
        let output = try CLI.run(["--format", "json", "--diff", "main"], in: root)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(try Workflow.findings(output.stdout).map { "\($0.path):\($0.line)" } == ["a.py:4", "a.py:5", "new/c.py:3"])

        // --staged: only what is in the index.
        try Workflow.git(["add", "new/c.py"], in: root)
        let staged = try CLI.run(["--format", "json", "--staged"], in: root)
        #expect(try Workflow.findings(staged.stdout).map { "\($0.path):\($0.line)" } == ["new/c.py:3"])
        #expect(try CLI.run(["--diff", "no-such-branch"], in: root).status == 2)
        let outside = try CLI.tree(["a.py": Workflow.keysPython])
        #expect(try CLI.run(["--diff", "HEAD"], in: outside).status == 2)
    }

    @Test func stdinIsReportedAsTheGivenPathWithItsConfiguration() throws {
        let root = try CLI.tree([".redislint.toml": "[per-path-ignores]\n\"tests/**\" = [\"RL101\"]\n", "tests/existing.py": ""])
        try CLI.gitInit(root)
        let app = try CLI.run(["--stdin-filename", "app/edited.py", "--color", "never"], in: root, stdin: Workflow.keysPython)
        #expect(app.status == 1)
        #expect(app.stdout.contains("app/edited.py:3:3: warning[RL101]"), "\(app.stdout)")
        let test = try CLI.run(["--stdin-filename", "tests/edited.py"], in: root, stdin: Workflow.keysPython)
        #expect(test.status == 0, "\(test.stdout)")
        let lua = try CLI.run(["--stdin-filename", "s.lua", "-q"], in: root, stdin: "return redis.call('KEYS', '*')\n")
        #expect(lua.status == 1)
        #expect(try CLI.run(["--stdin-filename", "README"], in: root, stdin: "").status == 2)
        #expect(try CLI.run(["--stdin-filename", "a.py", "other.py"], in: root, stdin: "").status == 2)
        let invalid = try ProcessRunner.run(CLI.binary.path, ["--stdin-filename", "x.py"], in: root, stdin: Data([0xFF, 0xFE, 0x00, 0x72]))
        #expect(invalid.status == 0)
    }
}
