/// A problem with a file or path rather than with the code in it: unreadable, binary, too large,
/// missing, or a limit hit while analysing it. Reported on stderr (text), as SARIF
/// `toolExecutionNotifications` and as JSON `errors`.
public struct FileDiagnostic: Sendable, Equatable, Comparable {
    public enum Level: String, Sendable, Codable {
        /// The file was analysed partly or not at all; the run goes on.
        case warning
        /// Something the user asked for could not be done (a named path does not exist): exit status 2.
        case error
    }

    public var path: String
    public var level: Level
    public var message: String
    /// Where in the file, when the problem has a place (an unterminated string).
    public var position: Position?

    public init(path: String, level: Level = .warning, message: String, position: Position? = nil) {
        self.path = path
        self.level = level
        self.message = message
        self.position = position
    }

    public static func < (a: FileDiagnostic, b: FileDiagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        return (a.position ?? Position(line: 0, column: 0), a.message) < (b.position ?? Position(line: 0, column: 0), b.message)
    }
}
