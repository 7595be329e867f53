extension RedisOp {
    /// Commands that give their key a TTL by themselves.
    public static let expiringCommands: Set<String> = ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX"]
    /// Options that give a new TTL on `SET`, `GETEX`, `RESTORE`.
    public static let expiryOptions: Set<String> = ["EX", "PX", "EXAT", "PXAT"]
    /// Those, and `KEEPTTL`, which keeps an existing one.
    public static let ttlOptions: Set<String> = expiryOptions.union(["KEEPTTL"])

    /// True when the op gives its first key a TTL (or keeps an existing one).
    public var givesTTL: Bool {
        if let known = knownGivesTTL { return known }
        return computedGivesTTL
    }

    /// `givesTTL` worked out from the fields.
    var computedGivesTTL: Bool {
        // (A switch, not `expiringCommands.contains`: asked of every op, and comparing short strings costs
        // less than hashing one.)
        switch command {
        case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX": return true
        case "SET", "GETEX", "RESTORE": break
        default: return false
        }
        return givesTTLByArguments
    }

    /// `computedGivesTTL` for an op whose command has number `id` (`CommandIDs.id(command)`, worked out
    /// anyway for the shape's facts): the number compared with nine numbers instead of the name with nine
    /// strings, most of the cost for an op of another command.
    func computedGivesTTL(id: Int32) -> Bool {
        let ids = RedisOp.ttlCommandIDs
        if id == ids.expire || id == ids.pexpire || id == ids.expireAt || id == ids.pexpireAt || id == ids.setex || id == ids.psetex { return true }
        guard id == ids.set || id == ids.getex || id == ids.restore else { return false }
        return givesTTLByArguments
    }

    /// The numbers of the commands `computedGivesTTL` names.
    struct TTLCommandIDs {
        let expire = CommandIDs.id("EXPIRE"), pexpire = CommandIDs.id("PEXPIRE"), expireAt = CommandIDs.id("EXPIREAT")
        let pexpireAt = CommandIDs.id("PEXPIREAT"), setex = CommandIDs.id("SETEX"), psetex = CommandIDs.id("PSETEX")
        let set = CommandIDs.id("SET"), getex = CommandIDs.id("GETEX"), restore = CommandIDs.id("RESTORE")
    }
    static let ttlCommandIDs = TTLCommandIDs()

    /// A `SET`, `GETEX` or `RESTORE` gives a TTL: by a TTL option or a literal argument naming one.
    private var givesTTLByArguments: Bool {
        // The options and literal arguments compared byte by byte: testing the option set against
        // `ttlOptions` hashed both sets' strings, and each literal was decoded and upper-cased into a
        // new string first.
        for option in options where RedisOp.isTTLWord(option.utf8, foldingCase: false) ?? RedisOp.ttlOptions.contains(option) { return true }
        return arguments.contains { argument in
            guard case .literal(let bytes) = argument else { return false }
            // A literal with non-ASCII bytes is upper-cased as Unicode text, as before.
            return RedisOp.isTTLWord(bytes, foldingCase: true)
                ?? RedisOp.ttlOptions.contains(CommandTable.uppercased(String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// Whether `word` is one of `ttlOptions` (`EX`, `PX`, `EXAT`, `PXAT`, `KEEPTTL`), its ASCII letters
    /// compared in either case when `foldingCase`; nil when the word has a non-ASCII byte (String
    /// comparison is by canonical equivalence: the Kelvin sign `K` equals `K`, so such a word is asked
    /// the `String` way).
    @inlinable public static func isTTLWord<Bytes: Sequence>(_ word: Bytes, foldingCase: Bool) -> Bool? where Bytes.Element == UInt8 {
        // The word packed into one integer, upper-cased: the five options are five integers.
        var packed: UInt64 = 0, count = 0
        for byte in word {
            if byte >= 0x80 { return nil }
            count += 1
            let upper = foldingCase && byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            packed = packed &<< 8 | UInt64(upper)
        }
        switch count {
        case 2: return packed == 0x4558 || packed == 0x5058  // EX, PX
        case 4: return packed == 0x4558_4154 || packed == 0x5058_4154  // EXAT, PXAT
        case 7: return packed == 0x4B_4545_5054_544C  // KEEPTTL
        default: return false
        }
    }
}

extension EmbeddedScript {
    /// True when the script expires keys (`EXPIRE`, `SET … EX`…).
    public var givesTTL: Bool {
        script.redisCalls.contains { call in
            guard let command = call.command else { return false }
            // A switch, as in `computedGivesTTL`: `expiringCommands.contains` hashed every call's name.
            switch command {
            case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX": return true
            case "SET", "GETEX": break
            default: return false
            }
            return call.arguments.contains { argument in
                guard case .string(let text) = argument.value else { return false }
                // Compared byte by byte (`RedisOp.isTTLWord`), or upper-cased as Unicode text when not ASCII.
                return RedisOp.isTTLWord(text.utf8, foldingCase: true) ?? RedisOp.ttlOptions.contains(text.uppercased())
            }
        }
    }
}
