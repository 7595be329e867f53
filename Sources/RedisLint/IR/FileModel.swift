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
    /// Script objects the file defines (`register_script`, `defineCommand`, `defineScript`), literal or not.
    public var scriptDefinitions: [ScriptDefinition] = []
    /// Byte ranges of comments (suppressions are read from here).
    public var comments: [Range<Int>]
    /// Problems found while reading this file that do not stop its analysis (lexer problems, depth limits).
    public var notes: [FileDiagnostic]

    public init(source: SourceFile, traces: [Trace] = [], scripts: [EmbeddedScript] = [], comments: [Range<Int>] = [], notes: [FileDiagnostic] = []) {
        self.source = source
        self.traces = traces
        self.scripts = scripts
        self.comments = comments
        self.notes = notes
    }
}

