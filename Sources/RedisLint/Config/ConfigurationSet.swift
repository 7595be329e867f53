/// Every configuration that governs a scan: the `.redislint.toml` files found by walking up from
/// each scanned file to the project root (or one `--config FILE` for everything). The file nearest
/// to a source file wins key by key: `select`, `ignore`, `cluster` and `min-redis-version` of an
/// inner file replace the outer ones; `severity`, `per-path-ignores`, `exclude` and `clients` add up.
public struct ConfigurationSet: Sendable {
    public let root: String
    /// By folder (absolute); the `--config` file is keyed by the root.
    public let byFolder: [String: Configuration]
    /// Command-line settings, applied over every file.
    public var overrides: Overrides
    /// `--config FILE`: that file governs every file, nothing is discovered.
    public private(set) var isExplicit = false

    public struct Overrides: Sendable {
        public var select: [String]?
        public var ignore: [String] = []
        public var cluster: ClusterMode?
        public var minimumRedisVersion: RedisVersion?
        public init() {}
    }

    public init(root: String, configurations: [Configuration], overrides: Overrides = Overrides()) {
        self.root = root
        var byFolder: [String: Configuration] = [:]
        for configuration in configurations { byFolder[configuration.folder] = configuration }
        self.byFolder = byFolder
        self.overrides = overrides
    }

    /// One explicit file (`--config FILE`) governing the whole project.
    public static func explicit(_ path: String, root: String, catalog: RuleCatalog) throws(ConfigurationError) -> ConfigurationSet {
        var set = ConfigurationSet(root: root, configurations: [try ConfigurationLoader.load(path: path, folder: root, catalog: catalog)])
        set.isExplicit = true
        return set
    }

    /// Finds and loads the configuration files governing `files` (absolute paths).
    /// `listedFolders`: folders already listed, and whether each holds a configuration file
    /// (`Discovery.Result.listedFolders`); the others are asked with `stat`.
    public static func discover(root: String, files: [String], catalog: RuleCatalog,
                                listedFolders: [String: Bool] = [:]) throws(ConfigurationError) -> ConfigurationSet {
        var checked = Set<String>()
        var found: [Configuration] = []
        // Files come folder by folder (sorted by path): a file in the folder just checked adds nothing, and
        // comparing its folder with that one costs less than hashing it.
        // (The folder is compared on bytes, not made: making it was ~1,000 instructions a file.)
        var lastFolder: String?
        for file in files {
            if let lastFolder, Paths.isParent(lastFolder, of: file) { continue }
            var folder = Paths.parent(file)
            lastFolder = folder
            var steps = 0
            while steps < 4096, checked.insert(folder).inserted {
                steps += 1
                // The candidate's path is made only when it is loaded or asked for: the walk listed most folders.
                func candidate() -> String { folder == "/" ? "/" + Configuration.fileName : folder + "/" + Configuration.fileName }
                if listedFolders[folder] ?? FileSystem.status(candidate()).map({ $0.kind != .directory }) ?? false {
                    found.append(try ConfigurationLoader.load(path: candidate(), folder: folder, catalog: catalog))
                }
                // Up to the project root, never above it; a file outside the root sees only its own folder.
                guard folder != root, Paths.isInside(folder, root) else { break }
                folder = Paths.parent(folder)
            }
        }
        return ConfigurationSet(root: root, configurations: found)
    }

    /// The configurations governing a file, outermost first.
    public func chain(forFile absolutePath: String) -> [Configuration] {
        if isExplicit { return Array(byFolder.values) }
        if byFolder.isEmpty { return [] }  // no configuration file: no walk up from every file
        var chain: [Configuration] = []
        var folder = Paths.parent(absolutePath)
        var steps = 0
        while steps < 4096 {
            steps += 1
            if let configuration = byFolder[folder] { chain.append(configuration) }
            if folder == root || folder == "/" { break }
            folder = Paths.parent(folder)
        }
        return chain.reversed()
    }

    /// No configuration file governs any file (none found, no `--config`): every file's policy is the command line's.
    public var governsNoFile: Bool { !isExplicit && byFolder.isEmpty }

    /// The files in effect, for `--show-files`-style reporting of what governs a path.
    public var paths: [String] { byFolder.values.map(\.path).sorted() }
}
