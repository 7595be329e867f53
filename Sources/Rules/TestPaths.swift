/// Paths of test, benchmark, example and tool-script code. Rules II skip them: tests flush private databases, poll in
/// loops and use deprecated commands on purpose, and findings there are not what users run the linter for.
enum TestPaths {
    static let folders: Set<String> = ["test", "tests", "spec", "specs", "__tests__", "testing", "e2e", "benchmark", "benchmarks",
                                       "bench", "fixtures", "testutils", "test_utils", "testsupport", "examples", "example", "bin", "t"]

    private static let memo = PathMemo()

    static func contains(_ path: String) -> Bool { memo.answer(for: path, computeContains) }

    static func computeContains(_ path: String) -> Bool {
        guard let path = ASCIIPath(path) else { return computeContainsByString(path) }
        let parts = path.components
        for folder in parts.dropLast() {
            if asciiFolders.contains(Array(folder)) || ASCIIPath.hasSuffix(folder, "tests") || ASCIIPath.hasSuffix(folder, "testutils")
                || ASCIIPath.hasSuffix(folder, "testsupport") { return true }
        }
        guard let file = parts.last else { return false }
        return ASCIIPath.hasPrefix(file, "test_") || ASCIIPath.hasPrefix(file, "benchmark") || ASCIIPath.hasSuffix(file, "_test.py")
            || ASCIIPath.hasSuffix(file, "_spec.rb") || ASCIIPath.hasSuffix(file, "_test.rb") || ASCIIPath.contains(file, ".test.")
            || ASCIIPath.contains(file, ".spec.") || ASCIIPath.hasSuffix(file, "tests.swift") || ASCIIPath.hasSuffix(file, "test.swift")
            || ASCIIPath.hasSuffix(file, "testcase.swift") || ASCIIPath.equals(file, "conftest.py")
    }

    private static let asciiFolders = Set(folders.map { Array($0.utf8) })

    /// `computeContains` for any path (the ASCII form above answers the same for ASCII paths).
    static func computeContainsByString(_ path: String) -> Bool {
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
