/// Facts linked across all files of the project in phase 2 (file summaries are small; bytes are gone).
public struct ProjectModel: Sendable {
    /// Every scanned file's model, by path.
    public var files: [FileModel]
    /// Some file constructs a Redis Cluster client (`cluster = auto` turns the cluster rules on).
    /// Computed once here so rules do not walk every file for every file.
    public let constructsClusterClient: Bool

    public init(files: [FileModel]) {
        self.files = files
        self.constructsClusterClient = files.contains { !$0.clusterClients.isEmpty }
    }
}
