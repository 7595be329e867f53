/// Facts linked across all files of the project in phase 2 (file summaries are small; bytes are gone).
public struct ProjectModel: Sendable {
    /// Every scanned file's model, by path.
    public let files: [FileModel]
    /// Commands by name across all files (see `ops(_:)`).
    public let index: ProjectCommandIndex
    public init(files: [FileModel]) {
        self.files = files
        self.index = ProjectCommandIndex(files: files)
    }
}
