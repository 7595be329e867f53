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
                                listedFolders: ListedFolders = ListedFolders()) throws(ConfigurationError) -> ConfigurationSet {
        if let found = try discoverByBytes(root: root, files: files, catalog: catalog, listedFolders: listedFolders) {
            return ConfigurationSet(root: root, configurations: found)
        }
        let listedFolders = listedFolders.asDictionary
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
                if listedFolders[folder] ?? FileSystem.status(candidate(in: folder)).map({ $0.kind != .directory }) ?? false {
                    found.append(try ConfigurationLoader.load(path: candidate(in: folder), folder: folder, catalog: catalog))
                }
                // Up to the project root, never above it; a file outside the root sees only its own folder.
                guard folder != root, Paths.isInside(folder, root) else { break }
                folder = Paths.parent(folder)
            }
        }
        return ConfigurationSet(root: root, configurations: found)
    }

    /// The path of the configuration file `folder` would hold. Made only when it is loaded or asked for: the walk
    /// listed most folders.
    private static func candidate(in folder: String) -> String {
        folder == "/" ? "/" + Configuration.fileName : folder + "/" + Configuration.fileName
    }

    /// `discover` on the paths' bytes, when the root, every file and every listed folder are ASCII (their strings
    /// then compare as their bytes do; nil otherwise). The same folders, asked and loaded in the same order: the
    /// folders above a file are its path's prefixes up to each `/`, looked up in tables by the hashes of those
    /// prefixes, made in one pass over the path (making each folder's string and hashing it, for the set of
    /// folders checked and for the listing's table, was ~4,000 instructions a folder).
    private static func discoverByBytes(root: String, files: [String], catalog: RuleCatalog,
                                        listedFolders: ListedFolders) throws(ConfigurationError) -> [Configuration]? {
        guard listedFolders.isByBytes else { return nil }
        var root = root
        let rootBytes = root.withUTF8 { Array($0) }
        guard rootBytes.withUnsafeBufferPointer({ isASCII($0) }) else { return nil }
        for file in files {
            var file = file
            guard file.withUTF8({ isASCII($0) }) else { return nil }
        }
        let slash: [UInt8] = [0x2F]
        let slashHash = slash.withUnsafeBufferPointer { PathTable.hash($0) }
        var checked = PathTable()  // the folders not listed (asked with `stat`) checked
        // Bit n: the listed folder numbered n (`numberedLookUp`) was checked.
        var checkedListed = [UInt64](repeating: 0, count: (listedFolders.folderNumbers + 63) / 64)
        var found: [Configuration] = []
        // Per file: the length of its path up to each `/` and the hash of those bytes; the folders with a
        // configuration file to load, in order.
        // (The first `prefixCount`; the array is overwritten from the start for each file, not emptied.)
        var prefixes: [(length: Int, hash: UInt64)] = []
        var toLoad: [String] = []
        // Files come folder by folder (sorted by path): a file in the folder of the one before adds nothing, and
        // comparing its folder's bytes with that one's costs less than hashing its path. That folder is the first
        // `lastFolderLength` bytes of `lastFile` (0: none; copying them per folder, and emptying the copy, cost more).
        var lastFile = ""
        var lastFolderLength = 0
        for file in files {
            var file = file
            let walkedUp = file.withUTF8 { bytes -> Int? in
                var lastSlash = bytes.count - 1
                while lastSlash >= 0 && bytes[lastSlash] != 0x2F { lastSlash -= 1 }
                if lastSlash > 0 && lastSlash == lastFolderLength
                    && lastFile.withUTF8({ PathTable.equal($0, bytes, count: lastSlash) }) { return nil }
                var prefixCount = 0
                var hash = PathTable.emptyHash
                for index in 0..<lastSlash + 1 {  // the name after the last `/` is no folder
                    if bytes[index] == 0x2F {
                        if prefixCount < prefixes.count { prefixes[prefixCount] = (index, hash) } else { prefixes.append((index, hash)) }
                        prefixCount += 1
                    }
                    hash = PathTable.extend(hash, bytes[index])
                }
                slash.withUnsafeBufferPointer { slashBytes in
                    rootBytes.withUnsafeBufferPointer { rootBytes in
                        // `Paths.parent`: up to the last `/`; `/` itself when that is the first byte (or there is none).
                        var level = prefixCount - 1
                        var steps = 0
                        while steps < 4096 {
                            let atRoot = level < 0 || prefixes[level].length == 0
                            let folder = atRoot ? slashBytes : UnsafeBufferPointer(rebasing: bytes[..<prefixes[level].length])
                            let hash = atRoot ? slashHash : prefixes[level].hash
                            let listed: Bool?
                            if let known = listedFolders.numberedLookUp(bytes: folder, hash: hash) {
                                let bit: UInt64 = 1 << (known.number & 63)
                                guard checkedListed[known.number >> 6] & bit == 0 else { break }
                                checkedListed[known.number >> 6] |= bit
                                listed = known.holdsConfiguration
                            } else {
                                guard checked.insert(folder, hash: hash) else { break }
                                listed = nil
                            }
                            steps += 1
                            if listed ?? FileSystem.status(candidate(in: String(decoding: folder, as: UTF8.self))).map({ $0.kind != .directory }) ?? false {
                                toLoad.append(String(decoding: folder, as: UTF8.self))
                            }
                            // Up to the project root, never above it; a file outside the root sees only its own folder.
                            let isRoot = folder.count == rootBytes.count && PathTable.equal(folder, rootBytes, count: folder.count)
                            guard !isRoot, isInside(folder, rootBytes) else { break }
                            level -= 1
                        }
                    }
                }
                return max(lastSlash, 0)
            }
            guard let walkedUp else { continue }
            lastFile = file
            lastFolderLength = walkedUp
            for folder in toLoad {
                found.append(try ConfigurationLoader.load(path: candidate(in: folder), folder: folder, catalog: catalog))
            }
            toLoad.removeAll(keepingCapacity: true)
        }
        return found
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }

    /// `Paths.isInside` on bytes: `root` is `/`, or `path` is `root` or begins with it and a `/`.
    private static func isInside(_ path: UnsafeBufferPointer<UInt8>, _ root: UnsafeBufferPointer<UInt8>) -> Bool {
        if root.count == 1 && root[0] == 0x2F { return true }
        if path.count == root.count { return PathTable.equal(path, root, count: root.count) }
        return Paths.afterPrefix(path, root) != nil
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
