/// The Redis command table: every command and subcommand a real server reports, plus the
/// overlay of newer commands. Decoded once, at first use, from the generated string literal.
public enum CommandTable {
    /// Version of the redis-server the table was generated from.
    public static var serverVersion: String { GeneratedCommandTable.serverVersion }

    /// Every command and subcommand, sorted by name (`acl`, `acl|cat`, …).
    public static var all: [CommandSpec] { storage.all }

    /// Looks a command up case-insensitively. With a subcommand (`CONFIG`, `SET`) it returns the
    /// subcommand's spec (`config|set`), or nil when the container has no such subcommand.
    /// A name written `CONFIG|SET` or `config set` also works.
    public static func command(named name: String, subcommand: String? = nil) -> CommandSpec? {
        let lower = lowercased(name)
        if let subcommand {
            return storage.byName[lower + "|" + lowercased(subcommand)]
        }
        if let found = storage.byName[lower] { return found }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "|" })
        if words.count == 2 { return storage.byName[words[0] + "|" + words[1]] }
        return nil
    }

    /// Resolves the spec an argument list invokes: `["CONFIG", "SET", …]` gives `config|set`.
    /// Nil when the command name is unknown or not known at lint time. A container whose
    /// subcommand is unknown at lint time resolves to the container itself.
    public static func command(for arguments: [CommandArgument]) -> CommandSpec? {
        guard let first = arguments.first?.text, let top = command(named: first) else { return nil }
        if storage.containers.contains(top.name), arguments.count > 1 {
            guard let sub = arguments[1].text else { return top }
            return command(named: top.name, subcommand: sub)
        }
        return top
    }

    /// True when `name` has subcommands (`CONFIG`, `XGROUP`, `SCRIPT`…).
    public static func hasSubcommands(_ name: String) -> Bool {
        storage.containers.contains(lowercased(name))
    }

    /// The tracers ask about every method name they meet, mostly lower-case ASCII already (`get`, `hset`):
    /// those are used as they are, and upper-case ASCII is lowered bytewise. Only other text takes
    /// `String.lowercased()` (Unicode case mapping, a fresh string each time).
    static func lowercased(_ name: String) -> String {
        var hasUpper = false
        for byte in name.utf8 {
            if byte >= 0x80 { return name.lowercased() }
            if lowerASCII(byte) != byte { hasUpper = true }
        }
        guard hasUpper else { return name }
        return String(decoding: name.utf8.map(lowerASCII), as: UTF8.self)
    }

    private struct Storage: Sendable {
        let all: [CommandSpec]
        let byName: [String: CommandSpec]
        let containers: Set<String>

        init(_ specs: [CommandSpec]) {
            all = specs
            byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            containers = Set(specs.compactMap(\.containerName))
        }
    }

    // A static let is initialised lazily and exactly once, thread-safely.
    private static let storage = Storage(CommandTableDecoding.decode(GeneratedCommandTable.json))
}
