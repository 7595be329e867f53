#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RedisLint
import Rules

/// Entry point: `redislint [check] [options] [PATH ...]`, `redislint rules`, `redislint explain RULE`,
/// `redislint init`.
/// The bare form scans unless its first argument names a subcommand; `./rules` scans a folder.
func main() -> ExitCode {
    MallocTuning.apply()
    var raw = Array(CommandLine.arguments.dropFirst())
    let subcommands = ["check", "rules", "explain", "dump-ir", "slot", "init"]
    var subcommand = "check"
    if let first = raw.first, subcommands.contains(first) {
        subcommand = first
        raw.removeFirst()
    }
    if raw.contains("--version") && !raw.contains("--") {
        Output.write("\(Tool.name) \(Tool.version)\n")
        return .clean
    }
    if raw.contains("--help") || raw.contains("-h") {
        Output.write(Usage.text(for: subcommand))
        return .clean
    }
    var arguments = Arguments(raw)
    do {
        switch subcommand {
        case "rules":
            return try RulesCommand.run(&arguments)
        case "explain":
            return try ExplainCommand.run(&arguments)
        case "slot":
            return try SlotCommand.run(&arguments)
        case "init":
            return try InitCommand.run(&arguments, workingDirectory: currentDirectory())
        case "dump-ir":
            return try DumpIRCommand.run(&arguments, workingDirectory: currentDirectory())
        default:
            let options = try CheckOptions.parse(&arguments)
            return CheckCommand.run(options, workingDirectory: currentDirectory())
        }
    } catch let error as UsageError {
        Output.error("error: \(error.message)\nRun '\(Tool.name) --help' for usage.")
        return .error
    } catch {
        Output.error("error: \(error)")
        return .error
    }
}

func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

exit(main().rawValue)
