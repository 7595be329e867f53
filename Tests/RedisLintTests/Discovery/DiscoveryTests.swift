import Testing
import Foundation
@testable import RedisLint

@Suite struct DiscoveryTests {
    func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-discovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    func discover(_ root: URL, _ paths: [String] = ["."], options: Discovery.Options = Discovery.Options()) -> Discovery.Result {
        Discovery(root: root.path, workingDirectory: root.path, options: options).discover(paths)
    }

    @Test func nestedIgnoreFilesNegationAndDefaults() throws {
        let root = try tree([
            ".gitignore": "*.gen.py\nbuild/\n",
            "app/.gitignore": "!keep.gen.py\nlocal/\n",
            "app/keep.gen.py": "", "app/drop.gen.py": "", "app/main.py": "",
            "app/local/x.py": "", "build/out.py": "", "lib/build.py": "",
            ".ignore": "secret.rb\n", "secret.rb": "", "other.rb": "",
            "node_modules/m/index.js": "", "vendor/bundle/x.rb": "", ".build/x.swift": "", ".venv/lib/a.py": "",
            ".git/hooks/pre-commit.py": "", "README.md": "", "scripts/tool": "#!/usr/bin/env python3\nprint(1)\n",
            "scripts/other": "#!/bin/sh\n", "app/Rakefile.rake": "", "web/a.mjs": "", "web/b.cts": "", "db/s.lua": "",
            "public/jquery-3.6.0.min.js": "", "public/app.min.mjs": "", "public/admin.js": "", "public/minimal.js": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let found = discover(root).files.map(\.path)
        #expect(found == ["app/Rakefile.rake", "app/keep.gen.py", "app/main.py", "db/s.lua", "lib/build.py", "other.rb", "public/admin.js",
                          "public/minimal.js", "scripts/tool", "web/a.mjs", "web/b.cts"])
        // A minified bundle named on the command line is scanned.
        #expect(discover(root, ["public/jquery-3.6.0.min.js"]).files.map(\.path) == ["public/jquery-3.6.0.min.js"])
        let languages = Dictionary(uniqueKeysWithValues: discover(root).files.map { ($0.path, $0.language) })
        #expect(languages["scripts/tool"] == .python)
        #expect(languages["web/b.cts"] == .javascript)
    }

    /// Names that are not ASCII are found, reported and matched against ignore patterns like the others (the walk
    /// compares an ASCII name's bytes, another name as a string).
    /// A minified bundle is told on an ASCII name's bytes as on its string.
    @Test func minifiedBundlesByBytes() {
        for name in ["a.min.js", "jquery-3.6.0.min.mjs", "x.min.cjs", ".min.js", "min.js", "a.min.ts", "a.js", "a.min.jsx",
                     "a.mjs", "a.MIN.js", "a.min.js.map", "b.min.cjs", "js", ""] {
            var bytes = name
            let byBytes = bytes.withUTF8 { Discovery.isMinifiedBundle($0) }
            #expect(byBytes == Discovery.isMinifiedBundle(name), "\(name)")
        }
        var name = "a.min.js"
        #expect(name.withUTF8 { Discovery.isMinifiedBundle($0) })
    }

