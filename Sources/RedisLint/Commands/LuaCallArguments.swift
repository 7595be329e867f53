import LuaParse

/// A Lua `redis.call`'s `[command, arguments…]` as the command table reads it (`KeyWalkArguments`), for the Lua
/// rules: an argument becomes a `CommandArgument` (a string's bytes copied) only when the table asks for it,
/// and the key specs' walk asks only for the subcommand, keywords and key counts. (A list of every argument
/// made per call, and the extraction of its keys into another, cost ~3,500 instructions a call: 1,784 calls
/// of RL705 on nb10.) A type of this module, so that the walk is specialised for it.
public struct LuaCallArguments: KeyWalkArguments {
    /// The name as the call spells it, looked up as it is (made an argument, its bytes were copied into a list
    /// and decoded again for the look-up: ~550 instructions a call).
    private let command: String
    private let arguments: [LuaArgument]

    /// `command`: the call's command name; `arguments`: the call's arguments after it.
    public init(command: String, arguments: [LuaArgument]) {
        self.command = command
        self.arguments = arguments
    }

    var count: Int { arguments.count + 1 }

    var commandName: String? { command }

    subscript(keyWalk index: Int) -> CommandArgument {
        index == 0 ? .text(command) : arguments[index - 1].value.commandArgument
    }

    var containsSpread: Bool { arguments.contains { $0.value.isSpread } }

    /// The whole list.
    public var commandArguments: [CommandArgument] { (0..<count).map { self[keyWalk: $0] } }

    /// The spec the call invokes (`CommandTable.command(for: commandArguments)`).
    public var spec: CommandSpec? { CommandTable.command(for: self) }

    /// The positions of the call's keys (`CommandTable.extractKeys(commandArguments)`'s indices: the command
    /// is 0, the first argument 1), in Redis's order; nil when the command is unknown or the call malformed.
    public var keyPositions: [Int]? {
        guard let spec else { return nil }
        var positions: [Int] = []
        return spec.appendKeyIndices(self, to: &positions) ? positions : nil
    }
}

extension LuaValue {
    /// The value with single-assignment locals looked through (`local k = KEYS[1]` → `KEYS[1]`).
    public var resolved: LuaValue {
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

    /// `commandArgument == .spread`, without making the argument (a string's bytes copied).
    var isSpread: Bool {
        switch resolved {
        case .allKeys, .allArguments: return true
        default: return false
        }
    }

    /// How Lua's `tostring` prints a number (`%.14g`): integers without a fraction.
    public static func luaNumberText(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }
}
