import RedisLint

/// Paths of test, benchmark, example and tool-script code. Rules II skip them: tests flush private databases, poll in
/// loops and use deprecated commands on purpose, and findings there are not what users run the linter for.
enum TestPaths {
    static let folders: Set<String> = ["test", "tests", "spec", "specs", "__tests__", "testing", "e2e", "benchmark", "benchmarks",
                                       "bench", "fixtures", "testutils", "test_utils", "test-utils", "testsupport", "test_support",
                                       "test-support", "examples", "example", "bin", "t"]

    /// (Worked out at each ask: a few hundred instructions, less than a memo's hashing of the path and lock.)
    static func contains(_ path: String) -> Bool { computeContains(path) }

    /// `contains` for the file of `context`, asked of the memo once per file: a dozen rules ask, and the memo
    /// hashed the whole path each time.
    static func contains(_ context: RuleContext) -> Bool {
        context.fileFact("TestPaths.contains") { contains(context.file.source.path) }
    }

    static func computeContains(_ path: String) -> Bool {
        ASCIIPath.with(path) { path in
            if path.containsFolder(where: folderNames.matches) { return true }
            return !path.last.isEmpty && fileNames.matches(path.lastComponent)
        } ?? computeContainsByString(path)
    }

    /// `computeContains` for any path (the ASCII form above answers the same for ASCII paths).
    static func computeContainsByString(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map { $0.lowercased() }
        if parts.dropLast().contains(where: folderNames.matches) { return true }
        return parts.last.map(fileNames.matches) ?? false
    }

    private static let folderNames = NamePatterns(suffixes: ["tests", "testutils", "testsupport"], names: folders)
    private static let fileNames = NamePatterns(
        prefixes: ["test_", "benchmark"],
        suffixes: ["_test.py", "_spec.rb", "_test.rb", "tests.swift", "test.swift", "testcase.swift"],
        infixes: [".test.", ".spec."], names: ["conftest.py"])
}
