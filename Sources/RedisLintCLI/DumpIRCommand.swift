import RedisLint

/// `redislint dump-ir [PATH ...]`: the extracted traces as JSON (see `IRDump`).
enum DumpIRCommand {
    static func run(_ arguments: inout Arguments, workingDirectory: String) throws -> ExitCode {
        var paths: [String] = []
        while let item = arguments.next() {
            if arguments.isOption(item) { throw UsageError("unknown option '\(item)' for 'dump-ir'") }
            paths.append(item)
        }
        if paths.isEmpty { paths = ["."] }
        let root = Discovery.projectRoot(of: paths[0], workingDirectory: workingDirectory)
        let discovered = Discovery(root: root, workingDirectory: workingDirectory, options: Discovery.Options()).discover(paths)
        let models = discovered.files.compactMap { file -> FileModel? in
            guard let model = Scanner.model(of: file) else { return nil }
            return model
        }
        Output.write(IRDump.render(models))
        for diagnostic in discovered.diagnostics { Output.error(TextReporter().diagnosticLine(diagnostic)) }
        return discovered.diagnostics.contains { $0.level == .error } ? .error : .clean
    }
}
