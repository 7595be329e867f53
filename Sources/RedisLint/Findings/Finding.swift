/// A problem a rule found, with positions already resolved (the file's bytes may be released).
public struct Finding: Sendable, Equatable {
    // The fields live in one shared box, copied only when a copy is changed: the scan, the policy pass and the
    // reporters sort, filter and concatenate tens of thousands of findings, and a copy of the plain struct
    // retained and released a dozen strings and arrays (most of the serial time after the rules ran).
    private var storage: Storage

    public var ruleID: String {
        get { storage.fields.ruleID }
        _modify { makeUnique(); yield &storage.fields.ruleID }
    }
    public var ruleName: String {
        get { storage.fields.ruleName }
        _modify { makeUnique(); yield &storage.fields.ruleName }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        _modify { makeUnique(); yield &storage.fields.severity }
    }
    /// Project-relative path with `/`.
    public var path: String {
        get { storage.fields.path }
        _modify { makeUnique(); yield &storage.fields.path }
    }
    public var start: Position {
        get { storage.fields.start }
        _modify { makeUnique(); yield &storage.fields.start }
    }
    /// Exclusive end.
    public var end: Position {
        get { storage.fields.end }
        _modify { makeUnique(); yield &storage.fields.end }
    }
    public var message: String {
        get { storage.fields.message }
        _modify { makeUnique(); yield &storage.fields.message }
    }
    /// One-line advice shown under the snippet in text output.
    public var hint: String? {
        get { storage.fields.hint }
        _modify { makeUnique(); yield &storage.fields.hint }
    }
    /// Other places that take part (the GET and the SET of a race).
    public var related: [RelatedLocation] {
        get { storage.fields.related }
        _modify { makeUnique(); yield &storage.fields.related }
    }
    public var fix: Fix? {
        get { storage.fields.fix }
        _modify { makeUnique(); yield &storage.fields.fix }
    }
    /// The source line the finding starts on (for text output and fingerprints).
    public var sourceLine: String {
        get { storage.fields.sourceLine }
        _modify { makeUnique(); yield &storage.fields.sourceLine }
    }
    /// The key expression involved, if any (part of the fingerprint).
    public var key: String? {
        get { storage.fields.key }
        _modify { makeUnique(); yield &storage.fields.key }
    }
    /// Stable identity across unrelated edits; set by the scan driver after sorting.
    public var fingerprint: String {
        get { storage.fields.fingerprint.text }
        set { makeUnique(); storage.fields.fingerprint = .text(newValue) }
    }

    /// Sets the fingerprint from what it is written from (`Fingerprint.assign`): its text is written when it is
    /// read. The text report never reads it, and writing it was a string's allocation per finding (~600
    /// instructions; 2.2M on nb10's 3,552 findings).
    mutating func setFingerprint(first: UInt64, second: UInt64, occurrence: Int) {
        makeUnique()
        storage.fields.fingerprint = .hashes(first: first, second: second, occurrence: occurrence)
    }
    /// Silenced by an inline suppression; only reported with `--include-suppressed`.
    public var suppressed: Bool {
        get { storage.fields.suppressed }
        _modify { makeUnique(); yield &storage.fields.suppressed }
    }

    public init(ruleID: String, ruleName: String, severity: Severity, path: String, start: Position, end: Position,
                message: String, hint: String? = nil, related: [RelatedLocation] = [], fix: Fix? = nil,
                sourceLine: String, key: String? = nil) {
        storage = Storage(Fields(ruleID: ruleID, ruleName: ruleName, severity: severity, path: path, start: start, end: end,
                                 message: message, hint: hint, related: related, fix: fix, sourceLine: sourceLine, key: key,
                                 fingerprint: .text(""), suppressed: false))
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    /// Report order: path, line, column, rule.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.start != b.start { return a.start < b.start }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// Changed only through `makeUnique()`, so a shared box is never written: value semantics. The fields are
    /// reached only through the accessors above, one access at a time, so the run-time exclusivity check is left out.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Equatable {
        var ruleID: String
        var ruleName: String
        var severity: Severity
        var path: String
        var start: Position
        var end: Position
        var message: String
        var hint: String?
        var related: [RelatedLocation]
        var fix: Fix?
        var sourceLine: String
        var key: String?
        var fingerprint: StoredFingerprint
        var suppressed: Bool
    }

    /// A fingerprint as set (`fingerprint`), or as assigned, by its hashes and occurrence (`setFingerprint`).
    private enum StoredFingerprint: Equatable {
        case text(String)
        case hashes(first: UInt64, second: UInt64, occurrence: Int)

        var text: String {
            switch self {
            case .text(let text): return text
            case .hashes(let first, let second, let occurrence): return Fingerprint.text(first, second, occurrence)
            }
        }

        /// Equal when the texts are.
        static func == (a: StoredFingerprint, b: StoredFingerprint) -> Bool {
            if case .hashes(let first, let second, let occurrence) = a, case .hashes(first, second, occurrence) = b { return true }
            if case .hashes = a, case .hashes = b { return false }
            return a.text == b.text
        }
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
