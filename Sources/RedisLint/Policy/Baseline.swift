/// A baseline: the findings a team accepted when adopting redislint, by fingerprint (rule, path, key
/// and white-space-free source line, plus an occurrence index), so matching survives unrelated edits
/// and lines moving. A plain text file, one finding per line, so reviews show what was accepted:
///
///     # redislint baseline v1
///     <fingerprint>\t<rule>\t<path>\t<message>
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var fingerprint: String
        public var ruleID: String
        public var path: String
        public var message: String
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(findings: [Finding]) {
        entries = findings.map { Entry(fingerprint: $0.fingerprint, ruleID: $0.ruleID, path: $0.path, message: $0.message) }
    }

    static let header = "# redislint baseline v1"

    public func rendered() -> String {
        var out = Baseline.header + ": findings accepted when the baseline was written; one per line:"
            + " fingerprint, rule, path, message (tab-separated). Regenerate with --write-baseline.\n"
        for entry in entries {
            out += [entry.fingerprint, entry.ruleID, entry.path, Baseline.oneLine(entry.message)].joined(separator: "\t") + "\n"
        }
        return out
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    public struct FormatError: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Reads and parses a baseline file; a read error has line 0.
    public static func load(path: String) throws(FormatError) -> Baseline {
        switch FileSystem.read(path, limit: 1 << 30) {
        case .success(let bytes): return try parse(bytes)
        case .failure(let error): throw FormatError(line: 0, message: "cannot read the baseline: \(error.message)")
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> Baseline {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FormatError(line: 0, message: "not UTF-8 text") }
        var entries: [Entry] = []
        var sawHeader = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix(header) { sawHeader = true; continue }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, !fields[0].isEmpty else {
                throw FormatError(line: index + 1, message: "expected fingerprint, rule, path and message separated by tabs")
            }
            entries.append(Entry(fingerprint: String(fields[0]), ruleID: String(fields[1]), path: String(fields[2]), message: String(fields[3])))
        }
        guard sawHeader || entries.isEmpty else { throw FormatError(line: 1, message: "not a redislint baseline (the first line should be '\(header)…')") }
        return Baseline(entries: entries)
    }

    /// Splits findings into new ones and those the baseline accepts; counts stale entries (in the
    /// files of `reportedPaths`) that no finding matches any more.
    public func apply(to findings: [Finding], reportedPaths: Set<String>?) -> (new: [Finding], matched: Int, stale: Int) {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining[entry.fingerprint, default: 0] += 1 }
        var new: [Finding] = []
        var matched = 0
        for finding in findings {
            if let count = remaining[finding.fingerprint], count > 0 {
                remaining[finding.fingerprint] = count - 1
                matched += 1
            } else {
                new.append(finding)
            }
        }
        var stale = 0
        for entry in entries where reportedPaths?.contains(entry.path) ?? true {
            if let count = remaining[entry.fingerprint], count > 0 {
                remaining[entry.fingerprint] = count - 1
                stale += 1
            }
        }
        return (new, matched, stale)
    }
}
