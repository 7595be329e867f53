/// The subset of TOML that `.redislint.toml` uses: `# comments`, `[table]` and `[table.sub]` headers,
/// `key = value` with bare or quoted keys, and values that are strings (basic and literal), integers,
/// booleans, arrays (multi-line, trailing comma) and inline tables. Every value remembers its line so
/// configuration errors can name it. Anything outside the subset is an error, never ignored.
public struct TOMLDocument: Sendable {
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case array([Value])
        case table(TOMLTable)

        public var typeName: String {
            switch self {
            case .string: return "a string"
            case .integer: return "an integer"
            case .boolean: return "a boolean"
            case .array: return "an array"
            case .table: return "a table"
            }
        }
    }

    public var root: TOMLTable

    public init(root: TOMLTable) { self.root = root }
}

/// An ordered table: entries keep their order and the line they were written on.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: TOMLDocument.Value
        public var line: Int
    }
    public var entries: [Entry] = []
    /// Line of the `[header]` (or of the inline table); 0 for the root.
    public var line: Int = 0

    public init(line: Int = 0) { self.line = line }

    public subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}

/// A syntax or schema error with its line (1-based).
public struct TOMLError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
