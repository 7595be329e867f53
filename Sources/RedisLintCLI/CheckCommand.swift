import Dispatch
import RedisLint
import Rules

/// `redislint check [options] [PATH ...]`: discover, load the configuration, scan, apply the policy
/// (selection, severities, suppressions, baseline, diff scope), report, and choose the exit status.
enum CheckCommand {
    static func run(_ options: CheckOptions, workingDirectory: String) -> ExitCode {
        let catalog = RuleRegistry.catalog
        for selector in (options.select ?? []) + options.ignore where catalog.ids(selector) == nil {
            Output.error("error: unknown rule '\(selector)' (valid: \(catalog.validChoicesText))\nRun 'redislint rules' for the list.")
            return .error
        }
        // The command table's index (its record names, the name tables, the command numbers: ~3.6M
        // instructions, ~1 ms) is built at its first use, the first file's, on the scan's critical path.
        // With a second core, it is built there while the tree is walked.
        if options.jobs > 1 && !options.showFiles {
            DispatchQueue.global().async { CommandTable.prepare() }
        }
        let root = Discovery.projectRoot(of: options.paths[0], workingDirectory: workingDirectory)
        var discoveryOptions = Discovery.Options()
        discoveryOptions.excludes = options.excludes
        discoveryOptions.forceExclude = options.forceExclude
        discoveryOptions.jobs = options.jobs
        let discovery = Discovery(root: root, workingDirectory: workingDirectory, options: discoveryOptions)

        // What to scan: one file from stdin, or the paths given (reported) within the project (analysed).
        var project: [Discovery.File] = []
        var discovered = Discovery.Result()
        var stdinSource: SourceFile?
        if let name = options.stdinFilename {
            guard let bytes = StandardInput.readAll(limit: options.sizeLimit) else {
                Output.error("error: cannot read stdin (or it is larger than --max-file-size)")
                return .error
            }
            let absolute = Paths.absolute(name, relativeTo: workingDirectory)
            let path = Paths.relative(absolute, to: root) ?? name
            stdinSource = SourceFile(path: path, language: Language.forFileName(Paths.lastComponent(name))!, bytes: bytes)
            project = [Discovery.File(absolutePath: absolute, path: path, language: stdinSource!.language, explicit: true)]
        } else {
            discovered = discovery.discover(options.paths)
            project = discovered.files
        }

        // Configuration: --config FILE, else every .redislint.toml from the files up to the root.
        var configurations: ConfigurationSet
        do throws(ConfigurationError) {
            if let path = options.configPath {
                configurations = try .explicit(Paths.absolute(path, relativeTo: workingDirectory), root: root, catalog: catalog)
            } else {
                configurations = try .discover(root: root, files: project.map(\.absolutePath), catalog: catalog,
                                               listedFolders: discovered.listedFolders)
            }
        } catch {
            Output.error("error: \(error.description)")
            return .error
        }
        configurations.overrides.select = options.select
        configurations.overrides.ignore = options.ignore
        configurations.overrides.cluster = options.cluster
        configurations.overrides.minimumRedisVersion = options.minimumRedisVersion

        // Configuration excludes drop files the walk found (named files only with --force-exclude). Each file's
        // policy is worked out once and kept beside it, in project order (a table by path hashed every path
        // four times, on the main thread, before any file was read).
        // With no configuration file, every file's policy is the command line's: worked out once.
        let commonPolicy = configurations.governsNoFile ? configurations.policy(forFile: root, catalog: catalog) : nil
        func filePolicy(_ absolutePath: String) -> FilePolicy {
            commonPolicy ?? configurations.policy(forFile: absolutePath, catalog: catalog)
        }
        func keeps(_ file: Discovery.File, _ policy: FilePolicy) -> Bool { !(policy.excluded && (!file.explicit || options.forceExclude)) }
        var policies: [FilePolicy] = []
        policies.reserveCapacity(project.count)
        project = project.filter { file in
            let policy = filePolicy(file.absolutePath)
            guard keeps(file, policy) else { return false }
            policies.append(policy)
            return true
        }
        let reportedFiles = project
        let reportedPolicies = policies

        if options.showFiles {
            // One write for the list (a write per path was 2,475 system calls for outline).
            Output.write(reportedFiles.sorted(by: { $0.path < $1.path }).map { $0.path + "\n" }.joined())
            return discovered.diagnostics.contains { $0.level == .error } ? .error : .clean
        }

        // The analysis scope is the whole project (facts cross files); the paths given only limit the report.
        if stdinSource == nil, !project.isEmpty, Discovery.isRepository(root),
           !options.paths.contains(where: { Paths.absolute($0, relativeTo: workingDirectory) == root }) {
            let known = Set(project.map(\.absolutePath))
            for file in discovery.discover([root]).files where !known.contains(file.absolutePath) {
                let policy = filePolicy(file.absolutePath)
                guard keeps(file, policy) else { continue }
                project.append(file)
                policies.append(policy)
            }
        }
        // The reported paths as a set, for the scan when it analyses more than it reports, and for the baseline's
        // count of stale entries (which leaves out files not reported); otherwise not built (6,577 paths hashed
        // on the main thread for 12 repositories).
        let everyFileReported = project.count == reportedFiles.count
        let reported: Set<String>? = everyFileReported && options.baseline == nil ? nil : Set(reportedFiles.map(\.path))

        // Run every rule some reported file enables; the policy pass keeps each file's own selection.
        // Most files share one selection (often the very same set): only a different one is merged.
        var enabledSomewhere = Set<String>()
        var lastMerged: Set<String>? = nil
        for policy in reportedPolicies {
            let enabled = policy.enabled
            if enabled == lastMerged { continue }
            enabledSomewhere.formUnion(enabled)
            lastMerged = enabled
        }
        let rules = RuleRegistry.all.filter { enabledSomewhere.contains($0.description.id) }
        var scannerOptions = Scanner.Options(jobs: options.jobs, sizeLimit: options.sizeLimit)
        scannerOptions.prefilter = options.prefilter
        // Text and annotations are small or written as they are built: the models' memory is not needed
        // again before the process ends. A JSON or SARIF report is built whole, so it gets that memory back.
        scannerOptions.keepsModelsUntilExit = options.format == .text || options.format == .github
        // Settings and client teaching by path, asked per file by the scan; when every file has the same
        // settings and no teaching (one configuration, or none: the usual case), no table is needed.
        if let first = policies.first, policies.allSatisfy({ $0.settings == first.settings && $0.teaching.isEmpty }) {
            scannerOptions.settings = first.settings
        } else {
            var settingsByPath: [String: RuleSettings] = [:]
            settingsByPath.reserveCapacity(project.count)
            var teachingByPath: [String: ClientTeaching] = [:]
            for (file, filePolicy) in zip(project, policies) {
                settingsByPath[file.path] = filePolicy.settings
                if !filePolicy.teaching.isEmpty { teachingByPath[file.path] = filePolicy.teaching }
            }
            let settingsTable = settingsByPath
            let teachingTable = teachingByPath
            scannerOptions.fileSettings = { settingsTable[$0] ?? RuleSettings() }
            scannerOptions.teaching = { teachingTable[$0] ?? ClientTeaching() }
        }
        let scanner = Scanner(rules: rules, options: scannerOptions)
        // Every file of the scope reported (the usual case): no set to ask per file.
        let result = stdinSource.map { scanner.scan(sources: [$0]) }
            ?? scanner.scan(project, reporting: everyFileReported ? nil : reported)

        // Policy.
        var policyOptions = PolicyPass.Options()
        policyOptions.includeSuppressed = options.includeSuppressed
        policyOptions.unusedSuppressionRule = UnusedSuppression().description
        if let path = options.writeBaseline {
            let outcome = PolicyPass(options: policyOptions, catalog: catalog).apply(result.findings, directives: result.directives, reportedPaths: reported) {
                filePolicy(Paths.absolute($0, relativeTo: root))
            }
            let accepted = outcome.findings.filter { !$0.suppressed }
            if let problem = Output.writeFile(Baseline(findings: accepted).rendered(), to: Paths.absolute(path, relativeTo: workingDirectory)) {
                Output.error("error: \(problem)")
                return .error
            }
            Output.error("wrote \(accepted.count) \(accepted.count == 1 ? "finding" : "findings") to the baseline \(path)")
            return .clean
        }
        if let path = options.baseline {
            do throws(Baseline.FormatError) {
                policyOptions.baseline = try Baseline.load(path: Paths.absolute(path, relativeTo: workingDirectory))
            } catch {
                Output.error("error: \(path)\(error.line > 0 ? ":\(error.line)" : ""): \(error.message)")
                return .error
            }
        }
        do throws(ChangedLines.GitError) {
            if let revision = options.diff {
                guard Discovery.isRepository(root) else {
                    Output.error("error: --diff needs a git repository (none found at or above \(options.paths[0]))")
                    return .error
                }
                policyOptions.changedLines = try ChangedLines.against(revision, root: root)
            } else if options.staged {
                guard Discovery.isRepository(root) else {
                    Output.error("error: --staged needs a git repository (none found at or above \(options.paths[0]))")
                    return .error
                }
                policyOptions.changedLines = try ChangedLines.staged(root: root)
            }
        } catch {
            Output.error("error: \(error.message)")
            return .error
        }
        let outcome = PolicyPass(options: policyOptions, catalog: catalog).apply(result.findings, directives: result.directives, reportedPaths: reported) {
            filePolicy(Paths.absolute($0, relativeTo: root))
        }

        var diagnostics = discovered.diagnostics + result.diagnostics
        diagnostics.sort()
        if stdinSource == nil && discovered.files.isEmpty && !diagnostics.contains(where: { $0.level == .error }) {
            // The paths joined by hand: `joined(separator:)` is an unspecialised library call whose first use
            // looks the array's conformances up in the runtime (~100K instructions).
            var listed = ""
            for (index, path) in options.paths.enumerated() { listed += index == 0 ? path : " " + path }
            Output.error("warning: no Ruby, Python, TypeScript/JavaScript, Swift or Lua files found in \(listed)")
        }
        var report = Report(findings: outcome.findings, diagnostics: diagnostics, rules: rules.map(\.description),
                            filesScanned: result.filesScanned, toolVersion: Tool.version)
        report.suppressed = outcome.suppressed
        report.baselineMatched = outcome.baselineMatched
        report.staleBaselineEntries = outcome.staleBaselineEntries
        report.usesBaseline = policyOptions.baseline != nil

        let textReporter = TextReporter(color: options.format == .text && useColor(options), quiet: options.quiet, jobs: options.jobs)
        if options.format == .text || options.format == .github {
            for diagnostic in diagnostics { Output.error(textReporter.diagnosticLine(diagnostic)) }
        }
        var destination: Output.Destination
        switch Output.Destination.open(options.output) {
        case .success(let opened): destination = opened
        case .failure(let problem):
            Output.error("error: \(problem.message)")
            return .error
        }
        switch options.format {
        case .text where options.statistics: destination.write(Statistics.render(report, quiet: options.quiet))
        case .text: textReporter.write(report) { destination.write($0) }
        case .github: destination.write(GitHubReporter().render(report))
        case .sarif: destination.write(SARIFReporter().render(report))
        case .json: destination.write(JSONReporter().render(report))
        }
        if let problem = destination.finish() {
            Output.error("error: \(problem)")
            return .error
        }
        if options.statistics && options.format != .text { Output.error(Statistics.render(report, quiet: true)) }
        KeptUntilExit.keep(report, result, outcome, project, discovered, policies)

        if diagnostics.contains(where: { $0.level == .error }) { return .error }
        let failing = outcome.findings.contains { !$0.suppressed && $0.severity >= options.failOn }
        return failing && !options.exitZero ? .findings : .clean
    }

    /// Colour only on a terminal, never with `NO_COLOR`, and never into a file.
    static func useColor(_ options: CheckOptions) -> Bool {
        switch options.color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = Output.environment("NO_COLOR"), !noColor.isEmpty { return false }
            return options.output == nil && Output.isTerminal(Output.standardOutput)
        }
    }
}

/// `--statistics`: findings per rule, most frequent first, instead of each finding.
enum Statistics {
    static func render(_ report: Report, quiet: Bool) -> String {
        var counts: [String: (name: String, count: Int)] = [:]
        for finding in report.findings where !finding.suppressed {
            counts[finding.ruleID, default: (finding.ruleName, 0)].count += 1
        }
        let rows = counts.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        let width = String(rows.first?.value.count ?? 0).count
        var out = ""
        for (id, entry) in rows {
            let number = String(entry.count)
            out += String(repeating: " ", count: width - number.count) + number + "  \(id)  \(entry.name)\n"
        }
        if !quiet { out += (rows.isEmpty ? "" : "\n") + report.summary + "\n" }
        return out
    }
}
