/// How client-library methods map onto Redis commands, for every supported client.
///
/// Most clients name methods after commands (`hincrby`, `hIncrBy`, `HINCRBY`); the exceptions are
/// listed per language. Raw-command methods (`call`, `execute_command`, `sendCommand`,
/// `send(command:with:)`) take the command as their first argument.
enum ClientMethods {
    struct Resolved: Sendable, Equatable {
        var command: String
        var subcommand: String?
        /// The command name comes from the first argument (raw form): arguments start after it.
        var isRaw: Bool
        /// The method name alone proves Redis (`hincrby`), as opposed to `get`, `keys`, `delete`.
        var isUnambiguous: Bool
        /// A container command and its subcommand joined in one name (`client_id`, `scriptLoad`):
        /// only a known client's API (an ordinary method elsewhere, `client.client_id` in a Rails view).
        var isJoinedSubcommand = false
    }

    /// Method names that are also everyday names on maps, HTTP clients, caches and collections:
    /// on their own they are no evidence of Redis.
    static let ambiguous: Set<String> = [
        "get", "set", "keys", "delete", "del", "incr", "decr", "exists", "type", "append", "sort", "watch", "unwatch",
        "publish", "subscribe", "unsubscribe", "eval", "call", "send", "execute", "info", "time", "echo", "ping",
        "select", "move", "rename", "copy", "dump", "restore", "object", "memory", "config", "monitor", "save",
        "sync", "shutdown", "wait", "reset", "quit", "auth", "hello", "client", "command", "debug", "role",
        "multi", "exec", "discard", "expire", "persist", "touch", "unlink", "scan", "lock", "function", "script",
        "increment", "decrement", "lastsave", "readonly", "readwrite", "asking", "failover", "psync", "replconf",
        "module", "latency", "acl", "cluster", "pipeline", "duplicate", "quit", "getrange", "lpos", "lcs",
        "sendCommand", "strlen", "substr", "psubscribe", "punsubscribe", "lolwut", "bgsave", "dbsize", "swapdb",
        "append", "migrate", "pubsub", "latency", "hello", "reset", "sync", "save",
    ]

    /// Methods that are not commands but belong to clients (constructors of transactions and
    /// pipelines, script helpers).
    static let transactionMethods: Set<String> = ["multi", "transaction"]
    static let pipelineMethods: Set<String> = ["pipeline", "pipelined", "batch"]
    /// Methods that return a helper object and send nothing themselves (`pubsub()` in redis-py).
    static let accessorMethods: Set<String> = ["pubsub", "client", "connection", "monitor_object", "lock"]

    static func resolve(method rawMethod: String, language: Language) -> Resolved? {
        // redis-rb's predicates: `exists?`, `sismember?`.
        let method = language == .ruby && (rawMethod.hasSuffix("?") || rawMethod.hasSuffix("!")) ? String(rawMethod.dropLast()) : rawMethod
        let tables = LanguageTables.of(language)
        if let found = tables.special.value(of: method) {
            if found < 0 { return Resolved(command: "", subcommand: nil, isRaw: true, isUnambiguous: method != "call" && method != "send") }
            let special = tables.renamed[Int(found)]
            return Resolved(command: special.0, subcommand: special.1, isRaw: false, isUnambiguous: !isAmbiguous(method))
        }
        let lower = CommandTable.lowercased(method)
        // (Letters first: a name with `_` or a digit, common among a file's methods, is no command of
        // its own, and testing bytes costs less than the table's look-ups for a name it lacks.)
        // ASCII letters are a command exactly when their upper case is numbered (`CommandIDs`: the table's
        // commands, reported in lower case, upper-cased): no spec is read (~4,400 instructions a command
        // name the first time, most never an op's), and the command is that upper case.
        switch letterKind(lower) {
        case .ascii:
            let upper = CommandTable.uppercased(lower)
            if CommandIDs.id(upper) >= 0 {
                return Resolved(command: upper, subcommand: nil, isRaw: false, isUnambiguous: !isAmbiguous(method) && !isAmbiguous(lower))
            }
        case .other:
            if let spec = CommandTable.command(named: lower), spec.containerName == nil {
                return Resolved(command: spec.name.uppercased(), subcommand: nil, isRaw: false,
                                isUnambiguous: !isAmbiguous(method) && !isAmbiguous(lower))
            }
        case .notLetters:
            break
        }
        // `script_load` (Python), `scriptLoad`/`configSet` (node-redis): container + subcommand.
        if let (container, sub) = splitContainer(method, language: language),
           CommandTable.command(named: container, subcommand: sub) != nil {
            return Resolved(command: container.uppercased(), subcommand: sub.uppercased(), isRaw: false, isUnambiguous: true,
                            isJoinedSubcommand: true)
        }
        return nil
    }

