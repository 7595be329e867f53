import RedisLint

/// `redislint init [FOLDER] [--force]`: writes a commented `.redislint.toml` (never over an
/// existing one unless `--force`).
enum InitCommand {
    static func run(_ arguments: inout Arguments, workingDirectory: String) throws -> ExitCode {
        var folder: String?
        var force = false
        while let item = arguments.next() {
            if arguments.isOption(item) {
                guard item == "--force" else { throw UsageError("unknown option '\(item)' for init") }
                try arguments.noValue(for: item)
                force = true
            } else {
                guard folder == nil else { throw UsageError("init takes one folder") }
                folder = item
            }
        }
        let target = Paths.absolute((folder ?? ".") + "/" + Configuration.fileName, relativeTo: workingDirectory)
        if !force, Output.exists(target) {
            Output.error("error: \(target) already exists (use --force to overwrite it)")
            return .error
        }
        if let problem = Output.writeFile(ConfigurationTemplate.text, to: target) {
            Output.error("error: \(problem)")
            return .error
        }
        Output.error("wrote \(target)")
        return .clean
    }
}
