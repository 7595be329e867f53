/// Everything phase 1 learns about one file. Rules read traces and scripts, never tokens. A scan of
/// files on disk releases the bytes after phase 1 and reads them again when the file's rules run
/// (`released`), so memory holds models, not the tree's contents.
public struct FileModel: Sendable {
    public var source: SourceFile
    public var traces: [Trace] {
        didSet { opCommandIDs = nil }
    }
    /// The command number (`RedisOp.commandID`) of every op of `traces`, in trace and op order, gathered by
    /// compaction while the ops are in the cache: rules ask it of every op, and reading each op's shape in
    /// phase 2 waited for memory. Nil when not gathered; forgotten whenever `traces` changes.
    public internal(set) var opCommandIDs: [Int32]?
    /// Lua scripts: the file itself for `.lua` files, literals run by EVAL and friends in host code.
    public var scripts: [EmbeddedScript]
    /// Where the file constructs a Redis Cluster client (`RedisCluster(...)`, `new Redis.Cluster(...)`,
    /// `createCluster(...)`, `Redis::Cluster.new`): cluster rules turn on in `auto` mode.
    public var clusterClients: [Range<Int>] = []
    /// Where the file constructs a client of one server (`ClientEvidence.standaloneConstructors`): the cluster
    /// rules leave the calls of a function that constructs only such clients alone in `auto` mode.
    public var standaloneClients: [Range<Int>] = []
    /// Whether the clients this file constructs or declares as parameters are standalone or cluster clients
    /// (`ClientKinds`): the cluster rules leave a file of standalone clients alone in `auto` mode.
    public var clientKinds: ClientKinds = []
    /// Client constructors that select a database other than 0 (`Redis.new(db: 2)`, `…/2` URLs).
    public var databaseSelections: [DatabaseSelection] = []
    /// Key prefixes set by the clients this file constructs (ioredis `keyPrefix`, `Redis::Namespace`).
    public var keyPrefixes: [KeyPrefix] = []
    /// Every client constructor call, with literal credentials passed to it.
    public var clientConstructions: [ClientConstruction] = []
    /// Lua scripts read from `.lua` files by a literal path, with their call sites (linked in phase 2).
    public var scriptFileReferences: [ScriptFileReference] = []
    /// Script objects the file defines (`register_script`, `defineCommand`, `defineScript`), literal or not.
    public var scriptDefinitions: [ScriptDefinition] = []
    /// Byte ranges of comments (suppressions are read from here).
    public var comments: [Range<Int>]
    /// Problems found while reading this file that do not stop its analysis (lexer problems, depth limits).
    public var notes: [FileDiagnostic]
    /// Size of the file as read (`source.bytes` is empty for a file with no Redis evidence).
    public var byteCount: Int
    /// The source text of each `clusterClients` range (read by rules of other files after release).
    public var clusterClientTexts: [String] = []
    /// Fragment names this file's Lua includes (`--- @include "x"`, `include_partial "x"`).
    public var luaIncludeNames: [String] = []
    /// Set when the bytes were released after phase 1: where to read them again and what they were.
    public var released: ReleasedContents?
    /// Skipped by the prefilter: nothing to check (`unrelated(path:language:byteCount:)`).
    public private(set) var isUnrelated = false

    public struct ReleasedContents: Sendable {
        public var absolutePath: String
        public var digest: UInt64
    }

    public init(source: SourceFile, traces: [Trace] = [], scripts: [EmbeddedScript] = [], comments: [Range<Int>] = [], notes: [FileDiagnostic] = []) {
        self.source = source
        self.traces = traces
        self.scripts = scripts
        self.comments = comments
        self.notes = notes
        self.byteCount = source.bytes.count
    }

    /// A hash of the bytes: a file rewritten between the two phases is noticed. FNV-1a-style, but eight
    /// bytes per step (a byte at a time it cost more than a percent of a scan), in four independent lanes
    /// of 32 bytes a round: one lane waited for each multiply before the next could start. The value is
    /// only ever compared within one run, never stored.
    public static func digest(_ bytes: [UInt8]) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        // The multiply only carries upward; folding the high half back keeps every bit in play.
        @inline(__always) func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
            let product = (hash ^ value) &* prime
            return product ^ (product >> 29)
        }
        let seed: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var lanes = (seed, seed ^ 0x9e37_79b9_7f4a_7c15, seed ^ 0xc2b2_ae3d_27d4_eb4f, seed ^ 0x1656_67b1_9e37_79f9)
        var hash = seed
        bytes.withUnsafeBytes { raw in
            let rounds = raw.count / 32
            for round in 0..<rounds {
                let offset = round * 32
                lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            }
            hash = mix(mix(mix(mix(hash, lanes.0), lanes.1), lanes.2), lanes.3)
            let words = raw.count / 8
            for word in (rounds * 4)..<words {
                hash = mix(hash, raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self))
            }
            for byte in raw[(words * 8)...] { hash = (hash ^ UInt64(byte)) &* prime }
        }
        return hash
    }

    /// Drops the model's bytes and line table (kept: everything the rules read), to be read again from
    /// `absolutePath` (`restoringContents()`). In place: the model stays the only owner of what it holds.
    public mutating func releaseContents(absolutePath: String) {
        guard released == nil, !source.bytes.isEmpty else { return }
        released = ReleasedContents(absolutePath: absolutePath, digest: FileModel.digest(source.bytes))
        source = SourceFile(path: source.path, language: source.language, bytes: [])
    }

    /// The model with its bytes read again, or nil when the file changed or cannot be read.
    public func restoringContents() -> FileModel? {
        guard let released else { return self }
        guard case .success(let bytes) = FileSystem.read(released.absolutePath, limit: byteCount + 1),
              bytes.count == byteCount, FileModel.digest(bytes) == released.digest else { return nil }
        var copy = self
        copy.source = SourceFile(path: source.path, language: source.language, bytes: bytes)
        copy.released = nil
        return copy
    }

    /// A host-language file that mentions no Redis client, library or script (`RedisEvidence`): it
    /// can yield nothing a rule reports, so it is not analysed and its bytes are not kept.
    public static func unrelated(path: String, language: Language, byteCount: Int) -> FileModel {
        var model = FileModel(source: SourceFile(path: path, language: language, bytes: []))
        model.byteCount = byteCount
        model.isUnrelated = true
        return model
    }
}

