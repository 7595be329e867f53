/// What Redis says about one command or subcommand (`COMMAND INFO` + `COMMAND DOCS`).
///
/// Subcommands are their own specs, named the way Redis names them: `config|set`.
/// A class: every look-up hands out the table's own entry, one reference instead of copying some twenty
/// arrays, sets and strings (a copy per op was a hot spot of the scan).
public final class CommandSpec: Sendable {
    /// Lower-case name as Redis reports it: `get`, `config|set`.
    public let name: String
    /// `CONFIG` for `config|set`; nil for a top-level command.
    public let containerName: String?
    /// `SET` for `config|set`; nil for a top-level command.
    public let subcommandName: String?
    /// Redis arity: positive means exactly that many arguments (command name included),
    /// negative means at least `-arity`.
    public let arity: Int
    /// Command flags in lower case: `write`, `readonly`, `denyoom`, `movablekeys`, `noscript`…
    public let flags: Set<String>
    /// ACL categories with their `@`: `@write`, `@string`, `@dangerous`…
    public let aclCategories: [String]
    /// Command tips: `nondeterministic_output`, `request_policy:all_shards`…
    public let tips: [String]
    public let keySpecs: [KeySpec]
    public let since: String?
    public let deprecatedSince: String?
    public let replacedBy: String?
    public let group: String?
    public let complexity: String?
    /// `deprecated`, `syscmd`…
    public let docFlags: [String]
    public let arguments: [ArgumentSpec]
    /// The Redis version that introduced this command when the table server does not know it
    /// (the command came from the overlay); nil for commands the server reported.
    public let overlayVersion: String?
    /// Facts of a server-known command changed by the overlay: version and what (`deprecation`,
    /// `arguments`).
    public let overlayPatches: [OverlayPatch]
    /// Every argument token, upper-cased (`EX`, `NX`, `WITHSCORES`), from the first eight levels of
    /// `arguments`: the front-ends ask, for every option of every op, whether the command has it.
    public let upperCasedTokens: Set<String>

    public init(name: String, containerName: String?, subcommandName: String?, arity: Int, flags: Set<String>,
                aclCategories: [String], tips: [String], keySpecs: [KeySpec], since: String?,
                deprecatedSince: String?, replacedBy: String?, group: String?, complexity: String?,
                docFlags: [String], arguments: [ArgumentSpec], overlayVersion: String?, overlayPatches: [OverlayPatch]) {
        self.name = name
        self.containerName = containerName
        self.subcommandName = subcommandName
        self.arity = arity
        self.flags = flags
        self.aclCategories = aclCategories
        self.tips = tips
        self.keySpecs = keySpecs
        self.since = since
        self.deprecatedSince = deprecatedSince
        self.replacedBy = replacedBy
        self.group = group
        self.complexity = complexity
        self.docFlags = docFlags
        self.arguments = arguments
        self.overlayVersion = overlayVersion
        self.overlayPatches = overlayPatches
        upperCasedTokens = CommandSpec.upperCasedTokens(in: arguments)
    }

    /// The tokens of `arguments` and their children down to `levels` levels, upper-cased.
    static func upperCasedTokens(in arguments: [ArgumentSpec], levels: Int = 8) -> Set<String> {
        var tokens = Set<String>()
        // Level by level, not recursively: a list of the argument lists still to read.
        var level = [arguments]
        for _ in 0..<levels where !level.isEmpty {
            var next: [[ArgumentSpec]] = []
            for list in level {
                for argument in list {
                    if let token = argument.token { tokens.insert(token.uppercased()) }
                    if !argument.arguments.isEmpty { next.append(argument.arguments) }
                }
            }
            level = next
        }
        return tokens
    }

    public struct OverlayPatch: Sendable, Hashable {
        public let version: String
        public let changed: [String]
    }

    public var isWrite: Bool { flags.contains("write") }
    public var isReadOnly: Bool { flags.contains("readonly") }
    public var isBlocking: Bool { flags.contains("blocking") }
    public var hasMovableKeys: Bool { flags.contains("movablekeys") }
    public var isDeprecated: Bool { deprecatedSince != nil }
    /// Scripts (`EVAL`, functions) may call it: Redis rejects `noscript` commands inside Lua.
    public var isAllowedInScripts: Bool { !flags.contains("noscript") }
    /// In the `@dangerous` ACL category (`KEYS`, `FLUSHALL`, `CONFIG SET`, `DEBUG`…).
    public var isDangerous: Bool { aclCategories.contains("@dangerous") }
    /// In the `@slow` ACL category: may take time proportional to the data (`O(N)`).
    public var isSlow: Bool { aclCategories.contains("@slow") }
    /// True when the command (or a fact about it) is newer than the server the table came from.
    public var isNewerThanTableServer: Bool { overlayVersion != nil }
    /// True when at least one key spec describes real keys (what Redis calls "has keys").
    public var hasKeys: Bool { keySpecs.contains { !$0.flags.contains(.notKey) } }

