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
        case .python where WordSearch.contains(constructorText, "RedisCluster"):
            return SplittingClusterClient(library: "redis-py's RedisCluster", commands: ["DEL", "EXISTS", "UNLINK", "TOUCH"])
        case .ruby where WordSearch.contains(constructorText, "RedisClient"):
            return SplittingClusterClient(library: "redis-cluster-client", commands: ["MGET", "MSET", "DEL"])
        default:
            return nil
        }
    }

    /// The splitting client this file's ops go through: the cluster clients the file constructs, or,
    /// when it constructs none, those of the project's files in the same language. Nil unless every
    /// one of them splits the same way (a mix could be either).
    static func inUse(_ context: RuleContext) -> SplittingClusterClient? {
        let file = context.file
        var constructions = file.clusterClientTexts
        if constructions.isEmpty {
            constructions = context.project.derived("SplittingClusterClient.projectTexts") { projectTexts(context.project) }[file.source.language] ?? []
        }
        guard !constructions.isEmpty else { return nil }
        var found: SplittingClusterClient?
        for text in constructions {
            guard let client = classify(text, language: file.source.language) else { return nil }
            if let previous = found, previous.library != client.library { return nil }
            found = client
        }
        return found
    }

    /// The cluster client constructions of the project's files, by language, in file order: gathered once
    /// for the files that construct none (each walked every file of the project, copying its model).
    static func projectTexts(_ project: ProjectModel) -> [Language: [String]] {
        var texts: [Language: [String]] = [:]
        project.files.withUnsafeBufferPointer { files in
            for index in files.indices where !files[index].clusterClientTexts.isEmpty {
                texts[files[index].source.language, default: []] += files[index].clusterClientTexts
            }
        }
        return texts
    }
}
