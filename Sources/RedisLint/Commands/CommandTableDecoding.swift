/// Reads the generated JSON text (`GeneratedCommandTable.json`) straight into `CommandSpec`s: all of it
/// (`read`, which the tests compare with the JSON tree), or record by record as a run asks (`CommandTableText`). Reading it into a JSON tree first, then into raw records, then freeing both
/// cost 20M instructions of a small tree's 266M; reading each field where it goes costs about a third.
/// It reads only the generator's record shapes (scripts/generate-command-table; keep the short keys in
/// step) and throws on anything else, unknown keys included.
enum CommandTableDecoding {
    struct Malformed: Error {
        let offset: Int
    }

    static func read(_ json: String) throws -> [CommandSpec] {
        var bytes = Array(json.utf8)
        bytes.append(0)  // a sentinel: every look-ahead stops on it
        // Through a buffer pointer: no bounds check, retain or release per byte. Every look-ahead stops on
        // the sentinel, so the reader never leaves the buffer.
        return try bytes.withUnsafeBufferPointer { buffer in
            var reader = RecordReader(bytes: buffer)
            let specs = try reader.array { try $0.command() }
            reader.skipSpace()
            guard reader.index == buffer.count - 1 else { throw Malformed(offset: reader.index) }
            return specs
        }
    }
}

/// The table's records found but not read: a run asks about a few dozen of its ~380 commands, so each
/// record is read into a `CommandSpec` when first asked for (`spec(at:)`). The generator writes one record
/// per line, its name first (`{"n":"get",…}`), in name order.
struct CommandTableText: Sendable {
    /// The table's text and a 0 sentinel, which stops every look-ahead of the reader.
    private let bytes: [UInt8]
    /// Each record's bytes, from its `{` to its `}`.
    let records: [Range<Int>]
    /// Each record's name, as Redis reports it (`get`, `config|set`).
    let names: [String]

    init(_ json: String) throws {
        // Read at the start of every run that scans a file: the text and its sentinel are copied in one go (a
        // copy and an append moved the 135 KB twice), and the lines found sixteen bytes at a time (a byte loop
        // was a fifth of the instructions of a run over an empty folder).
        var json = json
        let bytes = json.withUTF8 { text in
            [UInt8](unsafeUninitializedCapacity: text.count + 1) { buffer, initialized in
                if let source = text.baseAddress { buffer.baseAddress!.initialize(from: source, count: text.count) }
                buffer[text.count] = 0
                initialized = text.count + 1
            }
        }
        var records: [Range<Int>] = []
        var names: [String] = []
        records.reserveCapacity(400)
        names.reserveCapacity(400)
        var lineStart = 0
        var lines = 0
        var closed = false
        try bytes.withUnsafeBufferPointer { buffer in
            while lineStart < buffer.count - 1 {
                // (The sentinel stops the search before the buffer's end.)
                let lineEnd = VectorSearch.firstOf(0x0A, 0, 0x0A, 0x0A, in: buffer, from: lineStart, to: buffer.count)
                var end = lineEnd
                if end > lineStart && buffer[end - 1] == UInt8(ascii: ",") { end -= 1 }
                lines += 1
                let line = lineStart..<end
                guard !closed else { throw CommandTableDecoding.Malformed(offset: lineStart) }
                if lines == 1 {
                    guard line.count == 1 && buffer[lineStart] == UInt8(ascii: "[") else { throw CommandTableDecoding.Malformed(offset: lineStart) }
                } else if line.count == 1 && buffer[lineStart] == UInt8(ascii: "]") && end == lineEnd {
                    closed = true
                } else {
                    // `{"n":"name"` opens every record; the name's closing quote is before the line's end.
                    guard line.count > 7, buffer[end - 1] == UInt8(ascii: "}"), Self.opensRecord(buffer, at: lineStart) else {
                        throw CommandTableDecoding.Malformed(offset: lineStart)
                    }
                    var reader = RecordReader(bytes: buffer, index: lineStart + 5)
                    names.append(try reader.string())
                    guard reader.index < end else { throw CommandTableDecoding.Malformed(offset: reader.index) }
                    records.append(line)
                }
                lineStart = buffer[lineEnd] == 0 ? lineEnd : lineEnd + 1
            }
        }
        guard closed else { throw CommandTableDecoding.Malformed(offset: lineStart) }
        self.bytes = bytes
        self.records = records
        self.names = names
    }

    /// Does the text at `start` read `{"n":"`? (Compared byte by byte: a generic compare with a string's
    /// bytes cost ~340 instructions a record.)
    private static func opensRecord(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        buffer[start] == UInt8(ascii: "{") && buffer[start + 1] == UInt8(ascii: "\"") && buffer[start + 2] == UInt8(ascii: "n")
            && buffer[start + 3] == UInt8(ascii: "\"") && buffer[start + 4] == UInt8(ascii: ":") && buffer[start + 5] == UInt8(ascii: "\"")
    }

