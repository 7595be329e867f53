import Testing
import Foundation

/// `.redislint.toml` discovery, nesting, per-path ignores, severities, teaching, and errors.
@Suite struct WorkflowConfigurationTests {
    @Test func nestedConfigurationPerPathIgnoreAndSeverity() throws {
        let root = try CLI.tree([
            ".redislint.toml": "[severity]\nkeys-command = \"error\"\n[per-path-ignores]\n\"tests/**\" = [\"RL101\"]\n",
            "app/a.py": Workflow.keysPython,
            "tests/unit/t.py": Workflow.keysPython,
            "legacy/.redislint.toml": "ignore = [\"keys-command\"]\n",
            "legacy/old.py": Workflow.keysPython,
            "legacy/deep/older.py": Workflow.keysPython,
            "other/b.py": Workflow.keysPython,
            "other/.redislint.toml": "[severity]\nRL101 = \"note\"\n",
        ])
        try CLI.gitInit(root)
        let result = try CLI.run(["--format", "json"], in: root)
        let found = try Workflow.findings(result.stdout)
        #expect(found.map(\.path) == ["app/a.py", "other/b.py"], "\(result.stdout)\(result.stderr)")
        let text = try CLI.run(["--color", "never", "--fail-on", "error"], in: root)
        #expect(text.stdout.contains("app/a.py:3:3: error[RL101]"))
        #expect(text.stdout.contains("other/b.py:3:3: note[RL101]"), "inner severity wins, outer per-path ignores do not apply")
        #expect(text.status == 1)
        // Scanning a subfolder still finds the configurations above it, up to the repository root.
        let sub = try CLI.run(["--format", "json", "legacy"], in: root)
        #expect(try Workflow.findings(sub.stdout).isEmpty)
        let deep = try CLI.run(["--format", "json", "../app/a.py"], in: root.appendingPathComponent("tests"))
        #expect(try Workflow.findings(deep.stdout).map(\.path) == ["app/a.py"])
        // --config replaces the discovered files.
        try Workflow.write("select = [\"RL001\"]\n", to: "only-rl001.toml", in: root)
        let explicit = try CLI.run(["--format", "json", "--config", "only-rl001.toml"], in: root)
        #expect(try Workflow.findings(explicit.stdout).isEmpty)
        #expect(explicit.status == 0)
    }

    @Test func excludeInConfigurationAndShowFiles() throws {
        let root = try CLI.tree([
            ".redislint.toml": "exclude = [\"generated/\"]\n",
            "generated/g.py": Workflow.keysPython,
            "sub/.redislint.toml": "exclude = [\"*.gen.py\"]\n",
            "sub/x.gen.py": Workflow.keysPython,
            "sub/x.py": Workflow.keysPython,
        ])
        try CLI.gitInit(root)
        let files = try CLI.run(["--show-files"], in: root)
        #expect(files.status == 0)
        #expect(files.stdout == "sub/x.py\n", "\(files.stdout)")
        // A file named explicitly is still scanned, unless --force-exclude.
        #expect(try CLI.run(["generated/g.py", "-q"], in: root).status == 1)
        #expect(try CLI.run(["generated/g.py", "-q", "--force-exclude"], in: root).status == 0)
    }

