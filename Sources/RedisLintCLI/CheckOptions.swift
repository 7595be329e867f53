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
    /// `--no-prefilter`: analyse files that never mention Redis too (see `RedisEvidence`).
    var prefilter = true
    /// `--config FILE`: that file instead of the discovered `.redislint.toml` files.
    var configPath: String?
    /// Rule selectors as given (validated against the registry by the check command).
    var select: [String]?
    var ignore: [String] = []
    var cluster: ClusterMode?
    var minimumRedisVersion: RedisVersion?
    var statistics = false
    var showFiles = false
    var includeSuppressed = false
    var baseline: String?
    var writeBaseline: String?
    var diff: String?
    var staged = false
    var stdinFilename: String?

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
            case "--no-prefilter":
                try arguments.noValue(for: item)
                options.prefilter = false
            case "--config":
                options.configPath = try arguments.value(for: item)
            case "--select":
                options.select = (options.select ?? []) + (try list(arguments.value(for: item), for: item))
            case "--ignore":
                options.ignore += try list(arguments.value(for: item), for: item)
            case "--cluster":
                options.cluster = try choice(arguments.value(for: item), for: item, ClusterMode.self)
            case "--min-redis-version":
                let value = try arguments.value(for: item)
                guard let version = RedisVersion(value), version.major >= 2, version.major < 100 else {
                    throw UsageError("invalid value '\(value)' for --min-redis-version (a version such as 6.2 or 7.0)")
                }
                options.minimumRedisVersion = version
            case "--statistics":
                try arguments.noValue(for: item)
                options.statistics = true
            case "--show-files":
                try arguments.noValue(for: item)
                options.showFiles = true
            case "--include-suppressed":
                try arguments.noValue(for: item)
                options.includeSuppressed = true
            case "--baseline":
                options.baseline = try arguments.value(for: item)
            case "--write-baseline":
                options.writeBaseline = try arguments.value(for: item)
            case "--diff":
                options.diff = try arguments.value(for: item)
            case "--staged":
                try arguments.noValue(for: item)
                options.staged = true
            case "--stdin-filename":
                options.stdinFilename = try arguments.value(for: item)
            default:
                throw UsageError("unknown option '\(item)'")
            }
        }
        if options.diff != nil && options.staged { throw UsageError("--diff and --staged cannot be combined") }
        if let name = options.stdinFilename {
            guard options.paths.isEmpty else { throw UsageError("--stdin-filename reads one file from stdin; give no paths with it") }
            guard Language.forFileName(Paths.lastComponent(name)) != nil else {
                throw UsageError("cannot tell the language of '\(name)' from its name (.rb, .py, .ts, .js, .swift, .lua, …)")
            }
            options.paths = [name]
        }
        if options.paths.isEmpty { options.paths = ["."] }
        return options
    }

    /// `RL101,keys-command` → two selectors; empty items are a usage error.
    static func list(_ value: String, for option: String) throws -> [String] {
        let items = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard !items.contains(where: { $0.isEmpty }) else { throw UsageError("invalid value '\(value)' for \(option) (rule ids, names or prefixes separated by commas)") }
        return items
    }

    static func parseSize(_ text: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last?.uppercased().first, let multiplier = multipliers[last] {
            return Int(text.dropLast()).flatMap { $0 >= 0 ? $0 * multiplier : nil }
        }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}

extension Substring {
    /// Without leading and trailing spaces. By index: `drop(while:)` around `reversed()` instantiated the metadata of
    /// four nested generic types at run time (~0.4M instructions, a tenth of an empty scan with `--select`).
    func trimmingSpaces() -> String {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " { start = index(after: start) }
        while end > start, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[start..<end])
    }
}