    public struct Deprecation: Sendable, Hashable {
        public let since: String
        /// Redis's own wording: "`SET` with the `NX` argument".
        public let replacedBy: String?
    }

    public var deprecation: Deprecation? {
        deprecatedSince.map { Deprecation(since: $0, replacedBy: replacedBy) }
    }

    /// `SET`, `CONFIG SET`: how messages should name the command.
    public var displayName: String {
        name.split(separator: "|").map { $0.uppercased() }.joined(separator: " ")
    }
}

/// Where the keys of a command are, in Redis's own terms (see the "key specifications" docs).
public struct KeySpec: Sendable, Hashable {
    public enum BeginSearch: Sendable, Hashable {
        /// Start at this argument index (0 is the command name).
        case index(Int)
        /// Start after `keyword`, searching from `startFrom` (negative: from the end, backwards).
        case keyword(String, startFrom: Int)
        /// Redis cannot describe it (e.g. `SORT … BY/GET`).
        case unknown
    }

    public enum FindKeys: Sendable, Hashable {
        /// Keys from the start up to `lastKey` (negative: from the end), every `step`; with
        /// `limit > 0` and `lastKey == -1`, only `1/limit` of the remaining arguments.
        case range(lastKey: Int, step: Int, limit: Int)
        /// The argument at `keyNumIndex` counts the keys, which start at `firstKey`, every `step`
        /// (both relative to the begin-search position).
        case keyNum(keyNumIndex: Int, firstKey: Int, step: Int)
        case unknown
    }

    public let flags: KeySpecFlags
    public let beginSearch: BeginSearch
    public let findKeys: FindKeys
}

/// Key spec flags: how the command touches the key.
public struct KeySpecFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let readOnly = KeySpecFlags(rawValue: 1 << 0)        // RO
    public static let readWrite = KeySpecFlags(rawValue: 1 << 1)       // RW
    public static let overwrite = KeySpecFlags(rawValue: 1 << 2)       // OW
    public static let remove = KeySpecFlags(rawValue: 1 << 3)          // RM
    public static let access = KeySpecFlags(rawValue: 1 << 4)
    public static let update = KeySpecFlags(rawValue: 1 << 5)
    public static let insert = KeySpecFlags(rawValue: 1 << 6)
    public static let delete = KeySpecFlags(rawValue: 1 << 7)
    public static let notKey = KeySpecFlags(rawValue: 1 << 8)
    public static let incomplete = KeySpecFlags(rawValue: 1 << 9)
    public static let variableFlags = KeySpecFlags(rawValue: 1 << 10)

    /// Parses one Redis flag name (`RO`, `access`, `variable_flags`…); unknown names give `[]`.
    public init(redisName: String) {
        switch redisName.lowercased() {
        case "ro": self = .readOnly
        case "rw": self = .readWrite
        case "ow": self = .overwrite
        case "rm": self = .remove
        case "access": self = .access
        case "update": self = .update
        case "insert": self = .insert
        case "delete": self = .delete
        case "not_key": self = .notKey
        case "incomplete": self = .incomplete
        case "variable_flags": self = .variableFlags
        default: self = []
        }
    }
}

/// One argument of a command's syntax, from `COMMAND DOCS`.
public struct ArgumentSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case key, string, integer, double, pattern
        case unixTime = "unix-time"
        case pureToken = "pure-token"
        case oneOf = "oneof"
        case block
        case unknown
    }

    public let name: String
    public let kind: Kind
    /// The literal word before the value (`EX` in `EX seconds`), or the whole argument for a
    /// pure token.
    public let token: String?
    public let isOptional: Bool
    public let isMultiple: Bool
    /// With `isMultiple`: the token repeats before every value (`GET p1 GET p2`).
    public let isMultipleToken: Bool
    public let keySpecIndex: Int?
    public let since: String?
    public let deprecatedSince: String?
    /// Children of a `oneof` (alternatives) or a `block` (sequence).
    public let arguments: [ArgumentSpec]
}
