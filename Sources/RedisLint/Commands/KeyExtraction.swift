/// Which arguments of a command are keys, found the way Redis's `COMMAND GETKEYS` finds them:
/// first through the key specs, then, when a spec is incomplete or does not fit the arguments,
/// through the command's own key finder (see `LegacyKeyFinders`).
public struct KeyExtraction: Sendable, Equatable {
    public struct Key: Sendable, Hashable {
        /// Index into the argument list (0 is the command name). When it points at a `.spread`
        /// argument, every value of the spread is a key (`DEL *keys`).
        public let index: Int
        /// How the command uses the key (from its key spec; `[]` when Redis does not say).
        public let flags: KeySpecFlags
    }

    /// The keys that are certainly keys, in Redis's order.
    public var keys: [Key]
    /// True when an argument unknown at lint time could change the answer: an unknown `numkeys`,
    /// an unknown argument where a keyword such as `STREAMS` or `STORE` could be.
    public var dependsOnUnknown: Bool
    /// True when Redis would find no keys because the arguments are malformed (wrong arity, bad
    /// `numkeys`, a missing `STREAMS`…).
    public var isMalformed: Bool

    public var keyIndices: [Int] { keys.map(\.index) }

    static let malformed = KeyExtraction(keys: [], dependsOnUnknown: false, isMalformed: true)
}

extension CommandTable {
    /// Keys of a full argument list (`["ZUNIONSTORE", "dst", "2", "a", "b"]`); nil when the
    /// command is unknown or its name is not known at lint time.
    public static func extractKeys(_ arguments: [CommandArgument]) -> KeyExtraction? {
        guard let spec = command(for: arguments) else { return nil }
        var result = spec.extractKeys(arguments)
        // `XGROUP <unknown> …`: the subcommand, and so the keys, are unknown.
        if spec.containerName == nil, hasSubcommands(spec.name), arguments.count > 1, arguments[1].text == nil {
            result.dependsOnUnknown = true
        }
        return result
    }
}

extension CommandSpec {
    /// Keys of `arguments`, which include the command name at index 0 (and the subcommand name
    /// at index 1 for subcommands), exactly as Redis counts positions.
    public func extractKeys(_ arguments: [CommandArgument]) -> KeyExtraction {
        if arguments.contains(.spread) { return SpreadExpansion.extractKeys(self, arguments) }
        let count = arguments.count
        if (arity > 0 && count != arity) || count < -arity { return .malformed }
        // Redis prefers key specs unless one has variable flags; those commands' own finders
        // (SET, BITFIELD) return the same positions, so the specs serve for positions here.
        if hasKeys, let found = KeySpecWalker(spec: self, arguments: CommandArgumentList(arguments)).run() {
            return found
        }
        if let finder = LegacyKeyFinders.finder(for: name) {
            return finder(arguments)
        }
        return KeyExtraction(keys: [], dependsOnUnknown: false, isMalformed: hasKeys)
    }

    /// The indices of `extractKeys(arguments)`'s keys appended to `indices`, in its order; false (and
    /// nothing appended) when that extraction is malformed. For the op builder, which asks once per op and
    /// needs only the positions: the key specs are walked into the caller's kept list instead of a new list
    /// of keys (an allocation per op, most of the walk's cost), over the builder's own values in place
    /// (`KeyWalkArguments`); the other ways go through `extractKeys` of the whole list.
    func appendKeyIndices<Arguments: KeyWalkArguments>(_ arguments: Arguments, to indices: inout [Int]) -> Bool {
        func append(_ extraction: KeyExtraction) -> Bool {
            guard !extraction.isMalformed else { return false }
            for key in extraction.keys { indices.append(key.index) }
            return true
        }
        // (The steps of `extractKeys`, but for the walk's list.)
        if arguments.containsSpread { return append(SpreadExpansion.extractKeys(self, arguments.commandArguments)) }
        let count = arguments.count
        if (arity > 0 && count != arity) || count < -arity { return false }
        // A command without keys has no key finder of its own either (`KeyIndicesTests` checks the table):
        // asking for one compared its name with every finder's (~1,000 instructions an op, PUBLISH, PING…).
        guard hasKeys else { return true }
        let start = indices.count
        var dependsOnUnknown = false
        if KeySpecWalker(spec: self, arguments: arguments).walk({ index, _ in indices.append(index) }, dependsOnUnknown: &dependsOnUnknown) {
            return true
        }
        while indices.count > start { indices.removeLast() }
        if let finder = LegacyKeyFinders.finder(for: name) { return append(finder(arguments.commandArguments)) }
        return false
    }
}

/// An argument list as the key-spec walk reads it, in Redis's positions (the command name at 0): a list of
/// `CommandArgument`s, or the op builder's values read in place (`OpKeyArguments`), where making the list
/// retained each value, made a byte list of every number's text, and released them all at the next op
/// (the Lua rules' calls likewise, `LuaCallArguments`).
protocol KeyWalkArguments {
    var count: Int { get }
    /// The argument at `index` (in `0..<count`); the walk asks only where a keyword may be and for key counts.
    subscript(keyWalk index: Int) -> CommandArgument { get }
    /// Whether an argument is `.spread`.
    var containsSpread: Bool { get }
    /// The whole list, for the ways other than the key specs (spreads, the command's own key finder).
    var commandArguments: [CommandArgument] { get }
    /// The first argument's text (`self[keyWalk: 0].text`), the command's name.
    var commandName: String? { get }
}

