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
    /// The value with single-assignment locals looked through (`local k = KEYS[1]` → `KEYS[1]`).
    var resolved: LuaValue {
        var value = self
        var steps = 0
        while case .variable(_, let inner) = value, steps < 64 {
            value = inner
            steps += 1
        }
        return value
    }

    /// The value as a command argument known at lint time, for key extraction.
    var commandArgument: CommandArgument {
        switch resolved {
        case .string(let text): return .text(text)
        case .number(let number): return .text(LuaValue.luaNumberText(number))
        case .allKeys, .allArguments: return .spread
        default: return .unknown
        }
    }

    /// How Lua's `tostring` prints a number (`%.14g`): integers without a fraction.
    static func luaNumberText(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

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
    /// `[command, arguments…]` as the command table sees them; nil when the command is not a literal.
    var commandArguments: [CommandArgument]? {
        guard let command else { return nil }
        // Into one list made to size: prepending the command to a mapped list made and copied two.
        var list: [CommandArgument] = []
        list.reserveCapacity(arguments.count + 1)
        list.append(.text(command))
        for argument in arguments { list.append(argument.value.commandArgument) }
        return list
    }

    /// The command's spec (subcommands resolved), when the name is literal and known to Redis.
    var spec: CommandSpec? {
        guard let commandArguments else { return nil }
        return CommandTable.command(for: commandArguments)
    }

    /// Arguments in key positions, as Redis's `COMMAND GETKEYS` would find them. A spread
    /// argument (`unpack(KEYS)`) counts once.
    var keyArguments: [LuaArgument] {
        guard let commandArguments, let extraction = CommandTable.extractKeys(commandArguments), !extraction.isMalformed else { return [] }
        // A call has a few keys, in its first arguments: the positions seen are bits of a word (a list for
        // positions past 64), not a set made and hashed per call.
        var seenBits: UInt64 = 0
        var seenFar: [Int] = []
        var found: [LuaArgument] = []
        found.reserveCapacity(extraction.keys.count)
        for key in extraction.keys {
            let index = key.index - 1
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
