/// Paths of test, benchmark, example and tool-script code. Rules II skip them: tests flush private databases, poll in
/// loops and use deprecated commands on purpose, and findings there are not what users run the linter for.
enum TestPaths {
    static let folders: Set<String> = ["test", "tests", "spec", "specs", "__tests__", "testing", "e2e", "benchmark", "benchmarks",
                                       "bench", "fixtures", "testutils", "test_utils", "testsupport", "examples", "example", "bin", "t"]

    private static let memo = PathMemo()

    static func contains(_ path: String) -> Bool { memo.answer(for: path, computeContains) }

    private static func computeContains(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map { $0.lowercased() }
        for folder in parts.dropLast() {
            if folders.contains(folder) || folder.hasSuffix("tests") || folder.hasSuffix("testutils") || folder.hasSuffix("testsupport") { return true }
        }
        guard let file = parts.last else { return false }
        return file.hasPrefix("test_") || file.hasPrefix("benchmark") || file.hasSuffix("_test.py") || file.hasSuffix("_spec.rb")
            || file.hasSuffix("_test.rb") || file.contains(".test.") || file.contains(".spec.") || file.hasSuffix("tests.swift")
            || file.hasSuffix("test.swift") || file.hasSuffix("testcase.swift") || file == "conftest.py"
    }
}
