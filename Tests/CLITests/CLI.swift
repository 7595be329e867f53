import Foundation
import RedisTestSupport

/// The built `redislint` binary (beside the test bundle in the build folder) and temporary trees.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static var binary: URL {
        let folder = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [folder.appendingPathComponent("redislint"), Bundle.main.bundleURL.appendingPathComponent("redislint")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return folder.appendingPathComponent("redislint")
    }

    /// Runs redislint in `directory` with a minimal environment (no colour variables from the developer).
    static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], stdin: String? = nil, timeout: Double = 300) throws -> ProcessRunner.Result {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        environment.merge(extra) { $1 }
        return try ProcessRunner.run(binary.path, arguments, in: directory ?? repository, environment: environment, stdin: stdin.map { Data($0.utf8) }, timeout: timeout)
    }

    /// The folder that holds every tree of this test process. Swift Testing suites are structs with no
    /// teardown, so the trees are removed together when the process exits (it used to leave hundreds behind).
    static let trees: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-cli-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: CLI.trees) }
        return folder
    }()

    /// A fresh temporary folder with `files` (relative path → contents), removed when the tests end.
    static func tree(_ files: [String: String]) throws -> URL {
        let root = trees.appendingPathComponent(UUID().uuidString)
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// `git init` with its own identity (never the developer's).
    static func gitInit(_ root: URL) throws {
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root.path,
                   "GIT_AUTHOR_NAME": "redislint tests", "GIT_AUTHOR_EMAIL": "tests@redislint.invalid",
                   "GIT_COMMITTER_NAME": "redislint tests", "GIT_COMMITTER_EMAIL": "tests@redislint.invalid"]
        let result = try ProcessRunner.run("/usr/bin/env", ["git", "init", "-q"], in: root, environment: env)
        precondition(result.status == 0, result.stderr)
    }

    static let keysInPython = "import redis\nr = redis.Redis()\nr.keys('a:*')\n"
}
