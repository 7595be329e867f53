/// Facts linked across all files of the project in phase 2 (file summaries are small; bytes are gone).
public struct ProjectModel: Sendable {
    /// Every scanned file's model, by path.
    public let files: [FileModel]
    /// Some file constructs a Redis Cluster client (`cluster = auto` turns the cluster rules on).
    /// Computed once here so rules do not walk every file for every file.
    public let constructsClusterClient: Bool
    /// Distinct client key prefixes set anywhere in the project, per language (clients are often
    /// built in one configuration file and used everywhere).
    public let keyPrefixesByLanguage: [Language: [[UInt8]]]
    /// Commands by name across all files (see `ops(_:)`).
    public let index: ProjectCommandIndex

    public init(files: [FileModel]) {
        self.files = files
        self.constructsClusterClient = files.contains { !$0.clusterClients.isEmpty }
        var prefixes: [Language: [[UInt8]]] = [:]
        for file in files {
            for prefix in file.keyPrefixes where !(prefixes[file.source.language] ?? []).contains(prefix.bytes) {
                prefixes[file.source.language, default: []].append(prefix.bytes)
            }
        }
        self.keyPrefixesByLanguage = prefixes
        self.index = ProjectCommandIndex(files: files)
    }
}
