
/// The lines changed in a git repository, for `--diff REV` (against `git merge-base REV HEAD`,
/// working tree and index included, untracked files whole) and `--staged` (the index against HEAD).
/// git runs as a child process with `-C root`; the process's own directory never changes.
public struct ChangedLines: Sendable, Equatable {
    /// Added or modified lines per repository-relative path.
    public var lines: [String: Set<Int>]
    /// Files that are new as a whole (untracked).
    public var wholeFiles: Set<String>

    public init(lines: [String: Set<Int>] = [:], wholeFiles: Set<String> = []) {
        self.lines = lines
        self.wholeFiles = wholeFiles
    }

    public func touches(_ finding: Finding) -> Bool {
        if wholeFiles.contains(finding.path) { return true }
        guard let changed = lines[finding.path] else { return false }
        let last = finding.end.line > finding.start.line && finding.end.column == 1 ? finding.end.line - 1 : finding.end.line
        return (finding.start.line...max(finding.start.line, last)).contains { changed.contains($0) }
    }

    public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func against(_ revision: String, root: String) throws(GitError) -> ChangedLines {
        let base = try git(["merge-base", revision, "HEAD"], root: root).trimmingWhiteSpace
        guard !base.isEmpty else { throw GitError(message: "git merge-base \(revision) HEAD found no common ancestor") }
        var changed = parse(try git(["diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", base, "--"], root: root))
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "-z"], root: root)
        changed.wholeFiles = Set(untracked.split(separator: "\0").map(String.init))
        return changed
    }

    public static func staged(root: String) throws(GitError) -> ChangedLines {
        parse(try git(["diff", "--cached", "--no-color", "--no-ext-diff", "--no-renames", "-U0", "--"], root: root))
    }

    /// Added lines of each file in a `-U0` unified diff.
    public static func parse(_ diff: String) -> ChangedLines {
        var result = ChangedLines()
        var current: String? = nil
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let target = line.dropFirst(4)
                current = target == "/dev/null" ? nil : String(target.hasPrefix("b/") ? target.dropFirst(2) : target)
                continue
            }
            guard line.hasPrefix("@@ "), let path = current else { continue }
            // `@@ -a,b +c,d @@`: lines c ..< c + d of the new file (d defaults to 1).
            guard let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { continue }
            let numbers = plus.dropFirst().split(separator: ",")
            guard let start = numbers.first.flatMap({ Int($0) }) else { continue }
            let count = numbers.count > 1 ? Int(numbers[1]) ?? 0 : 1
            guard count > 0 else { continue }
            result.lines[path, default: []].formUnion(start..<start + count)
        }
        return result
    }

    static func git(_ arguments: [String], root: String) throws(GitError) -> String {
        // Paths unquoted (UTF-8 names as they are); no pager, no colour, no user diff drivers.
        let command = ["git", "-C", root, "-c", "core.quotePath=false", "--no-pager"] + arguments
        guard let result = ChildProcess.run(command) else { throw GitError(message: "cannot run git (is it installed and on PATH?)") }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self).trimmingWhiteSpace
            throw GitError(message: "git \(arguments.prefix(2).joined(separator: " ")) failed: \(message.isEmpty ? "exit status \(result.status)" : message)")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing white space and line ends (git's output and messages).
    var trimmingWhiteSpace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
