/// What the analysis reports about a script. All spans are byte ranges into the source given to
/// `LuaScript`; lines are 1-based within it.

/// A name read or written as a global.
public struct LuaNameUse: Sendable, Equatable {
    public let name: String
    public let span: Range<Int>
    public let line: Int
}

/// A use of something the Redis sandbox removes (`print`, `dofile`, `loadfile`) or never provides
/// (`require`, `io`, `os`, `debug`, …). Either fails when the script runs.
public struct LuaSandboxUse: Sendable, Equatable {
    public enum Kind: String, Sendable { case removedByRedis, notProvided }
    public let name: String
    public let kind: Kind
    public let span: Range<Int>
    public let line: Int
}

/// A use of a `redis.*` API other than a direct `redis.call`/`redis.pcall` (those are `LuaRedisCall`s).
public struct LuaRedisAPIUse: Sendable, Equatable {
    /// The field after `redis.`, e.g. `setresp`, `log`, `replicate_commands`.
    public let name: String
    public let isCall: Bool
    public let span: Range<Int>
    public let line: Int
}

/// Something whose result differs between runs or replicas: `math.random`, `redis.call('TIME')`, …
public struct LuaNondeterminismUse: Sendable, Equatable {
    public let what: String
    public let span: Range<Int>
    public let line: Int
}

/// What an argument of `redis.call` is, as far as the script shows.
public indirect enum LuaValue: Sendable, Equatable {
    /// `KEYS[n]` with a literal n (1-based as in Lua).
    case key(Int)
    /// `KEYS[expr]`, e.g. inside `for i = 1, #KEYS`.
    case dynamicKey
    /// `ARGV[n]` with a literal n.
    case argument(Int)
    case dynamicArgument
    /// `unpack(KEYS)` / `unpack(ARGV)`: every key or argument, spread.
    case allKeys
    case allArguments
    case string(String)
    case number(Double)
    /// A local variable whose only value is the one shown, e.g. `local key = KEYS[1]`.
    case variable(name: String, value: LuaValue)
    /// `a .. b .. c`, each part classified.
    case concatenation([LuaValue])
    /// Anything else: a function result, arithmetic, a parameter, a global.
    case computed
}

public struct LuaArgument: Sendable, Equatable {
    public let value: LuaValue
    public let span: Range<Int>
}

public struct LuaRedisCall: Sendable {
    public let isPcall: Bool
    /// Upper-cased, when the command is a literal string (or a local holding one).
    public let command: String?
    public let commandSpan: Range<Int>
    public let span: Range<Int>
    /// The arguments after the command.
    public let arguments: [LuaArgument]
    public let line: Int
    /// Name of the Functions-library function whose callback contains this call, if any.
    public let registeredFunction: String?
    /// Nesting of loops around the call within its function.
    public let loopDepth: Int
}

/// How a script (or one registered function) uses KEYS and ARGV.
public struct LuaKeysUsage: Sendable, Equatable {
    /// Highest literal `KEYS[n]` / `ARGV[n]` index used.
    public var highestKeyIndex: Int?
    public var highestArgumentIndex: Int?
    /// `#KEYS` / `#ARGV` appear.
    public var usesKeyCount = false
    public var usesArgumentCount = false
    /// `KEYS[expr]` / `ARGV[expr]` with a non-literal index.
    public var usesDynamicKeyIndex = false
    public var usesDynamicArgumentIndex = false
    /// KEYS / ARGV used as a whole (`unpack(KEYS)`, `ipairs(KEYS)`, passed to a function).
    public var usesKeysAsWhole = false
    public var usesArgumentsAsWhole = false

    public init() {}
}

/// A function registered by a Redis Functions library.
public struct LuaRegisteredFunction: Sendable {
    /// The literal name, if given as one.
    public let name: String?
    public let span: Range<Int>
    public let line: Int
    /// `flags` of the table form, e.g. `no-writes`.
    public let flags: [String]
    /// The callback's first and second parameter names (they play KEYS and ARGV).
    public let keysParameter: String?
    public let argumentsParameter: String?
    /// The callback's span when it is found (inline or a local function).
    public let callbackSpan: Range<Int>?
    public let usage: LuaKeysUsage
}
