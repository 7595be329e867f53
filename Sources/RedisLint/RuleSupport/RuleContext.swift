/// What a rule sees for one file: the file's model, project-wide facts and settings, and a helper
/// to build findings with resolved positions.
public struct RuleContext: Sendable {
    public let file: FileModel
    /// The project's model, read in place in the box the scan's contexts share: a copy per context retained
    /// and released each of its fields (~650 instructions a file). (The file's model stays a field: read in
    /// place in the scan's list of models, its reads, many in the rules' loops, cost more than its copy.)
    public var project: ProjectModel {
        @inlinable _read { yield projectBox.model }
    }
    public let settings: RuleSettings
    @usableFromInline let projectBox: ProjectBox
    /// Facts of this file that several rules derive, kept while the file's rules run (`fileFact`).
    @usableFromInline let fileFacts: FileFacts

    /// `sharedByThreads`: whether rules may ask for the file's facts on several threads at once (false only
    /// when the caller runs all the file's rules on one thread: then asking takes no lock).
    public init(file: FileModel, project: ProjectModel, settings: RuleSettings, sharedByThreads: Bool = true) {
        self.init(file: file, project: ProjectBox(project), settings: settings, sharedByThreads: sharedByThreads)
    }

    /// The context of `file` in the project in `project`, the box the scan's contexts share.
    init(file: FileModel, project: ProjectBox, settings: RuleSettings, sharedByThreads: Bool) {
        self.file = file
        projectBox = project
        self.settings = settings
        fileFacts = FileFacts(sharedByThreads: sharedByThreads)
    }

    /// The fact of this file named `key`, computed by the first rule that asks and shared with the
    /// others (several lock rules want the same lock keys, two pair rules the same key index). `key`
    /// must name one computation (`"RaceFacts.lockPairs"`), and is a literal (told apart from the others by
    /// its address).
    @inlinable public func fileFact<T: Sendable>(_ key: StaticString, _ compute: () -> T) -> T {
        fileFacts.value(key, compute)
    }

    /// The file's line map (kept with the file's facts: asking the source for it takes its lock).
    private var lines: LineMap { fileFacts.lines(of: file.source) }

    /// Resolves a byte range of this file to positions.
    public func positions(_ span: Range<Int>) -> (start: Position, end: Position) {
        RuleContext.positions(span, lines: lines, bytes: file.source.bytes)
    }

    /// `positions(span)` with the file's line map in hand.
    private static func positions(_ span: Range<Int>, lines: LineMap, bytes: [UInt8]) -> (start: Position, end: Position) {
        var (start, end) = lines.positions(of: span, in: bytes)
        if end < start { end = start }
        return (start, end)
    }

    /// The 1-based line of a byte offset of this file: `positions(offset..<offset).start.line` without working
    /// out columns or the end (messages name the lines of other ops).
    public func line(of offset: Int) -> Int {
        // Read through the file in place: a copy of its source retained and released each of its fields.
        lines.lineIndex(of: max(0, min(offset, file.source.bytes.count))) + 1
    }

    public func related(_ span: Range<Int>, _ message: String) -> RelatedLocation {
        related(at: positions(span), message)
    }

    /// `related(span, message)` for a span whose positions the caller has (`positions(span)`).
    public func related(at positions: (start: Position, end: Position), _ message: String) -> RelatedLocation {
        RelatedLocation(path: file.source.path, start: positions.start, end: positions.end, message: message)
    }

    public func finding(_ rule: RuleDescription, span: Range<Int>, message: String, severity: Severity? = nil,
                        hint: String? = nil, related: [RelatedLocation] = [], fix: Fix? = nil, key: KeyExpr? = nil) -> Finding {
        let lines = self.lines  // one ask for the span and the source line
        let positions = RuleContext.positions(span, lines: lines, bytes: file.source.bytes)
        return finding(rule, at: positions, lines: lines, message: message, severity: severity, hint: hint, related: related,
                       fix: fix, key: key)
    }

    /// `finding(rule, span: span, …)` for a span whose positions the caller has (`positions(span)`): a rule
    /// that names the span's line in its message works them out once (the race rules looked each line up
    /// twice, for the message and for the finding: ~500 instructions a look-up).
    public func finding(_ rule: RuleDescription, at positions: (start: Position, end: Position), message: String,
                        severity: Severity? = nil, hint: String? = nil, related: [RelatedLocation] = [], fix: Fix? = nil,
                        key: KeyExpr? = nil) -> Finding {
        finding(rule, at: positions, lines: lines, message: message, severity: severity, hint: hint, related: related,
                fix: fix, key: key)
    }

    /// The finding at `positions`, with the source line read from `lines` (the file's line map, in hand).
    private func finding(_ rule: RuleDescription, at positions: (start: Position, end: Position), lines: LineMap, message: String,
                         severity: Severity?, hint: String?, related: [RelatedLocation], fix: Fix?, key: KeyExpr?) -> Finding {
        let source = file.source
        let line = lines.lineRange(positions.start.line - 1, in: source.bytes)
        return Finding(ruleID: rule.id, ruleName: rule.name, severity: severity ?? rule.severity, path: source.path,
                       start: positions.start, end: positions.end, message: message, hint: hint, related: related, fix: fix,
                       sourceLine: source.text(line), key: key?.display)
    }
}

/// A project model that the rule contexts of a scan share: a context holds one reference to count, not the
/// model's fields.
@usableFromInline final class ProjectBox: Sendable {
    @usableFromInline let model: ProjectModel

    init(_ model: ProjectModel) { self.model = model }
}
