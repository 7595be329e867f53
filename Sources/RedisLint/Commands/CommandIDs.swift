/// Numbers for command names, so that "is this op's command one of these?" is a bit test instead of
/// hashing the name into a `Set<String>`: every rule asked that of every op of every file. An op's
/// number is worked out once, when its shape is interned (`RedisOp.commandID`).
public enum CommandIDs {
    /// The upper-case names of the command table's commands (not subcommands), numbered from 0 in
    /// name order, by bytes (`ASCIINameTable`): asked for every op's command.
    private static let table: ASCIINameTable = {
        // Bytewise tests and case mapping, no set in between, one table sized up front: built every run
        // (Character search for the bar, a Set and a growing table cost 1.4M instructions).
        var names = CommandTable.allNames.compactMap { $0.utf8.contains(UInt8(ascii: "|")) ? nil : CommandTable.uppercased($0) }
        names.sort()
        var table = ASCIINameTable(minimumCapacity: names.count)
        // Sorted, a repeated name is next to its first: it keeps the first one's number.
        for name in names { table.insert(name, Int32(table.count)) }
        return table
    }()

    /// How many commands are numbered (0..<count).
    public static var count: Int { table.count }

    /// The numbers as a dictionary (for tests and tools; look-ups go through `id(_:)`).
    public static var byName: [String: Int32] { Dictionary(uniqueKeysWithValues: table.entries) }

    /// The number of `command`, or -1 for a name outside the table.
    public static func id(_ command: String) -> Int32 { table.value(of: command) ?? -1 }
}
