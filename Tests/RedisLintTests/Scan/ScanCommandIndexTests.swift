import Testing
import Foundation
@testable import RedisLint

/// A scan from disk gathers each file's share of the command index in phase 1 and joins them in
/// phase 2: the index must be the one built from the models, with each location in its own file,
/// even when a skipped file (binary) sits between two scanned ones.
@Suite struct ScanCommandIndexTests {
    @Test func theScansIndexIsTheModelsIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = [
            "a.py": "import redis\nr = redis.Redis()\ndef f():\n    r.set('a', 1)\n    r.expire('a', 5)\n",
            "b.py": "import redis\nr = redis.Redis()\nx = 1\0\n",  // binary: skipped
            "c.py": "import redis\nr = redis.Redis()\ndef g():\n    r.get('c')\n    r.set('c', 2)\ndef h():\n    r.set('d', 3, ex=9)\n",
        ]
        for (name, text) in sources { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let files = sources.keys.sorted().map {
            Discovery.File(absolutePath: folder.appendingPathComponent($0).path, path: $0, language: .python, explicit: true)
        }
        for jobs in [1, 3] {
            let result = Scanner(rules: [IndexProbe()], options: Scanner.Options(jobs: jobs)).scan(files)
            let lines = result.findings.map { "\($0.path):\($0.start.line) \($0.message)" }
            #expect(lines == ["a.py:1 EXPIRE a.py:a; SET a.py:a c.py:c c.py:d; TTL a d", "c.py:1 EXPIRE a.py:a; SET a.py:a c.py:c c.py:d; TTL a d"])
            #expect(result.diagnostics.map(\.path) == ["b.py"])
        }
    }

    /// One finding per file saying in which file (and on which key) the project's index puts every SET and EXPIRE, and which keys
    /// it says are given a TTL.
    struct IndexProbe: Rule {
        let description = RuleDescription(id: "RL998", name: "index-probe", severity: .warning, summary: "probe", languages: [.python],
                                          whatItFinds: "", whyItIsAProblem: "", useInstead: "", examples: [])
        func check(_ context: RuleContext) -> [Finding] {
            let project = context.project
            func places(_ command: String) -> String {
                (project.index.host[command] ?? []).map { location in
                    let file = project.files[location.file]
                    let op = file.traces[location.trace].ops[location.op]
                    return "\(file.source.path):\(op.keys.first?.display ?? "")"
                }.joined(separator: " ")
            }
            let ttl = project.index.keysGivenTTL.map(\.display).sorted().joined(separator: " ")
            return [context.finding(description, span: 0..<0, message: "EXPIRE \(places("EXPIRE")); SET \(places("SET")); TTL \(ttl)")]
        }
    }
}
