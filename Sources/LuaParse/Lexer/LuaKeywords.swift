/// Reserved-word recognition without building a String per identifier.
enum LuaKeywords {
    private static let table: [(String, LuaTokenKind)] = [
        ("and", .and), ("break", .break), ("do", .do), ("else", .else), ("elseif", .elseif), ("end", .end),
        ("false", .false), ("for", .for), ("function", .function), ("if", .if), ("in", .in), ("local", .local),
        ("nil", .nil), ("not", .not), ("or", .or), ("repeat", .repeat), ("return", .return), ("then", .then),
        ("true", .true), ("until", .until), ("while", .while),
    ]
    private static let words: [(bytes: [UInt8], kind: LuaTokenKind)] = table.map { (Array($0.0.utf8), $0.1) }

    /// Candidates indexed by first byte minus `a`, so a lookup compares at most four words.
    private static let byFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 26)
        for (index, word) in words.enumerated() { table[Int(word.bytes[0] - 97)].append(index) }
        return table
    }()

    @inline(__always)
    static func lookup(_ bytes: [UInt8], _ start: Int, _ end: Int) -> LuaTokenKind? {
        let length = end - start
        guard length >= 2, length <= 8 else { return nil }
        let first = bytes[start] &- 97
        guard first < 26 else { return nil }
        for index in byFirstByte[Int(first)] {
            let word = words[index].bytes
            guard word.count == length else { continue }
            var offset = 1
            while offset < length, word[offset] == bytes[start + offset] { offset += 1 }
            if offset == length { return words[index].kind }
        }
        return nil
    }
}
