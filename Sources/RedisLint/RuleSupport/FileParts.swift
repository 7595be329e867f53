/// Parts of a file model a rule may read (`RuleDescription.reads`): a rule that reads only these finds
/// nothing in a file where all of them are empty.
public struct FileParts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `FileModel.traces`.
    public static let traces = FileParts(rawValue: 1)
    /// `FileModel.scripts`.
    public static let scripts = FileParts(rawValue: 2)
    /// `FileModel.scriptDefinitions`.
    public static let scriptDefinitions = FileParts(rawValue: 4)
    /// `FileModel.clientConstructions`.
    public static let clientConstructions = FileParts(rawValue: 8)
    /// `FileModel.databaseSelections`.
    public static let databaseSelections = FileParts(rawValue: 16)

    /// The parts `file` has (not empty).
    public init(of file: FileModel) {
        var parts: FileParts = []
        if !file.traces.isEmpty { parts.insert(.traces) }
        if !file.scripts.isEmpty { parts.insert(.scripts) }
        if !file.scriptDefinitions.isEmpty { parts.insert(.scriptDefinitions) }
        if !file.clientConstructions.isEmpty { parts.insert(.clientConstructions) }
        if !file.databaseSelections.isEmpty { parts.insert(.databaseSelections) }
        self = parts
    }
}