    /// Reads record `index`, which must end where its line does.
    func spec(at index: Int) throws -> CommandSpec {
        let range = records[index]
        return try bytes.withUnsafeBufferPointer { buffer in
            var reader = RecordReader(bytes: buffer, index: range.lowerBound)
            let spec = try reader.command()
            guard reader.index == range.upperBound else { throw CommandTableDecoding.Malformed(offset: reader.index) }
            return spec
        }
    }
}

/// The generator's records, field by field (`n` name, `a` arity, `f` flags, `c` ACL categories, `t` tips,
/// `k` key specs, `s` since, `d` deprecated since, `r` replaced by, `g` group, `x` complexity, `h` doc
/// flags, `p` arguments, `o` overlay version, `op` overlay patches).
private struct RecordReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func command() throws -> CommandSpec {
        var name: String?, arity: Int?, flags: [String]?, categories: [String]?, keySpecs: [KeySpec]?
        var tips: [String] = [], docFlags: [String] = [], arguments: [ArgumentSpec] = []
        var since: String?, deprecatedSince: String?, replacedBy: String?, group: String?, complexity: String?
        var overlayVersion: String?, patches: [CommandSpec.OverlayPatch] = []
        try object { reader, key in
            switch key {
            case "n": name = try reader.string()
            case "a": arity = try reader.integer()
            case "f": flags = try reader.strings()
            case "c": categories = try reader.strings()
            case "t": tips = try reader.strings()
            case "k": keySpecs = try reader.array { try $0.keySpec() }
            case "s": since = try reader.string()
            case "d": deprecatedSince = try reader.string()
            case "r": replacedBy = try reader.string()
            case "g": group = try reader.string()
            case "x": complexity = try reader.string()
            case "h": docFlags = try reader.strings()
            case "p": arguments = try reader.array { try $0.argument(depth: 0) }
            case "o": overlayVersion = try reader.string()
            case "op": patches = try reader.array { try $0.patch() }
            default: throw CommandTableDecoding.Malformed(offset: reader.index)
            }
        }
        guard let name, let arity, let flags, let categories, let keySpecs else { throw CommandTableDecoding.Malformed(offset: index) }
        // `container|sub`: cut at the first bar.
        let bar = name.utf8.firstIndex(of: UInt8(ascii: "|"))
        let container = bar.map { String(name[..<$0]) }
        let subcommand = bar.map { String(name[name.index(after: $0)...]) }
        let isSubcommand = container?.isEmpty == false && subcommand?.isEmpty == false
        return CommandSpec(
            name: name, containerName: isSubcommand ? container : nil, subcommandName: isSubcommand ? subcommand : nil,
            arity: arity, flags: Set(flags.map(CommandTable.lowercased)), aclCategories: categories, tips: tips, keySpecs: keySpecs,
            since: since, deprecatedSince: deprecatedSince, replacedBy: replacedBy, group: group, complexity: complexity,
            docFlags: docFlags, arguments: arguments, overlayVersion: overlayVersion, overlayPatches: patches)
    }

    /// `{"f": flags, "b": {"i": index} or {"w": keyword, "s": start}, "r": [last, step, limit] or "n": [keynum, first, step]}`.
    mutating func keySpec() throws -> KeySpec {
        var flags: KeySpecFlags?
        var beginIndex: Int?, keyword: String?, start: Int?
        var range: [Int]?, keyNum: [Int]?
        try object { reader, key in
            switch key {
            case "f": flags = try reader.strings().reduce(into: KeySpecFlags()) { $0.formUnion(KeySpecFlags(redisName: $1)) }
            case "b":
                try reader.object { reader, key in
                    switch key {
                    case "i": beginIndex = try reader.integer()
                    case "w": keyword = try reader.string()
                    case "s": start = try reader.integer()
                    default: throw CommandTableDecoding.Malformed(offset: reader.index)
                    }
                }
            case "r": range = try reader.integers()
            case "n": keyNum = try reader.integers()
            default: throw CommandTableDecoding.Malformed(offset: reader.index)
            }
        }
        guard let flags else { throw CommandTableDecoding.Malformed(offset: index) }
        let begin: KeySpec.BeginSearch
        if let beginIndex {
            begin = .index(beginIndex)
        } else if let keyword, let start {
            begin = .keyword(keyword, startFrom: start)
        } else {
            begin = .unknown
        }
        let find: KeySpec.FindKeys
        if let range, range.count == 3 {
            find = .range(lastKey: range[0], step: range[1], limit: range[2])
        } else if let keyNum, keyNum.count == 3 {
            find = .keyNum(keyNumIndex: keyNum[0], firstKey: keyNum[1], step: keyNum[2])
        } else {
            find = .unknown
        }
        return KeySpec(flags: flags, beginSearch: begin, findKeys: find)
    }

    /// `{"n": name, "t": kind, "k": token, "f": flags, "i": key spec, "s": since, "d": deprecated since, "a": children}`.
    mutating func argument(depth: Int) throws -> ArgumentSpec {
        // Nested `oneof`s and blocks go a few levels deep; a bound keeps bad text from running the stack out.
        guard depth < 32 else { throw CommandTableDecoding.Malformed(offset: index) }
        var name: String?, kind: String?, token: String?, flags: [String] = [], keySpecIndex: Int?
        var since: String?, deprecatedSince: String?, children: [ArgumentSpec] = []
        try object { reader, key in
            switch key {
            case "n": name = try reader.string()
            case "t": kind = try reader.string()
            case "k": token = try reader.string()
            case "f": flags = try reader.strings()
            case "i": keySpecIndex = try reader.integer()
            case "s": since = try reader.string()
            case "d": deprecatedSince = try reader.string()
            case "a": children = try reader.array { try $0.argument(depth: depth + 1) }
            default: throw CommandTableDecoding.Malformed(offset: reader.index)
            }
        }
        guard let name, let kind else { throw CommandTableDecoding.Malformed(offset: index) }
        return ArgumentSpec(
            name: name, kind: ArgumentSpec.Kind(rawValue: kind) ?? .unknown, token: token,
            isOptional: flags.contains("optional"), isMultiple: flags.contains("multiple"),
            isMultipleToken: flags.contains("multiple_token"), keySpecIndex: keySpecIndex, since: since,
            deprecatedSince: deprecatedSince, arguments: children)
    }

    /// `{"v": version, "what": [changed]}`.
    mutating func patch() throws -> CommandSpec.OverlayPatch {
        var version: String?, changed: [String]?
        try object { reader, key in
            switch key {
            case "v": version = try reader.string()
            case "what": changed = try reader.strings()
            default: throw CommandTableDecoding.Malformed(offset: reader.index)
            }
        }
        guard let version, let changed else { throw CommandTableDecoding.Malformed(offset: index) }
        return CommandSpec.OverlayPatch(version: version, changed: changed)
    }

    // MARK: JSON pieces

    mutating func skipSpace() {
        while bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard bytes[index] == byte else { throw CommandTableDecoding.Malformed(offset: index) }
        index += 1
    }

    /// An object: `member` reads the value of each key, in the order written.
    mutating func object(_ member: (inout RecordReader, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            let key = try keyCode()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipSpace()
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func array<T>(_ element: (inout RecordReader) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var elements: [T] = []
        skipSpace()
        if bytes[index] == UInt8(ascii: "]") { index += 1; return elements }
        while true {
            elements.append(try element(&self))
            skipSpace()
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "]"))
            return elements
        }
    }

    /// A key of the generator's (one to four ASCII letters) as one number: matching it against the keys a
    /// record may hold is an integer comparison, where a `String` per key was made and compared case by case
    /// (~2M instructions each run).
    struct Key: Equatable, ExpressibleByStringLiteral {
        let code: UInt32

        /// `case "op":` (a constant the compiler works out).
        @inline(__always) init(stringLiteral name: StaticString) {
            var code: UInt32 = 0
            name.withUTF8Buffer { for byte in $0 { code = code << 8 | UInt32(byte) } }
            self.code = code
        }

        init(code: UInt32) { self.code = code }
    }

    private mutating func keyCode() throws -> Key {
        try expect(UInt8(ascii: "\""))
        var code: UInt32 = 0
        let start = index
        while bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") && index - start < 4 {
            code = code << 8 | UInt32(bytes[index])
            index += 1
        }
        guard index > start, bytes[index] == UInt8(ascii: "\"") else { throw CommandTableDecoding.Malformed(offset: index) }
        index += 1
        return Key(code: code)
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }
    mutating func integers() throws -> [Int] { try array { try $0.integer() } }

    mutating func integer() throws -> Int {
        skipSpace()
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var number = 0
        let start = index
        while bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") && index - start < 18 {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > start, bytes[index] != UInt8(ascii: "."), bytes[index] != UInt8(ascii: "e") else {
            throw CommandTableDecoding.Malformed(offset: index)
        }
        return negative ? -number : number
    }

    /// A string, escapes decoded.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        // Most strings hold no escape: find the closing quote and decode the run at once.
        let start = index
        while bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "\\") && bytes[index] != 0 { index += 1 }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
        }
        var out = Array(bytes[start..<index])
        while true {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                switch bytes[index] {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        // Only a low surrogate completes the pair (anything else would overflow below).
                        guard low >= 0xDC00 && low < 0xE000 else { throw CommandTableDecoding.Malformed(offset: index) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(bytes[index])
                default: throw CommandTableDecoding.Malformed(offset: index)
                }
                index += 1
            case 0:
                throw CommandTableDecoding.Malformed(offset: index)
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    /// The four hex digits after `\u`; leaves `index` on the last one.
    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            index += 1
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw CommandTableDecoding.Malformed(offset: index)
            }
            value = value * 16 + UInt32(digit)
        }
        return value
    }
}