    @Test func namesThatAreNotASCII() throws {
        let root = try tree([
            ".gitignore": "données/\n*.é.py\n", "données/a.py": "", "café/b.rb": "", "café/c.é.py": "", "日本/d.ts": "",
            "app/e.py": "", "app/node_modules/f.js": "", "app/.git/g.py": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(discover(root).files.map(\.path) == ["app/e.py", "café/b.rb", "日本/d.ts"])
        #expect(discover(root, ["app"]).files.map(\.path) == ["app/e.py"])
    }

    /// A folder named on the command line is walked with the ignore files of the folders above it, up to
    /// the root (`.gitignore`, `.ignore`, `.git/info/exclude`), which are asked for by name.
    @Test func aSubfolderHonoursTheIgnoreFilesAboveIt() throws {
        let root = try tree([
            ".gitignore": "*.gen.py\n", ".git/info/exclude": "*.tmp.rb\n", "app/.ignore": "skip/\n",
            "app/deep/a.py": "", "app/deep/b.gen.py": "", "app/deep/c.tmp.rb": "", "app/deep/skip/d.py": "", "app/deep/e.rb": "",
            "app/deep/.gitignore/not-a-file.py": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(discover(root, ["app/deep"]).files.map(\.path) == ["app/deep/.gitignore/not-a-file.py", "app/deep/a.py", "app/deep/e.rb"])
        var plain = Discovery.Options()
        plain.respectIgnoreFiles = false
        #expect(discover(root, ["app/deep"], options: plain).files.count == 6)
    }

    @Test func excludesAndExplicitFiles() throws {
        let root = try tree(["a/x.py": "", "a/y.py": "", "b/z.py": "", ".gitignore": "b/\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = Discovery.Options()
        options.excludes = [GlobPattern("a/y.py")!]
        #expect(discover(root, options: options).files.map(\.path) == ["a/x.py"])
        #expect(discover(root, ["b/z.py"], options: options).files.map(\.path) == ["b/z.py"])
        options.forceExclude = true
        #expect(discover(root, ["b/z.py", "a/y.py", "a/x.py"], options: options).files.map(\.path) == ["a/x.py"])
    }

    /// Paths named twice, or a file named beside its folder (in either order), or a folder beside its parent:
    /// each file is scanned once.
    @Test func overlappingPathsFindEachFileOnce() throws {
        let root = try tree(["a/x.py": "", "a/b/y.py": "", "c.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        for paths in [["a", "a/x.py"], ["a/x.py", "a"], [".", "a/b"], ["a/b", "."], ["a", "a"], ["c.py", ".", "c.py"]] {
            let found = discover(root, paths).files.map(\.path)
            #expect(found == Array(Set(found)).sorted(), "\(paths)")
            #expect(Set(found) == Set(paths.contains(".") ? ["a/x.py", "a/b/y.py", "c.py"] : paths.contains("a/b") ? ["a/b/y.py"] : ["a/x.py", "a/b/y.py"]), "\(paths)")
        }
    }

    @Test func missingPathsAndUnsupportedFilesAreReported() throws {
        let root = try tree(["a.py": "", "notes.txt": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = discover(root, ["missing", "a.py", "notes.txt"])
        #expect(result.files.map(\.path) == ["a.py"])
        #expect(result.diagnostics.contains { $0.path == "missing" && $0.level == .error })
        #expect(result.diagnostics.contains { $0.path == "notes.txt" && $0.level == .warning })
    }

    @Test func symlinkLoopsAreNotFollowedTwice() throws {
        let root = try tree(["src/a.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("src/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling.py").path, withDestinationPath: "nowhere.py")
        let result = discover(root)
        #expect(result.files.map(\.path) == ["src/a.py"])
    }

    @Test func aFolderReachedTwiceCountsAtItsShallowestPath() throws {
        let root = try tree(["a/deep/keep.py": "", "b/x.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        // `a` sorts first, but the walk goes by depth: `b` is listed before `a/deep/link`, which is the same folder.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/deep/link").path, withDestinationPath: "../../b")
        #expect(discover(root).files.map(\.path) == ["a/deep/keep.py", "b/x.py"])
    }

    @Test func oneThreadOrManyFindTheSameFiles() throws {
        var files: [String: String] = [".gitignore": "*.gen.py\n/top/skip/\n", "top/skip/a.py": "", "top/.ignore": "x*.rb\n"]
        for n in 0..<60 {
            let folder = (0...(n % 5)).map { "d\($0 * 7 % (n + 3))" }.joined(separator: "/")
            files["\(folder)/f\(n).py"] = ""
            files["top/\(folder)/x\(n).rb"] = ""
            files["top/\(folder)/k\(n).rb"] = ""
            files["\(folder)/g\(n).gen.py"] = ""
        }
        let root = try tree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        var serial = Discovery.Options()
        serial.jobs = 1
        var parallel = Discovery.Options()
        parallel.jobs = 4
        let one = discover(root, options: serial).files
        #expect(one == discover(root, options: parallel).files)
        #expect(one.count == 120 && one.allSatisfy { !$0.path.hasSuffix(".gen.py") && !$0.path.contains("/x") && !$0.path.hasPrefix("top/skip") })
    }

    @Test func fifosAreNeverOpened() throws {
        let root = try tree(["a.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe.py").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let result = discover(root)
        #expect(result.files.map(\.path) == ["a.py"])
        #expect(result.diagnostics.contains { $0.path == "pipe.py" && $0.message.contains("not a regular file") })
    }

    @Test func projectRootIsTheRepository() throws {
        let root = try tree(["sub/dir/a.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(Discovery.projectRoot(of: "sub/dir/a.py", workingDirectory: root.path) == Paths.normalize(root.path))
        #expect(Discovery.projectRoot(of: "/", workingDirectory: "/tmp") == "/")
    }

    /// Outside any repository the root is the working directory for paths inside it, and the path's own
    /// folder for a path elsewhere (never a repository the command happens to run in).
    @Test func projectRootOutsideARepositoryDoesNotDependOnWhereTheCommandRuns() throws {
        let outside = try tree(["lib/a.py": ""])
        let repository = try tree(["x.py": ""])
        defer { for url in [outside, repository] { try? FileManager.default.removeItem(at: url) } }
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let lib = Paths.normalize(outside.appendingPathComponent("lib").path)
        #expect(Discovery.projectRoot(of: lib, workingDirectory: repository.path) == lib)
        #expect(Discovery.projectRoot(of: lib + "/a.py", workingDirectory: repository.path) == lib)
        #expect(Discovery.projectRoot(of: "lib", workingDirectory: outside.path) == Paths.normalize(outside.path))
    }
}
