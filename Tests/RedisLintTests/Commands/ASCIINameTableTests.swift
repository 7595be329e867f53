import Testing
@testable import RedisLint

/// The byte-hashed name table answers as the dictionary it replaced.
@Suite struct ASCIINameTableTests {
    /// Every command name (as reported and upper-cased), near misses and other words: the same answers as
    /// a `[String: Int32]` of the same entries.
    @Test func answersAsADictionary() {
        var dictionary: [String: Int32] = [:]
        for (index, name) in CommandTable.allNames.enumerated() {
            dictionary[name] = dictionary[name] ?? Int32(index)
            let upper = CommandTable.uppercased(name)
            dictionary[upper] = dictionary[upper] ?? Int32(index)
        }
        let table = ASCIINameTable(dictionary.map { ($0.key, $0.value) })
        #expect(table.count == dictionary.count && table.count > 600)
        var asked = Array(dictionary.keys)
        for name in dictionary.keys {
            asked += [name + "x", String(name.dropLast()), "x" + name, name.lowercased().capitalized, name + "|"]
        }
        asked += ["", "|", "é", "gét", "client", "redis", "hget ", String(repeating: "a", count: 300)]
        for name in asked { #expect(table.value(of: name) == dictionary[name], "\(name)") }
    }

    /// `value(of:_:_:)` reads the two parts as if joined by the separator.
    @Test func joinedLookupsMatchTheJoinedString() {
        let names = ["config|set", "CONFIG|SET", "xgroup|create", "get", "a|b|c"]
        let table = ASCIINameTable(names.enumerated().map { ($0.element, Int32($0.offset)) })
        for (first, second) in [("config", "set"), ("CONFIG", "SET"), ("xgroup", "create"), ("config", "get"),
                                ("con", "fig|set"), ("a", "b|c"), ("a|b", "c"), ("get", ""), ("", "get"), ("ge", "t")] {
            #expect(table.value(of: first, UInt8(ascii: "|"), second) == table.value(of: first + "|" + second), "\(first) \(second)")
        }
        #expect(table.value(of: "config", UInt8(ascii: "|"), "set") == 0)
        #expect(table.value(of: "config", UInt8(ascii: " "), "set") == nil)
    }

    /// `insertUppercased` holds what inserting `CommandTable.uppercased` of the name holds, for every command
    /// name and for names with digits, bars, dashes and underscores (whose bytes stay as they are).
    @Test func upperCasedInsertsMatchUpperCasedStrings() {
        let names = CommandTable.allNames + ["georadius_ro", "client|no-evict", "x9", "", "Mixed_Case-1|Sub"]
        var fromStrings = ASCIINameTable(minimumCapacity: names.count)
        var fromBytes = ASCIINameTable(minimumCapacity: names.count)
        for (index, name) in names.enumerated() {
            fromStrings.insert(CommandTable.uppercased(name), Int32(index))
            fromBytes.insertUppercased(name, Int32(index))
        }
        #expect(fromBytes.count == fromStrings.count)
        #expect(Dictionary(uniqueKeysWithValues: fromBytes.entries) == Dictionary(uniqueKeysWithValues: fromStrings.entries))
        #expect(fromBytes.value(of: "GEORADIUS_RO") != nil && fromBytes.value(of: "georadius_ro") == nil)
    }

    /// A repeated name keeps its first value.
    @Test func firstValueWins() {
        let table = ASCIINameTable([("get", 1), ("set", 2), ("get", 3)])
        #expect(table.value(of: "get") == 1 && table.value(of: "set") == 2 && table.count == 2)
    }
}
