/// Facts linked across all files of the project in phase 2 (file summaries are small; bytes are gone).
public struct ProjectModel: Sendable {
    /// Every scanned file's model, by path.
    public var files: [FileModel]
    public init(files: [FileModel]) { self.files = files }
}