    enum LetterKind { case ascii, other, notLetters }

    /// Whether `text` is all letters (`Character.isLetter`), and if so whether all ASCII: bytewise for
    /// ASCII text (one Character per byte there, a letter exactly when the byte is one).
    static func letterKind(_ text: String) -> LetterKind {
        for byte in text.utf8 {
            if byte >= 0x80 { return text.allSatisfy { $0.isLetter } ? .other : .notLetters }
            if !(byte >= 0x41 && byte <= 0x5A || byte >= 0x61 && byte <= 0x7A) { return .notLetters }
        }
        return .ascii
    }

    /// The container and subcommand a joined name spells, when its first part names a command that has
    /// subcommands: only those can resolve (`config|set` and the like are the only names with a bar), and
    /// most method names are no such thing, so the subcommand part is not built for them.
    /// (The split is found bytewise in ASCII text, where `_` and capitals are Characters of their own, and
    /// Character by Character otherwise: searching Characters cost ~2,600 instructions a name.)
    private static func splitContainer(_ method: String, language: Language) -> (String, String)? {
        var text = method
        // ASCII text in one pass over its bytes: where the first `_` and the first capital are (-1: none);
        // the cut's first part, lowered into a buffer, is looked up by its bytes (a cut at 0 leaves an empty
        // container, which has no subcommands), and a container's name is made from that buffer. Most names
        // are no container's (`get_user`, `findOne`).
        enum Cut { case notASCII, none, container(String, cut: Int, underscore: Bool) }
        let found: Cut = text.withUTF8 { bytes in
            var underscore = -1
            var capital = -1
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x80 { return .notASCII }
                if byte == UInt8(ascii: "_") { if underscore < 0 { underscore = index } }
                else if byte >= 0x41 && byte <= 0x5A, capital < 0 { capital = index }
            }
            let cut = underscore >= 0 ? underscore : language == .javascript ? capital : -1
            guard cut > 0 else { return .none }
            let container: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cut) { lowered in
                for index in 0..<cut { lowered[index] = lowerASCII(bytes[index]) }
                let name = UnsafeBufferPointer(lowered)
                return CommandTable.hasSubcommands(lowerCaseASCII: name) ? SourceString.make(name) : nil
            }
            guard let container else { return .none }
            return .container(container, cut: cut, underscore: underscore >= 0)
        }
        switch found {
        case .notASCII:
            return splitNonASCIIContainer(method, language: language)
        case .none:
            return nil
        case .container(let container, let cut, let underscore):
            if underscore {
                return (container, CommandTable.lowercased(String(text.utf8.dropFirst(cut + 1))!).replacingUnderscores())
            }
            return (container, CommandTable.lowercased(String(text.utf8.dropFirst(cut))!))
        }
    }

    /// `splitContainer` of text that is not all ASCII, Character by Character.
    private static func splitNonASCIIContainer(_ method: String, language: Language) -> (String, String)? {
        if let underscore = method.firstIndex(of: "_") {
            let container = CommandTable.lowercased(String(method[..<underscore]))
            guard CommandTable.hasSubcommands(container) else { return nil }
            return (container, CommandTable.lowercased(String(method[method.index(after: underscore)...])).replacingUnderscores())
        }
        guard language == .javascript,
              let upper = method.firstIndex(where: { $0.isUppercase })
        else { return nil }
        let container = CommandTable.lowercased(String(method[..<upper]))
        guard CommandTable.hasSubcommands(container) else { return nil }
        return (container, CommandTable.lowercased(String(method[upper...])))
    }

    /// Is `name` one of `ambiguous`? By the name's bytes: `resolve` asks it once or twice of each new method
    /// name, and a `Set<String>` hashed the name each time (the words are plain ASCII without `K`, `;` and
    /// `` ` ``, which no other text equals: U+212A, U+037E and U+1FEF are canonically those three; so bytes
    /// compare as `String` equality would).
    private static func isAmbiguous(_ name: String) -> Bool { ambiguousNames.value(of: name) != nil }
    private static let ambiguousNames = ASCIINameTable(ambiguous.map { ($0, 0) })

    /// `rawMethods` and `renamed` of one language, picked by a switch: a `Language` dictionary key hashes
    /// its raw value, a `String`, at every look-up. Both in one table by the name's bytes (-1: a raw
    /// method; else the index of its command in `renamed`): one look-up of a name, not two hashes.
    private struct LanguageTables: Sendable {
        let special: ASCIINameTable
        let renamed: [(String, String?)]

        init(_ language: Language) {
            let renamedNames = (ClientMethods.renamed[language] ?? [:]).sorted { $0.key < $1.key }
            renamed = renamedNames.map(\.value)
            special = ASCIINameTable((ClientMethods.rawMethods[language] ?? []).map { ($0, -1) }
                + renamedNames.enumerated().map { ($0.element.key, Int32($0.offset)) })
        }

        static let ruby = LanguageTables(.ruby)
        static let python = LanguageTables(.python)
        static let javaScript = LanguageTables(.javascript)
        static let swift = LanguageTables(.swift)
        static let lua = LanguageTables(.lua)

        static func of(_ language: Language) -> LanguageTables {
            switch language {
            case .ruby: ruby
            case .python: python
            case .javascript: javaScript
            case .swift: swift
            case .lua: lua
            }
        }
    }

    static let rawMethods: [Language: Set<String>] = [
        .ruby: ["call", "call_v", "call_once", "blocking_call", "blocking_call_v"],
        .python: ["execute_command"],
        .javascript: ["call", "sendCommand", "send_command", "callBuffer"],
        .swift: ["send"],
    ]

    /// Client methods whose names differ from the command.
    static let renamed: [Language: [String: (String, String?)]] = [
        .ruby: [
            "mapped_mget": ("MGET", nil), "mapped_mset": ("MSET", nil), "mapped_msetnx": ("MSETNX", nil),
            "mapped_hmset": ("HMSET", nil), "mapped_hmget": ("HMGET", nil),
            "scan_each": ("SCAN", nil), "hscan_each": ("HSCAN", nil), "sscan_each": ("SSCAN", nil), "zscan_each": ("ZSCAN", nil),
        ],
        .python: [
            "delete": ("DEL", nil),
            "scan_iter": ("SCAN", nil), "hscan_iter": ("HSCAN", nil), "sscan_iter": ("SSCAN", nil), "zscan_iter": ("ZSCAN", nil),
        ],
        .javascript: [
            "scanStream": ("SCAN", nil), "hscanStream": ("HSCAN", nil), "sscanStream": ("SSCAN", nil), "zscanStream": ("ZSCAN", nil),
            "scanIterator": ("SCAN", nil), "hScanIterator": ("HSCAN", nil), "sScanIterator": ("SSCAN", nil), "zScanIterator": ("ZSCAN", nil),
            "scanBuffer": ("SCAN", nil),
        ],
        .swift: [
            "delete": ("DEL", nil), "increment": ("INCR", nil), "decrement": ("DECR", nil),
        ],
    ]
}

private extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
