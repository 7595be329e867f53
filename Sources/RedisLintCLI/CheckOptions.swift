import RedisLint

enum OutputFormat: String, CaseIterable { case text, sarif, json, github }
enum ColorChoice: String, CaseIterable { case auto, always, never }

/// Options of `redislint check` (and of the bare form).
struct CheckOptions {
    var paths: [String] = []
    var format = OutputFormat.text
    var output: String?
    var failOn = Severity.warning
    var exitZero = false
    var quiet = false
    var color = ColorChoice.auto
    var jobs = Scanner.defaultJobs
    var excludes: [GlobPattern] = []
    var forceExclude = false
    var sizeLimit = 10 * 1024 * 1024
    var cluster = ClusterMode.auto

    static func parse(_ arguments: inout Arguments) throws -> CheckOptions {
        var options = CheckOptions()
        while let item = arguments.next() {
            guard arguments.isOption(item) else {
                options.paths.append(item)
                continue
            }
            switch item {
            case "--format", "-f":
                options.format = try choice(arguments.value(for: item), for: item, OutputFormat.self)
            case "--output", "-o":
                options.output = try arguments.value(for: item)
            case "--fail-on":
                options.failOn = try choice(arguments.value(for: item), for: item, Severity.self)
            case "--exit-zero":
                try arguments.noValue(for: item)
                options.exitZero = true
            case "--quiet", "-q":
                try arguments.noValue(for: item)
                options.quiet = true
            case "--color":
                options.color = try choice(arguments.value(for: item), for: item, ColorChoice.self)
            case "--jobs", "-j":
                let value = try arguments.value(for: item)
                guard let jobs = Int(value), jobs >= 1 else { throw UsageError("invalid value '\(value)' for \(item) (a whole number of at least 1)") }
                options.jobs = jobs
            case "--exclude":
                let value = try arguments.value(for: item)
                guard let pattern = GlobPattern(value) else { throw UsageError("invalid value '\(value)' for --exclude (an empty or comment pattern)") }
                options.excludes.append(pattern)
            case "--force-exclude":
                try arguments.noValue(for: item)
                options.forceExclude = true
            case "--max-file-size":
                let value = try arguments.value(for: item)
                guard let size = parseSize(value) else { throw UsageError("invalid value '\(value)' for --max-file-size (bytes, or a number with K, M or G)") }
                options.sizeLimit = size
            case "--cluster":
                options.cluster = try choice(arguments.value(for: item), for: item, ClusterMode.self)
            default:
                throw UsageError("unknown option '\(item)'")
            }
        }
        if options.paths.isEmpty { options.paths = ["."] }
        return options
    }

    static func parseSize(_ text: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last?.uppercased().first, let multiplier = multipliers[last] {
            return Int(text.dropLast()).flatMap { $0 >= 0 ? $0 * multiplier : nil }
        }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}
