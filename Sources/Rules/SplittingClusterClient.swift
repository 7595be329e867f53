import RedisLint

/// Cluster clients that split some multi-key commands by slot themselves and send one command per
/// slot: no CROSSSLOT error, but the command is no longer atomic.
struct SplittingClusterClient {
    /// How users know the library (for messages).
    var library: String
    /// Upper-case commands it splits.
    var commands: Set<String>

    /// redis-py's `RedisCluster` splits DEL, EXISTS, UNLINK and TOUCH (and has `mget_nonatomic`,
    /// `mset_nonatomic`); redis-cluster-client (`RedisClient.cluster`) splits MGET, MSET and DEL.
    static func classify(_ constructorText: String, language: Language) -> SplittingClusterClient? {
        switch language {
        case .python where WordSearch.contains(constructorText, "RedisCluster"): return redisPyCluster
        case .ruby where WordSearch.contains(constructorText, "RedisClient"): return redisClusterClient
        default: return nil
        }
    }

    // Made once: each construction classified made its client's set of commands.
    private static let redisPyCluster = SplittingClusterClient(library: "redis-py's RedisCluster", commands: ["DEL", "EXISTS", "UNLINK", "TOUCH"])
    private static let redisClusterClient = SplittingClusterClient(library: "redis-cluster-client", commands: ["MGET", "MSET", "DEL"])

    /// The splitting client this file's ops go through: the cluster clients the file constructs, or,
    /// when it constructs none, those of the project's files in the same language. Nil unless every
    /// one of them splits the same way (a mix could be either).
    static func inUse(_ context: RuleContext) -> SplittingClusterClient? {
        let file = context.file
        if !file.clusterClientTexts.isEmpty { return common(to: file.clusterClientTexts, language: file.source.language) }
        // The project's answer for the language, worked out once: classifying the project's constructions again for
        // every file that reports a cross-slot command cost ~66,000 instructions a file on the 12 repositories.
        let clients = context.project.derived("SplittingClusterClient.projectClients") { projectClients(context.project) }
        return clients[file.source.language]
    }

    /// The splitting client of every one of `constructions` (texts of `language`): nil when there are none, when
    /// one does not split, or when two split differently.
    static func common(to constructions: [String], language: Language) -> SplittingClusterClient? {
        guard !constructions.isEmpty else { return nil }
        var found: SplittingClusterClient?
        for text in constructions {
            guard let client = classify(text, language: language) else { return nil }
            if let previous = found, previous.library != client.library { return nil }
            found = client
        }
        return found
    }

    /// `common` of the cluster client constructions of the project's files, by language (in file order), for the
    /// languages that have a splitting client: the answer for the files that construct none.
    static func projectClients(_ project: ProjectModel) -> [Language: SplittingClusterClient] {
        var texts: [Language: [String]] = [:]
        project.files.withUnsafeBufferPointer { files in
            for index in files.indices where !files[index].clusterClientTexts.isEmpty {
                texts[files[index].source.language, default: []] += files[index].clusterClientTexts
            }
        }
        var clients: [Language: SplittingClusterClient] = [:]
        for (language, constructions) in texts {
            if let client = common(to: constructions, language: language) { clients[language] = client }
        }
        return clients
    }
}
