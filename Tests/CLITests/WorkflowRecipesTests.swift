import Testing
import Foundation
import RedisTestSupport

/// The pre-commit manifest and the CI recipe: structure, the hook's entry run with the built binary,
/// and the README's snippets. (`pre-commit try-repo` and the static build are scripts: release builds.)
@Suite struct WorkflowRecipesTests {
    /// The hooks of `.pre-commit-hooks.yaml`: a list of flat mappings, read line by line (the file
    /// uses only `- key: value` and `  key: value` lines, which this test also enforces).
    static func hooks() throws -> [[String: String]] {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        var hooks: [[String: String]] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            var body = Substring(line)
            if body.hasPrefix("- ") {
                hooks.append([:])
                body = body.dropFirst(2)
            } else {
                #expect(body.hasPrefix("  "), "unexpected line: \(line)")
                body = body.dropFirst(2)
            }
            guard let colon = body.firstIndex(of: ":"), !hooks.isEmpty else {
                Issue.record("not a key: value line: \(line)")
                continue
            }
            var value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            hooks[hooks.count - 1][String(body[..<colon])] = value
        }
        return hooks
    }

    @Test func manifestStructure() throws {
        let hooks = try Self.hooks()
        #expect(hooks.map { $0["id"] ?? "" } == ["redislint", "redislint-system"])
        #expect(hooks.map { $0["language"] ?? "" } == ["swift", "system"])
        let allowed: Set<String> = ["id", "name", "description", "entry", "language", "files", "require_serial", "minimum_pre_commit_version",
                                    "exclude", "types", "args", "pass_filenames", "stages"]
        for hook in hooks {
            for key in ["id", "name", "entry", "language", "files"] { #expect(hook[key]?.isEmpty == false, "\(key) missing") }
            #expect(Set(hook.keys).isSubset(of: allowed), "\(hook.keys)")
            #expect(hook["require_serial"] == "true", "one process analyses the project once")
            let regex = try NSRegularExpression(pattern: hook["files"] ?? "")
            func matches(_ name: String) -> Bool { regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
            for name in ["a.rb", "x/Rakefile.rake", "b.py", "c.ts", "d.mts", "e.cts", "f.tsx", "g.mjs", "H.swift", "s.lua", "t.pyi"] {
                #expect(matches(name), "\(name) should be selected")
            }
            for name in ["README.md", "a.pyc", "x.lua.bak", "tsconfig.json"] { #expect(!matches(name), "\(name) should not be selected") }
        }
        // The real validator, when pre-commit is installed (scripts/check-pre-commit-hook installs it).
        let probe = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import pre_commit"])
        if probe.status == 0 {
            let validation = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"], in: CLI.repository)
            #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        }
    }

    @Test func theHooksEntryFailsOnAFindingAndPassesOnceSuppressed() throws {
        let hooks = try Self.hooks()
        let root = try CLI.tree([
            "app/cache.py": "import redis\nr = redis.Redis()\nr.keys('session:*')\n",
            "app/module.mts": "export const x = 1;\n",
            "app/other.py": "import redis\nr = redis.Redis()\nr.keys('other:*')\n",
        ])
        try CLI.gitInit(root)
        for hook in hooks {
            // pre-commit runs `entry` + `args` + the selected file names, in the repository root.
            var words = (hook["entry"] ?? "").split(separator: " ").map(String.init)
            #expect(words.first == "redislint")
            words.removeFirst()
            let staged = ["app/cache.py", "app/module.mts"]
            let failing = try CLI.run(words + staged, in: root)
            #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
            #expect(failing.stdout.contains("app/cache.py:3:3"))
            #expect(!failing.stdout.contains("other.py"), "only the files pre-commit passes are reported")
            try Workflow.write("import redis\nr = redis.Redis()\nr.keys('session:*')  # redislint: disable=keys-command\n", to: "app/cache.py", in: root)
            let passing = try CLI.run(words + staged, in: root)
            #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
            try Workflow.write("import redis\nr = redis.Redis()\nr.keys('session:*')\n", to: "app/cache.py", in: root)
        }
    }

    @Test func readmeShowsTheRecipes() throws {
        let readme = try String(contentsOf: CLI.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let workflow = try String(contentsOf: CLI.repository.appendingPathComponent("examples/github-actions/redislint.yml"), encoding: .utf8)
        for fragment in ["github/codeql-action/upload-sarif", "--format sarif", "actions/cache", "scripts/build-static-binary"] {
            #expect(workflow.contains(fragment), "\(fragment) missing from the workflow example")
            #expect(readme.contains(fragment), "\(fragment) missing from the README")
        }
        for fragment in ["id: redislint", "id: redislint-system", "language: system", ".redislint.toml", "redislint: disable-next-line=",
                         "--write-baseline", "--diff origin/main", "--stdin-filename"] {
            #expect(readme.contains(fragment), "\(fragment) missing from the README")
        }
        #expect(readme.hasPrefix("# redislint\n"))
    }
}
