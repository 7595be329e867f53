/// Numbers for command names, so that "is this op's command one of these?" is a bit test instead of
/// hashing the name into a `Set<String>`: every rule asked that of every op of every file. An op's
/// number is worked out once, when its shape is interned (`RedisOp.commandID`).
public enum CommandIDs {
    /// The upper-case names of the command table's commands (not subcommands), numbered from 0 in
    /// name order, by bytes (`ASCIINameTable`): asked for every op's command.
    private static let table: ASCIINameTable = {
        // Built every run from the table's names (ASCII, as reported, sorted by bytes), by their bytes: an
        // upper-cased string per name, a sort of those strings and a look-up of the bar through the UTF-8 view
        // cost ~0.3M instructions. Upper-casing keeps the names' order except next to `_`, which sorts between
        // the two cases (`eval_ro` before `evalsha`, `EVAL_RO` after `EVALSHA`): the names are sorted again,
        // by their upper-cased bytes, which leaves them almost where they were.
        var names = CommandTable.allNames.filter { name in
            var name = name
            return name.withUTF8 { !$0.contains(UInt8(ascii: "|")) }
        }
        // By insertion: each name is compared with the one before it, and only the few next to `_` move (the
        // library's stable sort cost ~0.1M instructions here). Stable, as that sort is.
        for index in names.indices.dropFirst() {
            let name = names[index]
            var place = index
            while place > 0 && upperCasedBytesPrecede(name, names[place - 1]) {
                names[place] = names[place - 1]
                place -= 1
            }
            if place != index { names[place] = name }
        }
        var table = ASCIINameTable(minimumCapacity: names.count)
        // Sorted, a repeated name is next to its first: it keeps the first one's number.
        for name in names { table.insertUppercased(name, Int32(table.count)) }
        return table
    }()

    /// Whether `first` upper-cased (ASCII letters) sorts before `second` upper-cased, by bytes.
    static func upperCasedBytesPrecede(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                for index in 0..<min(a.count, b.count) {
                    let x = upperASCII(a[index]), y = upperASCII(b[index])
                    if x != y { return x < y }
                }
                return a.count < b.count
            }
        }
    }

    /// How many commands are numbered (0..<count).
    public static var count: Int { table.count }

    /// The numbers as a dictionary (for tests and tools; look-ups go through `id(_:)`).
    public static var byName: [String: Int32] { Dictionary(uniqueKeysWithValues: table.entries) }

    /// The number of `command`, or -1 for a name outside the table.
    public static func id(_ command: String) -> Int32 { table.value(of: command) ?? -1 }
}
