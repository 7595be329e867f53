/// Everything phase 1 learns about one file. The file's bytes are kept only as long as the
/// report needs source lines; rules read traces and scripts, never tokens.
public struct FileModel: Sendable {
    public var source: SourceFile
    public var traces: [Trace]
    /// Lua scripts: the file itself for `.lua` files, literals run by EVAL and friends in host code.
    public var scripts: [EmbeddedScript]
    /// Where the file constructs a Redis Cluster client (`RedisCluster(...)`, `new Redis.Cluster(...)`,
    /// `createCluster(...)`, `Redis::Cluster.new`): cluster rules turn on in `auto` mode.
    public var clusterClients: [Range<Int>] = []
    /// Client constructors that select a database other than 0 (`Redis.new(db: 2)`, `…/2` URLs).
    public var databaseSelections: [DatabaseSelection] = []
    /// Key prefixes set by the clients this file constructs (ioredis `keyPrefix`, `Redis::Namespace`).
    public var keyPrefixes: [KeyPrefix] = []
    /// Every client constructor call, with literal credentials passed to it.
    public var clientConstructions: [ClientConstruction] = []
    /// Lua scripts read from `.lua` files by a literal path, with their call sites (linked in phase 2).
    public var scriptFileReferences: [ScriptFileReference] = []
    /// Byte ranges of comments (suppressions are read from here).
    public var comments: [Range<Int>]
    /// Problems found while reading this file that do not stop its analysis (lexer problems, depth limits).
    public var notes: [FileDiagnostic]
    /// Size of the file as read (`source.bytes` is empty for a file with no Redis evidence).
    public var byteCount: Int

    public init(source: SourceFile, traces: [Trace] = [], scripts: [EmbeddedScript] = [], comments: [Range<Int>] = [], notes: [FileDiagnostic] = []) {
        self.source = source
        self.traces = traces
        self.scripts = scripts
        self.comments = comments
        self.notes = notes
        self.byteCount = source.bytes.count
    }

    /// A host-language file that mentions no Redis client, library or script (`RedisEvidence`): it
    /// can yield nothing a rule reports, so it is not analysed and its bytes are not kept.
    public static func unrelated(path: String, language: Language, byteCount: Int) -> FileModel {
        var model = FileModel(source: SourceFile(path: path, language: language, bytes: []))
        model.byteCount = byteCount
        return model
    }
}