extension KeyWalkArguments {
    var commandName: String? { count > 0 ? self[keyWalk: 0].text : nil }
}

/// A list of `CommandArgument`s as the walk reads it. (A wrapper, not a conformance of `Array`: that slowed
/// the type-checking of other code's subscripts past the compiler's limit.)
struct CommandArgumentList: KeyWalkArguments {
    let commandArguments: [CommandArgument]

    init(_ arguments: [CommandArgument]) { commandArguments = arguments }

    var count: Int { commandArguments.count }
    subscript(keyWalk index: Int) -> CommandArgument { commandArguments[index] }
    var containsSpread: Bool { commandArguments.contains(.spread) }
}

/// Redis's `getKeysUsingKeySpecs`, extended with unknown arguments.
private struct KeySpecWalker<Arguments: KeyWalkArguments> {
    let spec: CommandSpec
    let arguments: Arguments

    /// Nil when a spec is unknown, incomplete or does not fit (Redis then falls back to the
    /// command's own key finder).
    func run() -> KeyExtraction? {
        var result = KeyExtraction(keys: [], dependsOnUnknown: false, isMalformed: false)
        guard walk({ result.keys.append(KeyExtraction.Key(index: $0, flags: $1)) }, dependsOnUnknown: &result.dependsOnUnknown) else {
            return nil
        }
        return result
    }

    /// `run()` handing each key to `add` (its index and flags) instead of a list, and telling whether a key
    /// depends on an unknown argument; false when `run()` is nil (keys may have been handed on before).
    func walk(_ add: (Int, KeySpecFlags) -> Void, dependsOnUnknown: inout Bool) -> Bool {
        let argc = arguments.count
        // (Each spec read in place through the buffer: iterating the list copied every spec out, retaining
        // and releasing a keyword's text, ~90 instructions an op.)
        return spec.keySpecs.withUnsafeBufferPointer { keySpecs in
            for specIndex in keySpecs.indices {
                let flags = keySpecs[specIndex].flags
                guard !flags.contains(.notKey) else { continue }
                var first = 0
                switch keySpecs[specIndex].beginSearch {
                case .index(let position):
                    first = position
                case .keyword(let keyword, let startFrom):
                    switch searchKeyword(keyword, startFrom: startFrom) {
                    case .found(let position):
                        first = position
                    case .notFound:
                        continue
                    case .blockedByUnknown:
                        // An unknown that may be the keyword of an incomplete spec (MIGRATE … KEYS)
                        // puts every key in doubt: let the command's own finder judge.
                        if flags.contains(.incomplete) { return false }
                        dependsOnUnknown = true
                        continue
                    }
                case .unknown:
                    return false
                }
                var last = 0
                var step = 1
                switch keySpecs[specIndex].findKeys {
                case .range(let lastKey, let keyStep, let limit):
                    step = keyStep
                    if lastKey >= 0 {
                        last = first + lastKey
                    } else if limit == 0 {
                        last = argc + lastKey
                    } else {
                        last = first + ((argc - first) / limit + lastKey)
                    }
                case .keyNum(let keyNumIndex, let firstKey, let keyStep):
                    step = keyStep
                    guard first + keyNumIndex < argc else { return false }
                    let countArgument = arguments[keyWalk: first + keyNumIndex]
                    if case .unknown = countArgument {
                        // How many keys follow is unknown: no key here is certain.
                        dependsOnUnknown = true
                        continue
                    }
                    guard let numKeys = countArgument.strictInteger, numKeys >= 0 else { return false }
                    // More keys than arguments is malformed; checking first also avoids overflow.
                    guard numKeys <= argc else { return false }
                    first += firstKey
                    last = first + numKeys - 1
                case .unknown:
                    return false
                }
                if last >= argc || last < first || first >= argc { return false }
                guard step > 0 else { return false }
                var index = first
                while index <= last {
                    add(index, flags)
                    index += step
                }
                if flags.contains(.incomplete) { return false }
            }
            return true
        }
    }

    private enum KeywordSearch {
        /// The keys start here (just after the keyword).
        case found(Int)
        case notFound
        /// An unknown argument came first; it might be the keyword (Redis takes the first match).
        case blockedByUnknown
    }

    /// Searches for `keyword` the way Redis does: forwards from `startFrom`, or backwards from
    /// the end when it is negative.
    private func searchKeyword(_ keyword: String, startFrom: Int) -> KeywordSearch {
        let argc = arguments.count
        let start = startFrom > 0 ? startFrom : argc + startFrom
        let end = startFrom > 0 ? argc - 1 : 1
        var index = start
        while index != end {
            if index >= argc || index < 1 { break }
            let argument = arguments[keyWalk: index]
            if argument == .unknown || argument == .spread { return .blockedByUnknown }
            if argument.matchesKeyword(keyword) { return .found(index + 1) }
            index = start <= end ? index + 1 : index - 1
        }
        return .notFound
    }
}
