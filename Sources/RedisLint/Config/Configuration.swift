/// One `.redislint.toml` (or `--config FILE`), validated. Every setting is optional: a nested file
/// overrides only the keys it sets (see `ConfigurationSet`). Globs are relative to `folder`.
public struct Configuration: Sendable {
    /// Absolute path of the file, for messages.
    public var path: String
    /// Absolute folder the file governs (its own folder; the project root for `--config`).
    public var folder: String

    /// Rule ids, names or id prefixes (`RL1`, `ALL`) to run instead of the default set.
    public var select: [String]?
    /// Rules to leave out.
    public var ignore: [String]?
    /// Severity per rule id (names are resolved while loading).
    public var severities: [String: Severity] = [:]
    public var excludes: [GlobPattern] = []
    public var perPathIgnores: [PerPathIgnore] = []
    public var cluster: ClusterMode?
    public var minimumRedisVersion: RedisVersion?
    public var teaching = ClientTeaching()

    public struct PerPathIgnore: Sendable {
        public var pattern: GlobPattern
        public var rules: [String]
    }

    public init(path: String, folder: String) {
        self.path = path
        self.folder = folder
    }

    public static let fileName = ".redislint.toml"
}

/// A configuration problem: the file, the line and what is wrong (with the valid choices). Exit 2.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
