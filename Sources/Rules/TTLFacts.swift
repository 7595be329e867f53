import RedisLint

/// Which keys code gives a TTL, shared by no-ttl (RL404) and set-clears-ttl (RL501).
///
/// Keys are compared by *shape*: literal fragments kept, holes replaced by `*`, so `session:${sid}` in one
/// function and `session:${id}` in another are the same family of keys. A key that is one hole
/// (`${key}`) has no shape: it could be anything.
enum TTLFacts {
    static let expiringCommands: Set<String> = ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX"]
    static let ttlOptions: Set<String> = ["EX", "PX", "EXAT", "PXAT", "KEEPTTL"]

    /// `session:*:data`; nil for a key that is a single hole.
    static func shape(_ key: KeyExpr) -> String? {
        var out = ""
        var hasLiteral = false
        for part in key.parts {
            switch part {
            case .literal(let bytes):
                out += String(decoding: bytes, as: UTF8.self)
                hasLiteral = true
            case .hole:
                if !out.hasSuffix("*") { out += "*" }
            }
        }
        return hasLiteral ? out : nil
    }

    /// True when the op gives its key a TTL (or keeps an existing one).
    static func setsTTL(_ op: RedisOp) -> Bool {
        if expiringCommands.contains(op.command) { return true }
        if op.command == "SET" || op.command == "GETEX" || op.command == "RESTORE" {
            return !op.options.isDisjoint(with: ttlOptions) || op.arguments.contains { argument in
                if case .literal(let bytes) = argument { return ttlOptions.contains(String(decoding: bytes, as: UTF8.self).uppercased()) }
                return false
            }
        }
        return false
    }

    /// Commands a Lua script can give a TTL with.
    static func scriptSetsTTL(_ script: EmbeddedScript) -> Bool {
        script.script.redisCalls.contains { call in
            guard let command = call.command else { return false }
            if expiringCommands.contains(command) { return true }
            guard command == "SET" || command == "GETEX" else { return false }
            return call.arguments.contains { if case .string(let text) = $0.value { return ttlOptions.contains(text.uppercased()) } else { return false } }
        }
    }

    /// Shapes of keys some op gives a TTL in `files`, and whether some TTL is given to a key whose
    /// shape is unknown (a single hole, a key passed to a Lua script that expires).
    struct Expiring {
        var shapes: Set<String> = []
        var exact: Set<KeyExpr> = []
    }

    static func expiring(in files: [FileModel]) -> Expiring {
        var found = Expiring()
        for file in files {
            for trace in file.traces {
                for op in trace.ops where setsTTL(op) {
                    for key in op.keys.prefix(1) {
                        found.exact.insert(key)
                        if let shape = shape(key) { found.shapes.insert(shape) }
                    }
                }
            }
            for script in file.scripts where scriptSetsTTL(script) {
                for site in script.callSites {
                    for key in site.keys {
                        found.exact.insert(key)
                        if let shape = shape(key) { found.shapes.insert(shape) }
                    }
                }
            }
        }
        return found
    }
}
