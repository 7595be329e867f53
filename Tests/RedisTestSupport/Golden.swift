import Foundation

/// Golden files: compare output with a committed file; with `REDISLINT_UPDATE_GOLDENS=1` in the
/// environment the file is rewritten instead (locally only: CI compares).
public enum Golden {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    public static var updating: Bool { ProcessInfo.processInfo.environment["REDISLINT_UPDATE_GOLDENS"] == "1" }

    /// Nil when `actual` matches (or the golden was rewritten), else where it first differs.
    public static func check(_ actual: String, against file: URL) -> String? {
        if updating {
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "missing golden file \(file.path); run the tests with REDISLINT_UPDATE_GOLDENS=1 to create it"
        }
        if expected == actual { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right {
                return "\(file.lastPathComponent) differs at line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
            }
        }
        return "\(file.lastPathComponent) differs"
    }
}
