/// A problem a rule found, with positions already resolved (the file's bytes may be released).
public struct Finding: Sendable, Equatable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    /// Project-relative path with `/`.
    public var path: String
    public var start: Position
    /// Exclusive end.
    public var end: Position
    public var message: String
    /// One-line advice shown under the snippet in text output.
    public var hint: String?
    /// Other places that take part (the GET and the SET of a race).
    public var related: [RelatedLocation]
    public var fix: Fix?
    /// The source line the finding starts on (for text output and fingerprints).
    public var sourceLine: String
    /// The key expression involved, if any (part of the fingerprint).
    public var key: String?
    /// Stable identity across unrelated edits; set by the scan driver after sorting.
    public var fingerprint: String = ""
    /// Silenced by an inline suppression; only reported with `--include-suppressed`.
    public var suppressed = false

    public init(ruleID: String, ruleName: String, severity: Severity, path: String, start: Position, end: Position,
                message: String, hint: String? = nil, related: [RelatedLocation] = [], fix: Fix? = nil,
                sourceLine: String, key: String? = nil) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.path = path
        self.start = start
        self.end = end
        self.message = message
        self.hint = hint
        self.related = related
        self.fix = fix
        self.sourceLine = sourceLine
        self.key = key
    }

    /// Report order: path, line, column, rule.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.start != b.start { return a.start < b.start }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

public struct RelatedLocation: Sendable, Equatable {
    public var path: String
    public var start: Position
    public var end: Position
    public var message: String
    public init(path: String, start: Position, end: Position, message: String) {
        self.path = path
        self.start = start
        self.end = end
        self.message = message
    }
}

/// A mechanical rewrite that is safe to apply (SARIF `fixes`).
public struct Fix: Sendable, Equatable {
    public struct Replacement: Sendable, Equatable {
        public var start: Position
        public var end: Position
        public var text: String
        public init(start: Position, end: Position, text: String) {
            self.start = start
            self.end = end
            self.text = text
        }
    }
    public var description: String
    public var replacements: [Replacement]
    public init(description: String, replacements: [Replacement]) {
        self.description = description
        self.replacements = replacements
    }
}