    @Test func malformedConfigurationsExitTwoWithFileLineAndChoices() throws {
        let cases: [(String, String)] = [
            ("select = [\"RL101\"]\nselct = [\"RL1\"]\n", ".redislint.toml:2: unknown key 'selct' (valid: select, ignore, exclude, cluster"),
            ("cluster = \"yes\"\n", ".redislint.toml:1: invalid value \"yes\" for 'cluster' (valid: \"auto\", \"on\", \"off\")"),
            ("[severity]\nRL101 = \"fatal\"\n", ".redislint.toml:2: invalid severity for 'RL101' (valid: \"note\", \"warning\", \"error\")"),
            ("select = [\"RL9999\"]\n", ".redislint.toml:1: unknown rule 'RL9999'"),
            ("select = [\n", ".redislint.toml:2: unterminated array"),
            ("\u{FF}\u{FE}garbage = = =\n", ".redislint.toml:1:"),
        ]
        for (text, expected) in cases {
            let root = try CLI.tree(["a.py": Workflow.keysPython, "sub/b.py": Workflow.keysPython, "sub/.redislint.toml": text])
            let result = try CLI.run(["--format", "json", "."], in: root)
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "no report from a run with a broken configuration")
        }
        let binary = try CLI.tree(["a.py": Workflow.keysPython])
        try Data([0x00, 0xFF, 0x5B, 0x5B, 0x22]).write(to: binary.appendingPathComponent(".redislint.toml"))
        #expect(try CLI.run(["."], in: binary).status == 2)
        #expect(try CLI.run(["--config", "missing.toml", "."], in: binary).status == 2)
    }

    /// Settings reach each file from its own configuration: `cluster = "on"` in one folder turns RL601 on
    /// there only; at the root it turns it on everywhere (every file then shares one set of settings).
    @Test func perFolderSettingsReachTheirFilesOnly() throws {
        let mget = "import redis\nr = redis.Redis()\nr.mget(\"user:1\", \"order:2\")\n"
        let root = try CLI.tree(["on/a.py": mget, "off/b.py": mget, "on/.redislint.toml": "cluster = \"on\"\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let perFolder = try CLI.run(["--format", "json"], in: root)
        #expect(try Workflow.findings(perFolder.stdout).map(\.path) == ["on/a.py"], "\(perFolder.stdout)")
        try Workflow.write("cluster = \"on\"\n", to: ".redislint.toml", in: root)
        let everywhere = try CLI.run(["--format", "json"], in: root)
        #expect(try Workflow.findings(everywhere.stdout).map(\.path) == ["off/b.py", "on/a.py"], "\(everywhere.stdout)")
    }

    @Test func commandLineSelectionAndSettings() throws {
        let root = try CLI.tree(["a.py": Workflow.keysPython + "r.keys('b:*')  # redislint: disable=RL101\n"])
        #expect(try CLI.run(["-q", "--ignore", "keys-command"], in: root).status == 0)
        #expect(try CLI.run(["-q", "--select", "RL1"], in: root).status == 1)
        let both = try CLI.run(["--format", "json", "--select", "RL001,RL101"], in: root)
        #expect(try Workflow.findings(both.stdout).map(\.rule) == ["RL101"], "the suppression is used")
        for bad in [["--select", "RL9"], ["--ignore", "RL1,,RL2"], ["--cluster", "maybe"], ["--min-redis-version", "x"]] {
            let result = try CLI.run(bad, in: root)
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr.contains("valid") || result.stderr.contains("invalid"), "\(result.stderr)")
        }
        #expect(try CLI.run(["-q", "--cluster", "on", "--min-redis-version", "6.2"], in: root).status == 1)
        let statistics = try CLI.run(["--statistics", "--color", "never"], in: root)
        #expect(statistics.stdout.hasPrefix("1  RL101  keys-command\n"), "\(statistics.stdout)")
        #expect(statistics.stdout.contains("1 suppressed"))
    }

    @Test func clientTeachingReachesTheFrontEnds() throws {
        let code = "store.keys('a:*')\nCacheStore.keys_matching('b:*')\nother.keys('c:*')\n"
        let root = try CLI.tree(["a.py": code, "b.rb": "CacheStore.keys_matching('x:*')\n"])
        #expect(try Workflow.findings(CLI.run(["--format", "json"], in: root).stdout).isEmpty)
        try Workflow.write("""
            [clients]
            receivers = ["store"]
            [clients.wrappers]
            "CacheStore.keys_matching" = { command = "KEYS", key = 1 }
            """, to: ".redislint.toml", in: root)
        let taught = try Workflow.findings(CLI.run(["--format", "json"], in: root).stdout)
        #expect(taught.map { "\($0.path):\($0.line)" } == ["a.py:1", "a.py:2", "b.rb:1"])
    }

    @Test func initWritesAStarterThatLoads() throws {
        let root = try CLI.tree(["a.py": Workflow.keysPython])
        let first = try CLI.run(["init"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let text = try Workflow.read(".redislint.toml", in: root)
        #expect(text.contains("min-redis-version = \"7.0\""))
        #expect(try CLI.run(["init"], in: root).status == 2, "never overwrites")
        #expect(try CLI.run(["init", "--force"], in: root).status == 0)
        #expect(try CLI.run(["-q"], in: root).status == 1, "the starter file loads and changes nothing")
    }
}
