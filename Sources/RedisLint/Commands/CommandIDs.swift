/// Numbers for command names, so that "is this op's command one of these?" is a bit test instead of
/// hashing the name into a `Set<String>`: every rule asked that of every op of every file. An op's
/// number is worked out once, when its shape is interned (`RedisOp.commandID`).
public enum CommandIDs {
    /// The upper-case names of the command table's commands (not subcommands), numbered from 0 in
    /// name order.
    public static let byName: [String: Int32] = {
        let names = Set(CommandTable.all.map(\.name).filter { !$0.contains("|") }.map { $0.uppercased() })
        var numbers: [String: Int32] = [:]
        for (number, name) in names.sorted().enumerated() { numbers[name] = Int32(number) }
        return numbers
    }()

    /// The number of `command`, or -1 for a name outside the table.
    public static func id(_ command: String) -> Int32 { byName[command] ?? -1 }
}
