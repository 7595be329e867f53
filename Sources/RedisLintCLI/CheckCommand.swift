import RedisLint
import Rules

/// `redislint check [options] [PATH ...]`: discover, scan, report, and choose the exit status.
enum CheckCommand {
    static func run(_ options: CheckOptions, workingDirectory: String) -> ExitCode {
        let root = Discovery.projectRoot(of: options.paths[0], workingDirectory: workingDirectory)
        var discoveryOptions = Discovery.Options()
        discoveryOptions.excludes = options.excludes
        discoveryOptions.forceExclude = options.forceExclude
        let discovery = Discovery(root: root, workingDirectory: workingDirectory, options: discoveryOptions)
        let discovered = discovery.discover(options.paths)
        // The analysis scope is the whole project (facts cross files); the paths given only limit the report.
        var project = discovered.files
        let reported = Set(discovered.files.map(\.path))
        // Only inside a repository: outside one there is no project boundary to walk up to.
        if !discovered.files.isEmpty, Discovery.isRepository(root),
           !options.paths.contains(where: { Paths.absolute($0, relativeTo: workingDirectory) == root }) {
            let known = Set(project.map(\.absolutePath))
            project += discovery.discover([root]).files.filter { !known.contains($0.absolutePath) }
        }

        let rules = RuleRegistry.enabledByDefault
        let scanner = Scanner(rules: rules, options: Scanner.Options(jobs: options.jobs, sizeLimit: options.sizeLimit,
                                                                            settings: RuleSettings(cluster: options.cluster)))
        let result = scanner.scan(project, reporting: reported)

        var diagnostics = discovered.diagnostics + result.diagnostics
        diagnostics.sort()
        if discovered.files.isEmpty && !diagnostics.contains(where: { $0.level == .error }) {
            Output.error("warning: no Ruby, Python, TypeScript/JavaScript, Swift or Lua files found in \(options.paths.joined(separator: " "))")
        }
        let report = Report(findings: result.findings, diagnostics: diagnostics, rules: rules.map(\.description),
                            filesScanned: result.filesScanned, toolVersion: Tool.version)

        let text: String
        switch options.format {
        case .text:
            let reporter = TextReporter(color: useColor(options), quiet: options.quiet)
            for diagnostic in diagnostics { Output.error(reporter.diagnosticLine(diagnostic)) }
            text = reporter.render(report)
        case .github:
            let reporter = TextReporter()
            for diagnostic in diagnostics { Output.error(reporter.diagnosticLine(diagnostic)) }
            text = GitHubReporter().render(report)
        case .sarif:
            text = SARIFReporter().render(report)
        case .json:
            text = JSONReporter().render(report)
        }
        if let path = options.output {
            if let problem = Output.writeFile(text, to: path) {
                Output.error("error: \(problem)")
                return .error
            }
        } else {
            Output.write(text)
        }

        if diagnostics.contains(where: { $0.level == .error }) { return .error }
        let failing = result.findings.contains { $0.severity >= options.failOn }
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
