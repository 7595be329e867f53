import Testing
import Foundation
import RedisTestSupport

/// A tree with every kind of hostile input: each bad file gets one diagnostic, every good file's
/// findings are still reported, nothing crashes or hangs, and the exit status is as documented.
@Suite struct HostileInputTests {
    static let keys = "import redis\nr = redis.Redis()\nr.keys('a:*')\n"

    func hostileTree() throws -> URL {
        let root = try CLI.tree([
            "good/app.py": Self.keys,
            "good/with spaces and ünïcode.py": Self.keys,
            "good/crlf.py": Self.keys.replacingOccurrences(of: "\n", with: "\r\n"),
            "good/cr.py": Self.keys.replacingOccurrences(of: "\n", with: "\r"),
            "good/tabs.py": "import redis\nr = redis.Redis()\nif True:\n\tr.keys('t:*')\n",
            // The literal swallows the Redis code below it: the diagnostic says why nothing is found.
            // (A file that never mentions Redis is only searched for evidence, not parsed, so a broken
            // literal there is not worth a diagnostic.)
            "bad/unterminated.py": "x = '''never closed\n" + String(repeating: "y = 1\n", count: 10_000) + "r = redis.Redis()\nr.keys('*')\n",
            "bad/unterminated.rb": "s = <<~EOS\n" + String(repeating: "puts 1\n", count: 10_000) + "$redis.keys('*')\n",
            "bad/deep.py": "# redis\nx = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\n",
            "bad/deep.ts": "// redis\nconst x = " + String(repeating: "[{a:", count: 5_000) + "1" + String(repeating: "}]", count: 5_000) + ";\n",
            "bad/deep.lua": String(repeating: "function f() ", count: 10_000) + String(repeating: "end ", count: 10_000),
            "bad/deep.rb": "# redis\n" + String(repeating: "foo do\n", count: 10_000) + String(repeating: "end\n", count: 10_000),
            "bad/deep.swift": "// redis\nlet x = " + String(repeating: "f(", count: 10_000) + String(repeating: ")", count: 10_000) + "\n",
            "bad/bundle.min.js": "var a=1;" + String(repeating: "function q(x){return x+1}", count: 200_000) + "redis.keys('x');",
            "bad/many.py": "import redis\nr = redis.Redis()\ndef f():\n" + String(repeating: "    r.get('k')\n", count: 100_000),
        ])
        // Invalid UTF-8 before a real finding, and a BOM.
        try Data([0x23, 0x20, 0xFF, 0xFE, 0xC3, 0x0A] + Array(Self.keys.utf8)).write(to: root.appendingPathComponent("good/invalid-utf8.py"))
        try Data([0xEF, 0xBB, 0xBF] + Array("import redis\nr = redis.Redis()\nr.keys('b')\n".utf8)).write(to: root.appendingPathComponent("good/bom.py"))
        try Data([0xEF, 0xBB, 0xBF] + Array("r = redis.Redis(); r.keys('b')\n".utf8)).write(to: root.appendingPathComponent("good/bom-line1.py"))
        // Binary, too large, FIFO, symlink loop, unreadable.
        try Data([0x72, 0x2E, 0x6B, 0x00, 0x01, 0x02]).write(to: root.appendingPathComponent("bad/binary.py"))
        try String(repeating: "# padding\n", count: 30_000).write(to: root.appendingPathComponent("bad/huge.py"), atomically: true, encoding: .utf8)
        #expect(mkfifo(root.appendingPathComponent("bad/fifo.py").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("bad/loop").path, withDestinationPath: "..")
        try Self.keys.write(to: root.appendingPathComponent("bad/secret.py"), atomically: true, encoding: .utf8)
        #expect(chmod(root.appendingPathComponent("bad/secret.py").path, 0o000) == 0)
        return root
    }

    @Test func everyHostileInputGetsADiagnosticAndGoodFilesStillReport() throws {
        let root = try hostileTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["--format", "json", "--max-file-size", "200K", "."], in: root, timeout: 600)
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let errors = try #require(json["errors"] as? [[String: Any]])
        func finding(_ path: String) -> [String: Any]? { findings.first { $0["path"] as? String == path } }
        for file in ["app.py", "with spaces and ünïcode.py", "crlf.py", "cr.py", "tabs.py", "invalid-utf8.py", "bom.py", "bom-line1.py"] {
            #expect(finding("good/" + file) != nil, "no finding in good/\(file)")
        }
        #expect(finding("good/crlf.py")?["line"] as? Int == 3)
        #expect(finding("good/cr.py")?["line"] as? Int == 3)
        #expect(finding("good/tabs.py")?["column"] as? Int == 4)  // tab, r, . → column 4
        #expect(finding("good/invalid-utf8.py")?["line"] as? Int == 4)
        #expect(finding("good/bom-line1.py")?["column"] as? Int == 22)  // the BOM is not a column
        func diagnostic(_ path: String, _ text: String) -> Bool {
            errors.contains { ($0["path"] as? String) == path && (($0["message"] as? String) ?? "").contains(text) }
        }
        #expect(diagnostic("bad/binary.py", "binary"))
        #expect(diagnostic("bad/huge.py", "size limit"))
        #expect(diagnostic("bad/fifo.py", "not a regular file"))
        #expect(diagnostic("bad/unterminated.py", "unterminated"))
        #expect(diagnostic("bad/unterminated.rb", "unterminated"))
        // One diagnostic per bad file (the unreadable one is only unreadable when not root, see below).
        let perFile = Dictionary(grouping: errors.compactMap { $0["path"] as? String }, by: { $0 })
        for (path, entries) in perFile where path != "bad/deep.lua" {
            #expect(entries.count == 1, "\(path): \(entries.count) diagnostics")
        }
    }

    @Test func unreadableFilesAreReportedWithoutRoot() throws {
        let root = try CLI.tree(["ok.py": Self.keys, "secret.py": Self.keys])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(chmod(root.path, 0o755) == 0)
        #expect(chmod(root.appendingPathComponent("secret.py").path, 0o000) == 0)
        let asRoot = getuid() == 0
        let arguments = ["--format", "json", "."]
        let result: ProcessRunner.Result
        if asRoot {
            // Root reads everything: drop to nobody for this run.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                Issue.record("setpriv is missing: cannot drop privileges to test unreadable files as root")
                return
            }
            result = try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path] + arguments,
                                           in: root, environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp"])
        } else {
            result = try CLI.run(arguments, in: root)
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("\"path\": \"ok.py\""))
        #expect(result.stdout.contains("permission denied"), "\(result.stdout)")
    }
}
