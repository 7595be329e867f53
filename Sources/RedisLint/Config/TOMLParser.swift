/// A byte-cursor parser for the TOML subset in `TOMLDocument`. Every loop advances or fails, and
/// nesting of arrays and inline tables is capped, so hostile input cannot hang or overflow the stack.
public struct TOMLParser {
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1

    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLDocument {
        var parser = TOMLParser(bytes: bytes)
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(TOMLError) -> TOMLDocument {
        var root = TOMLTable()
        // The table entries go into: a path of keys from the root.
        var current: [String] = []
        var definedTables = Set<[String]>()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        while true {
            skipBlankLinesAndComments()
            guard offset < bytes.count else { break }
            if bytes[offset] == UInt8(ascii: "[") {
                let headerLine = line
                offset += 1
                if peek() == UInt8(ascii: "[") { throw fail("arrays of tables ([[...]]) are not supported; use an inline table") }
                skipSpaces()
                var path: [String] = []
                while true {
                    // Table creation recurses over the path: keep it shallow whatever the input.
                    guard path.count < TOMLParser.maximumDepth else { throw fail("table headers nested more than \(TOMLParser.maximumDepth) deep") }
                    path.append(try key())
                    skipSpaces()
                    if peek() == UInt8(ascii: ".") { offset += 1; skipSpaces(); continue }
                    break
                }
                guard peek() == UInt8(ascii: "]") else { throw fail("expected ']' to close the table header") }
                offset += 1
                try endOfLine()
                guard definedTables.insert(path).inserted else { throw TOMLError(line: headerLine, message: "table [\(path.joined(separator: "."))] is defined twice") }
                try createTable(path, in: &root, line: headerLine)
                current = path
                continue
            }
            let entryLine = line
            let name = try key()
            skipSpaces()
            if peek() == UInt8(ascii: ".") { throw fail("dotted keys are not supported; use a [table] header") }
            guard peek() == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(name)'") }
            offset += 1
            skipSpaces()
            let parsed = try value(depth: 0)
            try endOfLine()
            try insert(TOMLTable.Entry(key: name, value: parsed, line: entryLine), at: current, in: &root)
        }
        return TOMLDocument(root: root)
    }

    // MARK: - Tables

    private func createTable(_ path: [String], in table: inout TOMLTable, line: Int) throws(TOMLError) {
        guard let first = path.first else { return }
        let rest = Array(path.dropFirst())
        if let index = table.entries.firstIndex(where: { $0.key == first }) {
            guard case .table(var child) = table.entries[index].value else {
                throw TOMLError(line: line, message: "'\(first)' is already a value, not a table")
            }
            try createTable(rest, in: &child, line: line)
            table.entries[index].value = .table(child)
        } else {
            var child = TOMLTable(line: line)
            try createTable(rest, in: &child, line: line)
            table.entries.append(TOMLTable.Entry(key: first, value: .table(child), line: line))
        }
    }

    private func insert(_ entry: TOMLTable.Entry, at path: [String], in table: inout TOMLTable) throws(TOMLError) {
        guard let first = path.first else {
            if table[entry.key] != nil { throw TOMLError(line: entry.line, message: "key '\(entry.key)' is defined twice") }
            table.entries.append(entry)
            return
        }
        guard let index = table.entries.firstIndex(where: { $0.key == first }), case .table(var child) = table.entries[index].value else { return }
        try insert(entry, at: Array(path.dropFirst()), in: &child)
        table.entries[index].value = .table(child)
    }

    // MARK: - Keys and values

    private mutating func key() throws(TOMLError) -> String {
        guard let byte = peek() else { throw fail("expected a key") }
        if byte == UInt8(ascii: "\"") { return try basicString() }
        if byte == UInt8(ascii: "'") { return try literalString() }
        let start = offset
        while let b = peek(), isBareKeyByte(b) { offset += 1 }
        guard offset > start else { throw fail("expected a key, found '\(describe(byte))'") }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func value(depth: Int) throws(TOMLError) -> TOMLDocument.Value {
        guard depth < TOMLParser.maximumDepth else { throw fail("values nested more than \(TOMLParser.maximumDepth) deep") }
        guard let byte = peek() else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"): return .string(try literalString())
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "{"): return try inlineTable(depth: depth)
        case UInt8(ascii: "t") where matches("true"):
            offset += 4
            return .boolean(true)
        case UInt8(ascii: "f") where matches("false"):
            offset += 5
            return .boolean(false)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = offset
            offset += 1
            while let b = peek(), (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") { offset += 1 }
            let text = String(decoding: bytes[start..<offset].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            if let b = peek(), b == UInt8(ascii: ".") || isBareKeyByte(b) {
                throw fail("only whole numbers are supported here; write versions as strings, e.g. \"7.0\"")
            }
            guard let number = Int(text) else { throw fail("invalid number '\(text)'") }
            return .integer(number)
        default:
            throw fail("expected a value (a \"string\", number, true/false, [array] or {table}), found '\(describe(byte))'")
        }
    }

    private mutating func array(depth: Int) throws(TOMLError) -> TOMLDocument.Value {
        offset += 1
        var elements: [TOMLDocument.Value] = []
        while true {
            skipWhitespaceAndComments()
            guard let byte = peek() else { throw fail("unterminated array: expected ']'") }
            if byte == UInt8(ascii: "]") { offset += 1; return .array(elements) }
            elements.append(try value(depth: depth + 1))
            skipWhitespaceAndComments()
            guard let next = peek() else { throw fail("unterminated array: expected ']'") }
            if next == UInt8(ascii: ",") { offset += 1; continue }
            guard next == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in array") }
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLError) -> TOMLDocument.Value {
        var table = TOMLTable(line: line)
        offset += 1
        skipSpaces()
        if peek() == UInt8(ascii: "}") { offset += 1; return .table(table) }
        while true {
            skipSpaces()
            let entryLine = line
            let name = try key()
            skipSpaces()
            guard peek() == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(name)'") }
            offset += 1
            skipSpaces()
            let parsed = try value(depth: depth + 1)
            if table[name] != nil { throw fail("key '\(name)' is defined twice") }
            table.entries.append(TOMLTable.Entry(key: name, value: parsed, line: entryLine))
            skipSpaces()
            guard let byte = peek() else { throw fail("unterminated inline table: expected '}'") }
            if byte == UInt8(ascii: ",") { offset += 1; continue }
            if byte == UInt8(ascii: "}") { offset += 1; return .table(table) }
            throw fail("expected ',' or '}' in inline table (inline tables stay on one line)")
        }
    }

    private mutating func basicString() throws(TOMLError) -> String {
        if matches("\"\"\"") { throw fail("multi-line strings are not supported") }
        offset += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw fail("unterminated string") }
            offset += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard let escaped = peek() else { throw fail("unterminated string") }
            offset += 1
            switch escaped {
            case UInt8(ascii: "\""): out.append(escaped)
            case UInt8(ascii: "\\"): out.append(escaped)
            case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
            default: throw fail("unsupported escape '\\\(describe(escaped))' (use \\\\, \\\", \\n, \\t or a 'literal string')")
            }
        }
        return try text(out)
    }

    private mutating func literalString() throws(TOMLError) -> String {
        if matches("'''") { throw fail("multi-line strings are not supported") }
        offset += 1
        let start = offset
        while let byte = peek(), byte != UInt8(ascii: "'") {
            if byte == UInt8(ascii: "\n") { throw fail("unterminated string") }
            offset += 1
        }
        guard peek() != nil else { throw fail("unterminated string") }
        let body = Array(bytes[start..<offset])
        offset += 1
        return try text(body)
    }

    private func text(_ bytes: [UInt8]) throws(TOMLError) -> String {
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8 in string") }
        return decoded
    }

    // MARK: - Cursor

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func matches(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return offset + w.count <= bytes.count && bytes[offset..<offset + w.count].elementsEqual(w)
    }

    private func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    private mutating func skipSpaces() {
        while let b = peek(), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { offset += 1 }
    }

    private mutating func skipComment() {
        if peek() == UInt8(ascii: "#") {
            while let b = peek(), b != UInt8(ascii: "\n") { offset += 1 }
        }
    }

    /// Blank lines and comments between entries.
    private mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if peek() == UInt8(ascii: "\r") { offset += 1 }
            guard peek() == UInt8(ascii: "\n") else { return }
            offset += 1
            line += 1
        }
    }

    /// Inside arrays: new lines and comments are white space.
    private mutating func skipWhitespaceAndComments() { skipBlankLinesAndComments() }

    /// After an entry: only spaces and a comment may follow on the line.
    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        if peek() == UInt8(ascii: "\r") { offset += 1 }
        guard let byte = peek() else { return }
        guard byte == UInt8(ascii: "\n") else { throw fail("unexpected '\(describe(byte))' after the value (one key = value per line)") }
        offset += 1
        line += 1
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    private func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }
}
