/// Phase 2 of the scan: the rules, shared out among the threads by file (and a large file by rule).
extension Scanner {
    /// Phase 2: link the file models, run the rules per file, sort and fingerprint. `index`: the models'
    /// command index when phase 1 gathered it (built here otherwise).
    func link(_ models: consuming [FileModel], diagnostics: [FileDiagnostic], reporting: Set<String>? = nil,
              index: ProjectCommandIndex? = nil) -> Result {
        var diagnostics = diagnostics
        let models = consume models  // a constant, for the workers; handed over to `RetiredModels` at the end
        let project = index.map { ProjectModel(files: models, index: $0) } ?? ProjectModel(files: models, jobs: options.jobs)
        let projectBox = ProjectBox(project)  // one for every context
        let rules = self.rules
        // Asked for every rule of every file: `description` hands out a copy of a large value each time.
        let gates = rules.map { RuleGate($0.description) }
        let settings = options.settings
        let fileSettings = options.fileSettings
        let reported = reporting.map { scope in models.indices.filter { scope.contains(models[$0].source.path) } } ?? Array(models.indices)
        /// `shared`: the context of a file whose rules are shared out among the threads.
        @Sendable func context(_ index: Int, shared: Bool) -> RuleContext? {
            let fileSettings = fileSettings?(models[index].source.path) ?? settings
            // A model that kept its bytes is copied once, into the context: taken from `restoringContents()`,
            // it was copied there and again out of the optional (each of its fields retained and released
            // twice, ~1,000 instructions a file: 1.9M on the 12 repositories).
            if models[index].released == nil {
                return RuleContext(file: models[index], project: projectBox, settings: fileSettings, sharedByThreads: shared)
            }
            guard let file = models[index].restoringContents() else { return nil }
            return RuleContext(file: consume file, project: projectBox, settings: fileSettings, sharedByThreads: shared)
        }
        // A large file's rules are shared out among the threads (alone, like a 5 MB module, or last, its rules
        // ran on one thread while the others waited); its parts share one context, read once. A part per rule,
        // handed out one at a time: on the 5 MB benchmark file the rules cost from under 1M instructions to 29M
        // each, and four fixed runs of rules could leave one thread most of the work.
        var items: [RuleWork] = []
        // Room for a part per file (most files' only one): the parts are appended one by one (a list of each
        // file's parts, made and appended, was an allocation per file).
        items.reserveCapacity(reported.count)
        var shared: [Int: RuleContext?] = [:]
        for position in reported.indices {
            let index = reported[position]  // (the model is asked in place: a copy of it retained every field)
            let splits = options.jobs > 1 && !models[index].isUnrelated && models[index].byteCount >= options.splitRulesSize
            let parts = splits ? max(1, rules.count) : 1
            if parts > 1 { shared[position] = context(index, shared: true) }
            for part in 0..<parts {
                items.append(RuleWork(position: position, rules: rules.count * part / parts..<rules.count * (part + 1) / parts, first: part == 0))
            }
        }
        let (work, sharedContexts) = (items, shared)
        // The largest files' rules first, as in phase 1 (by the models' sizes: no `stat`); a file with nothing
        // to check costs nothing.
        let order = options.jobs > 1 && work.count > options.jobs ? Scanner.descending(work.map { item in
            models[reported[item.position]].isUnrelated ? 0 : models[reported[item.position]].byteCount * item.rules.count
        }) : nil
        var results = parallelMap(count: work.count, jobs: options.jobs, order: order) { index -> ([Finding], [SuppressionDirective], FileDiagnostic?) in
            let item = work[index]
            if models[reported[item.position]].isUnrelated { return ([], [], nil) }  // most files: nothing to check
            guard let context = sharedContexts[item.position] ?? context(reported[item.position], shared: false) else {
                let path = models[reported[item.position]].source.path
                return ([], [], item.first ? FileDiagnostic(path: path, message: "cannot report: the file changed or vanished while it was being scanned") : nil)
            }
            let language = RuleGate.bit(context.file.source.language), parts = FileParts(of: context.file)
            // Most rules find nothing in most files: only what they find is appended (appending each rule's
            // empty list cost ~175 instructions).
            var findings: [Finding] = []
            for rule in item.rules where gates[rule].admits(language: language, parts: parts) {
                let found = rules[rule].check(context)
                if findings.isEmpty { findings = found } else if !found.isEmpty { findings += found }
            }
            if item.rules.count == rules.count { Scanner.order(&findings) }  // the whole file: on this thread
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
        RetiredModels(models: consume models, project: consume project).retire(keepingUntilExit: options.keepsModelsUntilExit)
        return Result(findings: findings, diagnostics: diagnostics.sorted(), filesScanned: reported.count,
                      bytesScanned: bytesScanned, directives: directives)
    }

    /// One file's findings in report order, fingerprinted. An occurrence index counts findings with the same
    /// path (among other things), so it never crosses files.
    private static func order(_ findings: inout [Finding]) {
        findings.sort(by: Finding.reportOrder)
        Fingerprint.assign(&findings)
    }

    /// Some of the rules of one reported file.
    private struct RuleWork: Sendable {
        var position: Int
        var rules: Range<Int>
        /// The file's first part: it reports the file's suppressions and problems.
        var first: Bool
    }
}
