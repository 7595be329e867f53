import Dispatch

/// The scan driver. Phase 1 turns every file into a `FileModel` in parallel; phase 2 links the
/// models into a `ProjectModel` and runs the rules. Output is sorted, so it does not depend on
/// scheduling.
public struct Scanner: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        /// Files larger than this are skipped with a diagnostic.
        public var sizeLimit: Int
        public var settings: RuleSettings
        /// Per-file settings and client teaching from the configuration (by project-relative path);
        /// `settings` and no teaching when nil.
        public var fileSettings: (@Sendable (String) -> RuleSettings)?
        public var teaching: (@Sendable (String) -> ClientTeaching)?
        /// Skip the analysis of host files with no Redis evidence (`RedisEvidence`); off only to
        /// check that the prefilter loses nothing.
        public var prefilter = true
        /// Files at least this large have their rules shared out among the threads.
        var splitRulesSize = 1 << 20
        public init(jobs: Int = Scanner.defaultJobs, sizeLimit: Int = 10 * 1024 * 1024, settings: RuleSettings = RuleSettings()) {
            self.jobs = jobs
            self.sizeLimit = sizeLimit
            self.settings = settings
        }
    }

    public struct Result: Sendable {
        public var findings: [Finding]
        public var diagnostics: [FileDiagnostic]
        /// Files read and analysed.
        public var filesScanned: Int
        public var bytesScanned: Int
        /// Inline suppressions of the reported files, by path (read by the policy pass).
        public var directives: [String: [SuppressionDirective]] = [:]
    }

    public static var defaultJobs: Int { System.activeProcessorCount }

    /// Some of the rules of one reported file.
    private struct RuleWork: Sendable {
        var position: Int
        var rules: Range<Int>
        /// The file's first part: it reports the file's suppressions and problems.
        var first: Bool
    }

    public let rules: [any Rule]
    public let options: Options

    public init(rules: [any Rule], options: Options = Options()) {
        self.rules = rules
        self.options = options
    }

    /// Scans `files` (the analysis scope) and reports findings and diagnostics for the files whose
    /// paths are in `reporting` (all of them when nil).
    public func scan(_ files: [Discovery.File], reporting: Set<String>? = nil) -> Result {
        let sizeLimit = options.sizeLimit
        let teaching = options.teaching
        let prefilter = options.prefilter
        let sharedKeys = SharedKeyLists()
        let outcomes = parallelMap(count: files.count, jobs: options.jobs) { index -> FileOutcome in
            let outcome = Scanner.summarise(files[index], sizeLimit: sizeLimit, teaching: teaching?(files[index].path) ?? ClientTeaching(), prefilter: prefilter)
            // The contents are read again when this file's rules run: memory holds models, not the tree,
            // and the models are compacted as they are kept until then.
            guard case .model(let model) = outcome else { return outcome }
            return .model(model.releasingContents(absolutePath: files[index].absolutePath).compacted(sharing: sharedKeys))
        }
        var diagnostics: [FileDiagnostic] = []
        var models: [FileModel] = []
        models.reserveCapacity(outcomes.count)
        for outcome in consume outcomes {
            switch outcome {
            case .model(let model):
                if reporting?.contains(model.source.path) ?? true { diagnostics += model.notes }
                models.append(model)
            case .skipped(let diagnostic):
                if reporting?.contains(diagnostic.path) ?? true { diagnostics.append(diagnostic) }
            }
        }
        return link(consume models, diagnostics: diagnostics, reporting: reporting)
    }

    /// Phase 2: link the file models, run the rules per file, sort and fingerprint.
    private func link(_ models: consuming [FileModel], diagnostics: [FileDiagnostic], reporting: Set<String>? = nil) -> Result {
        var diagnostics = diagnostics
        let models = consume models  // a constant, for the workers; handed over to `RetiredModels` at the end
        let project = ProjectModel(files: models, jobs: options.jobs)
        let rules = self.rules
        let settings = options.settings
        let fileSettings = options.fileSettings
        let reported = reporting.map { scope in models.indices.filter { scope.contains(models[$0].source.path) } } ?? Array(models.indices)
        @Sendable func context(_ index: Int) -> RuleContext? {
            models[index].restoringContents().map { RuleContext(file: $0, project: project, settings: fileSettings?($0.source.path) ?? settings) }
        }
        // A large file's rules are shared out among the threads (alone, like a 5 MB module, or last, its rules
        // ran on one thread while the others waited); its parts share one context, read once.
        var items: [RuleWork] = []
        var shared: [Int: RuleContext?] = [:]
        for position in reported.indices {
            let model = models[reported[position]]
            let parts = options.jobs > 1 && !model.isUnrelated && model.byteCount >= options.splitRulesSize ? max(1, min(rules.count, 2 * options.jobs)) : 1
            if parts > 1 { shared[position] = context(reported[position]) }
            items += (0..<parts).map { RuleWork(position: position, rules: rules.count * $0 / parts..<rules.count * ($0 + 1) / parts, first: $0 == 0) }
        }
        let (work, sharedContexts, ruleCount) = (items, shared, rules.count)
        var results = parallelMap(count: work.count, jobs: options.jobs) { index -> ([Finding], [SuppressionDirective], FileDiagnostic?) in
            let item = work[index]
            if models[reported[item.position]].isUnrelated { return ([], [], nil) }  // most files: nothing to check
            guard let context = sharedContexts[item.position] ?? context(reported[item.position]) else {
                let path = models[reported[item.position]].source.path
                return ([], [], item.first ? FileDiagnostic(path: path, message: "cannot report: the file changed or vanished while it was being scanned") : nil)
            }
            var findings = rules[item.rules].flatMap { rule in
                rule.description.languages.contains(context.file.source.language) ? rule.check(context) : []
            }
            if item.rules.count == ruleCount { Scanner.order(&findings) }  // the whole file: on this thread
            return (findings, item.first ? SuppressionDirective.all(in: context.file) : [], nil)
        }
        var runs: [[Finding]] = []
        var split: [Finding] = []
        var directives: [String: [SuppressionDirective]] = [:]
        for (index, item) in items.enumerated() {
            var found = results[index].0
            results[index].0 = []  // `found` is then the findings' only owner: fingerprints are set in place
            if !results[index].1.isEmpty { directives[models[reported[item.position]].source.path] = results[index].1 }
            if let problem = results[index].2 { diagnostics.append(problem) }
            if item.rules.count < rules.count {
                split += found
                guard item.rules.upperBound == rules.count else { continue }  // more parts of this file to come
                found = split
                split = []
                Scanner.order(&found)
            }
            if !found.isEmpty { runs.append(found) }
        }
        // The files' sorted runs, put in path order, are the report order.
        let findings = runs.sorted { $0[0].path < $1[0].path }.flatMap { $0 }
        let bytesScanned = reported.reduce(0) { $0 + models[$1].byteCount }
        RetiredModels(models: consume models, project: consume project).releaseInBackground()
        return Result(findings: findings, diagnostics: diagnostics.sorted(), filesScanned: reported.count,
                      bytesScanned: bytesScanned, directives: directives)
    }

    /// One file's findings in report order, fingerprinted. An occurrence index counts findings with the same
    /// path (among other things), so it never crosses files.
    private static func order(_ findings: inout [Finding]) {
        findings.sort(by: Finding.reportOrder)
        Fingerprint.assign(&findings)
    }

    /// Scans sources that are already in memory (stdin, rule examples, tests).
    public func scan(sources: [SourceFile]) -> Result {
        let models = sources.map { FrontEnd.analyze($0, teaching: options.teaching?($0.path) ?? ClientTeaching(), prefilter: options.prefilter) }
        return link(models, diagnostics: models.flatMap(\.notes))
    }

    /// One file's model (for `dump-ir`), or nil when the file cannot be read.
    public static func model(of file: Discovery.File, sizeLimit: Int = 10 * 1024 * 1024) -> FileModel? {
        if case .model(let model) = summarise(file, sizeLimit: sizeLimit) { return model }
        return nil
    }

    enum FileOutcome: Sendable {
        case model(FileModel)
        case skipped(FileDiagnostic)
    }

    static func summarise(_ file: Discovery.File, sizeLimit: Int, teaching: ClientTeaching = ClientTeaching(), prefilter: Bool = true) -> FileOutcome {
        let bytes: [UInt8]
        switch FileSystem.read(file.absolutePath, limit: sizeLimit) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .skipped(FileDiagnostic(path: file.path, message: "cannot scan: \(error.message)"))
        }
        if bytes.contains(0) {
            return .skipped(FileDiagnostic(path: file.path, message: "binary file (contains NUL bytes); skipped"))
        }
        return .model(FrontEnd.analyze(path: file.path, language: file.language, bytes: bytes, teaching: teaching, prefilter: prefilter))
    }
}

/// The models of a finished scan, freed on another thread: tearing down every op of a large tree took
/// a tenth of the serial time after the rules ran, while the report is built on the calling thread. Their
/// memory then goes back to the system (`malloc_trim`): glibc returns only free memory at the top of a
/// heap by itself, and the models lie below what is still in use.
private final class RetiredModels: @unchecked Sendable {
    private var models: [FileModel]
    private var project: ProjectModel?

    init(models: consuming [FileModel], project: consuming ProjectModel) {
        self.models = models
        self.project = project
    }

    consuming func releaseInBackground() {
        DispatchQueue.global(qos: .utility).async { [self] in
            models = []
            project = nil
            System.returnFreedMemory()
        }
    }
}
