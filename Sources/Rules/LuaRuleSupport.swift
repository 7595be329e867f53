import LuaParse
import RedisLint

/// What the Lua rules share: which scripts are worth checking, how a `redis.call` looks as a
/// command-table argument list, and where script positions land in the host file.
extension EmbeddedScript {
    /// A script that does not compile never runs: RL701 reports it, and the other Lua rules stay
    /// quiet rather than guess from a partial tree.
    var compiles: Bool { script.syntaxErrors.isEmpty }

    /// The host offset of a script position; the script's end maps just past its last byte (where
    /// luac reports `near '<eof>'`), not onto it.
    func hostOffset(_ offset: Int) -> Int {
        if !sourceOffsets.isEmpty, offset >= sourceOffsets.count {
            return hostRange((sourceOffsets.count - 1)..<sourceOffsets.count).upperBound
        }
        return hostRange(offset..<offset).lowerBound
    }

    /// True for a Redis Functions library (`#!lua name=…` or `redis.register_function`).
    var isFunctionLibrary: Bool {
        (script.shebang?.isFunctionLibrary ?? false) || !script.registeredFunctions.isEmpty
    }
}

extension LuaValue {
    /// How the value reads in a message (`ARGV[1]`, `"user:1"`, `KEYS[1] .. ":lock"`).
    var display: String {
        switch self {
        case .key(let n): return "KEYS[\(n)]"
        case .dynamicKey: return "KEYS[…]"
        case .argument(let n): return "ARGV[\(n)]"
        case .dynamicArgument: return "ARGV[…]"
        case .allKeys: return "unpack(KEYS)"
        case .allArguments: return "unpack(ARGV)"
        case .string(let text): return "\"" + text + "\""
        case .number(let number): return LuaValue.luaNumberText(number)
        case .variable(let name, _): return name
        case .concatenation(let parts): return parts.map(\.display).joined(separator: " .. ")
        case .computed: return "…"
        }
    }
}

extension LuaRedisCall {
    /// `[command, arguments…]` as the command table reads them; nil when the command is not a literal.
    var keyWalkArguments: LuaCallArguments? {
        command.map { LuaCallArguments(command: $0, arguments: arguments) }
    }

    /// The command's spec (subcommands resolved), when the name is literal and known to Redis.
    var spec: CommandSpec? { keyWalkArguments?.spec }

    /// Arguments in key positions, as Redis's `COMMAND GETKEYS` would find them (`CommandTable.extractKeys`).
    /// A spread argument (`unpack(KEYS)`) counts once.
    var keyArguments: [LuaArgument] {
        // Only the positions, walked over the call's arguments in place: the extraction of a list of the call's
        // arguments (each string's bytes copied into it) and of its keys cost ~3,500 instructions a call (1,784
        // calls of RL705 on nb10).
        guard let positions = keyWalkArguments?.keyPositions else { return [] }
        // A call has a few keys, in its first arguments: the positions seen are bits of a word (a list for
        // positions past 64), not a set made and hashed per call.
        var seenBits: UInt64 = 0
        var seenFar: [Int] = []
        var found: [LuaArgument] = []
        found.reserveCapacity(positions.count)
        for position in positions {
            let index = position - 1
            guard index >= 0, index < arguments.count else { continue }
            if index < 64 {
                guard seenBits & (1 << UInt64(index)) == 0 else { continue }
                seenBits |= 1 << UInt64(index)
            } else {
                guard !seenFar.contains(index) else { continue }
                seenFar.append(index)
            }
            found.append(arguments[index])
        }
        return found
    }
}

extension RuleContext {
    /// `body` applied to each of the file's embedded scripts in order. (The call still copies each script,
    /// which is one retain since a script keeps its fields in one box, `EmbeddedScript.Storage`; before, each
    /// copy retained and released its tree's two dozen lists, once per Lua rule.)
    func forEachScript(_ body: (EmbeddedScript) throws -> Void) rethrows {
        try file.scripts.withUnsafeBufferPointer { scripts in
            for index in scripts.indices { try body(scripts[index]) }
        }
    }
}
