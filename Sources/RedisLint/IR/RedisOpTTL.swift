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
        if !options.isDisjoint(with: RedisOp.ttlOptions) { return true }
        return arguments.contains { argument in
            if case .literal(let bytes) = argument { return RedisOp.ttlOptions.contains(CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))) }
            return false
        }
    }
}

extension EmbeddedScript {
    /// True when the script expires keys (`EXPIRE`, `SET … EX`…).
    public var givesTTL: Bool {
        script.redisCalls.contains { call in
            guard let command = call.command else { return false }
            if RedisOp.expiringCommands.contains(command) { return true }
            guard command == "SET" || command == "GETEX" else { return false }
            return call.arguments.contains { if case .string(let text) = $0.value { return RedisOp.ttlOptions.contains(text.uppercased()) } else { return false } }
        }
    }
}
