/// Turns a call site on a Redis client into a `RedisOp`: the command, its key expressions, other
/// arguments and normalised options, whatever the client library's calling convention.
/// A class, one per `traceCalls` (one per traced file, two for a file traced in two parts): as a struct, `build` (mutating) reached its view and value reader through
/// the tracer's variable, and copied and retained them (or the whole builder) for the calls it made.
final class OpBuilder {
    let view: TokenView
    let values: ValueReader
    let language: Language
    /// List and dictionary literals the call's bare-name arguments were last assigned in the caller's
    /// function (`const args = [key, start, end]`, `status = {"a": 1}`), by name.
    @exclusivity(unchecked) var assignedLiterals: [String: Range<Int>] = [:]
    /// Working lists of `build`, kept from op to op (the tracer makes one builder per file): a fresh
    /// list per op was a malloc and a free each. Moved out (one swap) while `build` runs, so it owns them alone.
    @exclusivity(unchecked) private var keptLists = WorkLists()
    /// The command table's answers for the command each method resolves to, by method number
    /// (`CallSite.methodID`): the table hashes the name at every look-up, two or three per op, and a
    /// file's ops call a few methods over and over.
    @exclusivity(unchecked) private var resolvedCommandFacts: [ResolvedCommandFacts?] = []

    /// `CommandTable`'s answers for a resolved method's command and subcommand. (A class: handed out at
    /// every op, a struct's fields were copied out, retained and released each time; a reference is one.)
    final class ResolvedCommandFacts {
        /// `CommandTable.hasSubcommands(command)`.
        let hasSubcommands: Bool
        /// `CommandTable.command(named: command, subcommand: subcommand)`.
        let spec: CommandSpec?
        /// `isScriptCommand`, `isStreamRead` and `isScriptContainer` of the command: asked of every op (a
        /// call and a compare or more each).
        let isScriptCommand: Bool
        let isStreamRead: Bool
        let isScriptContainer: Bool

        init(command: String, subcommand: String?) {
            hasSubcommands = CommandTable.hasSubcommands(command)
            spec = CommandTable.command(named: command, subcommand: subcommand)
            isScriptCommand = OpBuilder.isScriptCommand(command)
            isStreamRead = OpBuilder.isStreamRead(command)
            isScriptContainer = OpBuilder.isScriptContainer(command)
        }
    }

    /// Sets of two option words this builder made (`insertOption`), by the two words' numbers, at most
    /// `optionPairLimit` of them (a file's ops use a few pairs: `EX` and `NX`).
    @exclusivity(unchecked) private var optionPairs: [(words: Int, set: Set<String>)] = []
    private static let optionPairLimit = 16

    /// `OptionWords.insert`, but a set of two option words is made once and shared: the second word inserted
    /// into the first's shared set copied that set and hashed both words again (~1,400 instructions).
    func insertOption(_ word: OptionWords.Number, into options: inout Set<String>) {
        guard options.count == 1, case .index(let second) = word, case .index(let first)? = OptionWords.number(options.first!), first != second else {
            OptionWords.insert(word, into: &options)
            return
        }
        let words = min(first, second) << 8 | max(first, second)
        for pair in optionPairs where pair.words == words {
            options = pair.set
            return
        }
        OptionWords.insert(word, into: &options)
        if optionPairs.count < OpBuilder.optionPairLimit { optionPairs.append((words, options)) }
    }

    /// The working lists of one `build`.
    struct WorkLists {
        /// The call's positional arguments, in Redis's order.
        var positional: [Range<Int>] = []
        /// The keys reading an argument built (`argumentAndKey`), by position; empty when none was.
        var argumentKeys: [KeyExpr?] = []
        /// Which of the positional arguments are keys.
        var keyIndices: [Int] = []
        /// The values read from the positional arguments; the op's own list is made of those that are not keys.
        var values: [ArgumentValue] = []
        /// Whether each positional argument is a key (asked three times per argument: a table read instead of a
        /// search). Written for an op's arguments before it is read, so never emptied.
        var isKeyAt: [Bool] = []
        /// The call's arguments, which `build` may rewrite (a raw call's command name taken out, a script's lists).
        var arguments: [ArgumentSyntax] = []

        /// Empties the lists (but `isKeyAt`), keeping their storage.
        mutating func empty() {
            WorkLists.empty(&positional)
            WorkLists.empty(&argumentKeys)
            WorkLists.empty(&keyIndices)
            WorkLists.empty(&values)
            WorkLists.empty(&arguments)
        }

        /// Empties a working list, keeping its storage: `removeAll(keepingCapacity:)` goes through the general
        /// `replaceSubrange` (hundreds of instructions) for the few elements an op leaves.
        private static func empty<Element>(_ list: inout [Element]) {
            while !list.isEmpty { list.removeLast() }
        }
    }

    init(view: TokenView, values: ValueReader, language: Language) {
        self.view = view
        self.values = values
        self.language = language
    }

    /// Options whose presence as a keyword argument with a true value is a flag (`nx: true`, `nx=True`).
    static let flagOptions: Set<String> = ["NX", "XX", "GET", "KEEPTTL", "GT", "LT", "CH", "INCR", "NOACK", "MKSTREAM",
                                           "ASYNC", "SYNC", "REPLACE", "ABSTTL", "WITHSCORES", "TRANSACTION"]
    /// Options that take a value (`ex: 30`, `ex=30`, `{ EX: 30 }`).
    static let valuedOptions: Set<String> = ["EX", "PX", "EXAT", "PXAT", "COUNT", "BLOCK", "MATCH", "TYPE", "LIMIT",
                                             "MAXLEN", "MINID", "IDLE", "TIMEOUT", "FIELDS"]
    /// Both, for `labelled`, which treats them alike (asking the two sets hashed a keyword twice).
    static let flagOrValuedOptions = flagOptions.union(valuedOptions)
    /// redis-py keyword arguments naming the key or value (`set(name="k", value=1)`), compared bytewise.
    static let pythonOperandLabels = ByteWords(["name", "key", "value", "time", "amount", "src", "dst", "keys", "mapping", "source",
                                                "destination", "member"])
    /// RediStack option spellings `labelled` looks for, as bytes made once (made at every call, they were
    /// most of its work on Swift files).
    private enum SwiftOptionWords {
        static let keyDoesNotExist = [Array("keyDoesNotExist".utf8)]
        static let keyExists = [Array("keyExists".utf8)]
        static let keepExisting = [Array("keepExisting".utf8)]
        static let onlyNewElements = [Array("onlyNewElements".utf8)]
        static let onlyExistingElements = [Array("onlyExistingElements".utf8)]
        static let changedElementsCount = [Array("changedElementsCount".utf8)]
        /// The option words `labelled` inserts by name.
        static let nx = OptionWords.number(of: "NX"), xx = OptionWords.number(of: "XX"), keepTTL = OptionWords.number(of: "KEEPTTL"),
                   px = OptionWords.number(of: "PX"), ex = OptionWords.number(of: "EX"), ch = OptionWords.number(of: "CH"),
                   async = OptionWords.number(of: "ASYNC")
    }

    struct Parts {
        var command: String
        var subcommand: String?
        var keys: [KeyExpr]
        var arguments: [ArgumentValue]
        var options: Set<String>
        /// What to underline: the method name, or the command literal of a raw call.
        var nameSpan: Range<Int>
        /// EVAL/EVALSHA/FCALL/SCRIPT LOAD: the script (or SHA, or function name) argument.
        var scriptArgument: Range<Int>? = nil
        /// EVAL-like commands: the number of keys, and of arguments after them, when known.
        var numberOfKeys: Int? = nil
        var argumentCount: Int? = nil
        /// Names the value arguments read (not the keys), in the order read; a name may come twice.
        var valueNames: [String] = []
        /// `CommandTable.command(named: command, subcommand: subcommand)` when the builder looked it up
        /// (`.none`: not looked up), so the tracer's checks need not hash the name again.
        var lookedUpSpec: CommandSpec?? = .none

        /// `CommandTable.hasSubcommands(command)` when the builder knew it already (nil: not known).
        var knownHasSubcommands: Bool? = nil

        /// The spec of the op's command: the builder's, or looked up now.
        var spec: CommandSpec? { lookedUpSpec ?? CommandTable.command(named: command, subcommand: subcommand) }

        /// Does the op's command have subcommands (`CommandTable.hasSubcommands`)?
        var hasSubcommands: Bool { knownHasSubcommands ?? CommandTable.hasSubcommands(command) }
    }

    static let scriptCommands: Set<String> = ["EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO"]

    /// `XREAD` or `XREADGROUP`, and `SCRIPT`: a first byte read before the compares (a failed compare with a
    /// literal is a call), as in `isScriptCommand`.
    static func isStreamRead(_ command: String) -> Bool {
        command.utf8.first == UInt8(ascii: "X") && (command == "XREAD" || command == "XREADGROUP")
    }

    static func isScriptContainer(_ command: String) -> Bool {
        command.utf8.first == UInt8(ascii: "S") && command == "SCRIPT"
    }

    /// `scriptCommands.contains(command)`, asked up to three times per op: comparing a few short strings
    /// costs less than hashing one.
    static func isScriptCommand(_ command: String) -> Bool {
        // Most commands start with neither E nor F: one byte read instead of six failed compares, each a call.
        guard let first = command.utf8.first, first == UInt8(ascii: "E") || first == UInt8(ascii: "F") else { return false }
        return switch command {
        case "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO": true
        default: false
        }
    }

    /// The command table's answers for what method `number` resolves to, looked up once per file.
    func commandFacts(method number: Int32, _ resolved: ClientMethods.Resolved) -> ResolvedCommandFacts {
        let index = Int(number)
        if index >= resolvedCommandFacts.count {
            resolvedCommandFacts.append(contentsOf: repeatElement(nil, count: index + 1 - resolvedCommandFacts.count))
        }
        if let known = resolvedCommandFacts[index] { return known }
        let found = ResolvedCommandFacts(command: resolved.command, subcommand: resolved.subcommand)
        resolvedCommandFacts[index] = found
        return found
    }

    /// `scriptLiteral`: set to the op's script argument (`Parts.scriptArgument`) when that is one string
    /// literal that is not empty: its first token and its decoded text, what `ScriptExtractor.resolveLiteral`
    /// finds there. (Handed out here, not in `Parts` or the builder: either grown, it was copied at every op.)
    /// `callArguments`: the call's arguments (`FileCalls.arguments(of:)`).
    /// `method`: the call's method name.
    func build(_ call: CallSite, method: String, arguments callArguments: CallArguments, resolved: ClientMethods.Resolved,
               scriptLiteral found: inout (Int, DecodedString)?) -> Parts? {
        var work = WorkLists()
        swap(&work, &keptLists)
        work.empty()
        defer { swap(&work, &keptLists) }
        return buildParts(call, method: method, arguments: callArguments, resolved: resolved, scriptLiteral: &found, work: &work)
    }

    /// `build`, with the working lists at hand (emptied). Its steps are functions of their own, and do not
    /// inline into it: the optimiser stops inlining into a function past a size, and the whole of `build` as
    /// one function was past it (a list's `count`, an empty list, a `Set`'s `isEmpty` were each a call there).
    private func buildParts(_ call: CallSite, method: String, arguments callArguments: CallArguments, resolved: ClientMethods.Resolved,
                            scriptLiteral found: inout (Int, DecodedString)?, work: inout WorkLists) -> Parts? {
        var command = resolved.command
        var subcommand = resolved.subcommand
        // The call's own arguments are read in place: a list of its own only for a raw call (its command name is
        // taken out) and a script command (its lists are) (copying every op's arguments cost ~140 instructions).
        // (Before a raw call's name is read, the command is the method's.)
        // The table's answers for the method's own command (not for a raw call's: its command is an argument).
        let ownFacts = resolved.isRaw ? nil : commandFacts(method: call.methodID, resolved)
        let methodIsScriptCommand = ownFacts?.isScriptCommand ?? OpBuilder.isScriptCommand(command)
        let rewritesArguments = resolved.isRaw || methodIsScriptCommand
        if rewritesArguments { work.arguments.append(contentsOf: callArguments) }
        var nameSpan = view[call.nameToken].range
        var read = ArgumentsRead()
        if resolved.isRaw {
            guard let (name, token) = rawCommandName(&work.arguments, method: method) else { return nil }
            command = name
            nameSpan = view[token].range
            // `sendCommand('ZRANGE', args)` with `const args = [key, start, end]`: the list's elements are the arguments.
            if work.arguments.count == 1, !work.arguments[0].hasLabel, !work.arguments[0].isSplat, case let only = values.trimmed(work.arguments[0].tokens),
               only.count == 1, view.kind(only.lowerBound) == .identifier, let list = assignedLiterals[view.text(only.lowerBound)],
               view.isPunct(list.lowerBound, "[") {
                work.arguments[0].tokens = list
            }
            if let parts = rawArgumentList(work.arguments, command: command, nameSpan: nameSpan) { return parts }
        } else if ownFacts?.isStreamRead ?? Self.isStreamRead(command), let parts = streamRead(callArguments, command: command, nameSpan: nameSpan) {
            return parts
        }
        // (A raw call, `call("EVALSHA", sha, keys.size, *keys)`, is Redis's own form.)
        // (Asked once: the command changes below only from ZRANGE, INCR or DECR to another that is no script command.)
        let isScriptCommand = resolved.isRaw ? OpBuilder.isScriptCommand(command) : methodIsScriptCommand
        if isScriptCommand, !resolved.isRaw { scriptLists(&work.arguments, into: &read.labelledLists) }
        readArguments(rewritesArguments ? CallArguments(list: work.arguments, start: 0, count: work.arguments.count) : callArguments,
                      positional: &work.positional, &read)

        // redis-py `zrange(k, a, b, desc=True)` sends ZREVRANGE unless a BYSCORE/BYLEX/LIMIT form is asked for.
        if language == .python, command == "ZRANGE",
           callArguments.contains(where: { $0.isLabelled("desc", in: view) && !values.isFalsy($0.tokens) }),
           !callArguments.contains(where: {
               ($0.isLabelled("byscore", in: view) || $0.isLabelled("bylex", in: view) || $0.isLabelled("offset", in: view)
                || $0.isLabelled("num", in: view)) && !values.isFalsy($0.tokens)
           }) {
            command = "ZREVRANGE"
        }

        var swiftKeyCount: Int? = nil
        if language == .swift {
            (command, work.positional, swiftKeyCount) = swiftOrder(command: command, positional: work.positional, labels: read.swiftLabels,
                                                                   by: callArguments.first { $0.isLabelled("by", in: view) }.map { values.trimmed($0.tokens) })
        }

        // The table's answers for the method's own command, while the call has not changed it (nil: the
        // call's command is another, looked up here). (Equal strings made from one string compare in a few
        // instructions.)
        let methodFacts = command == resolved.command ? ownFacts : nil
        let hasSubcommands = methodFacts?.hasSubcommands ?? (subcommand == nil ? CommandTable.hasSubcommands(command) : nil)
        // Containers take their subcommand from the first argument: `script(:load, src)`, `config('SET', …)`.
        if subcommand == nil, hasSubcommands == true, let first = work.positional.first,
           case .literal(let bytes) = values.argument(first) {
            subcommand = CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))
            work.positional.removeFirst()
        }

        // redis-rb `eval(script, keys: [...], argv: [...])`, redis-py script objects `keys=[...]`.
        if isScriptCommand, let keyList = read.labelledLists["keys"] {
            return scriptListParts(keyList: keyList, command: command, subcommand: subcommand, positional: work.positional, read: read, nameSpan: nameSpan)
        }

        let spec = if let methodFacts, subcommand == resolved.subcommand { methodFacts.spec }
            else { CommandTable.command(named: command, subcommand: subcommand) }
        // Keyword options the command does not have are someone else's (`result.get(timeout=10)`).
        // (Filtered only when one is: the filter made a new set, and a command's options are mostly its own.)
        if let spec, !spec.arguments.isEmpty, !read.options.isEmpty, read.options.contains(where: { !spec.upperCasedTokens.contains($0) }) {
            read.options = read.options.filter { spec.upperCasedTokens.contains($0) }
        }
        // The script of EVAL or SCRIPT LOAD written as one literal: decoded once, with the source offsets the
        // script extractor reads (which decoded the literal a second time); its value is what
        // `argumentAndKey` reads of a lone literal.
        let mayRunScript = isScriptCommand || (methodFacts?.isScriptContainer ?? Self.isScriptContainer(command))
        var scriptLiteral: (Int, DecodedString)? = nil
        let textsLeft = readValues(work.positional, into: &work.values, keys: &work.argumentKeys, mayRunScript: mayRunScript, scriptLiteral: &scriptLiteral)
        if !resolved.isRaw, swiftKeyCount == nil, let spec, let keys = countedKeys(spec, positional: work.positional, values: work.values) {
            return Parts(command: command, subcommand: subcommand, keys: keys, arguments: [], options: read.options, nameSpan: nameSpan,
                         lookedUpSpec: .some(spec), knownHasSubcommands: hasSubcommands)
        }

        if let count = swiftKeyCount {
            // The signature says which arguments are keys (RediStack's `from:`/`of:`/`as:`/`sources:`).
            work.keyIndices.append(contentsOf: 0..<min(count, work.positional.count))
        } else if let spec {
            findKeyIndices(spec, command: &command, subcommand: &subcommand, values: work.values, positionalCount: work.positional.count,
                           read: read, into: &work.keyIndices)
        }
        let keys = makeKeys(work.keyIndices, &work.argumentKeys, work.positional, work.values, spec: spec, subcommand: subcommand, read: read)
        markKeys(&work, textsLeft: textsLeft, spec: spec, options: &read.options)
        // The values that are not keys, in a list of their own made at its size.
        var parts = Parts(command: command, subcommand: subcommand, keys: keys, arguments: OpBuilder.nonKeys(&work.values, isKeyAt: work.isKeyAt),
                          options: read.options, nameSpan: nameSpan, lookedUpSpec: .some(spec), knownHasSubcommands: hasSubcommands)
        for (index, range) in work.positional.enumerated() where !work.isKeyAt[index] {
            for token in range where view.kind(token) == .identifier && !view.isPunct(token - 1, ".") {
                parts.valueNames.append(view.text(token))
            }
        }
        if isScriptCommand || (command == "SCRIPT" && subcommand == "LOAD") {
            let positional = work.positional
            parts.scriptArgument = positional.first
            found = scriptLiteral
            if positional.count > 1, case .number(let text) = values.argument(positional[1]) { parts.numberOfKeys = Int(text) }
            // `eval(script, 1, key, arg)`: what follows the keys, when nothing is spread.
            if let keys = parts.numberOfKeys, read.splats.isEmpty, positional.count >= 2 + keys { parts.argumentCount = positional.count - 2 - keys }
        }
        return parts
    }

    /// The op of a script command whose keys are a list given apart (redis-rb `eval(script, keys: [...], argv: [...])`,
    /// redis-py script objects `keys=[...]`, `scriptLists`'s forms): `keyList`.
    private func scriptListParts(keyList: Range<Int>, command: String, subcommand: String?, positional: [Range<Int>], read: ArgumentsRead,
                                 nameSpan: Range<Int>) -> Parts {
        // A list held in a variable (`keys: keys`): its length is known only at run time.
        let keysKnown = keyList.isEmpty || view.isPunct(values.trimmed(keyList).lowerBound, "[")
        let argumentList = read.labelledLists["argv"] ?? read.labelledLists["args"]
        if !keysKnown {
            return Parts(command: command, subcommand: subcommand, keys: [KeyExpr.hole("*" + view.compactText(values.trimmed(keyList)))],
                         arguments: positional.prefix(1).map { values.argument($0) }, options: read.options, nameSpan: nameSpan,
                         scriptArgument: positional.first, numberOfKeys: nil,
                         argumentCount: argumentList.flatMap { view.isPunct(values.trimmed($0).lowerBound, "[") ? listElements($0).count : nil })
        }
        let keyRanges = keyList.isEmpty ? [] : listElements(keyList)
        let argumentRanges = argumentList.map(listElements) ?? []
        let argumentsKnown = argumentList.map { view.isPunct(values.trimmed($0).lowerBound, "[") } ?? true
        return Parts(command: command, subcommand: subcommand, keys: keyRanges.map { values.keyExpr($0) },
                     arguments: (positional.prefix(1) + argumentRanges).map { values.argument($0) }, options: read.options,
                     nameSpan: nameSpan, scriptArgument: positional.first, numberOfKeys: keyRanges.count,
                     argumentCount: argumentsKnown ? argumentRanges.count : nil)
    }

    /// Reads the value of each positional argument into `argumentValues`, and the key reading built of it, if any,
    /// into `argumentKeys` (by position; left empty when reading built none). Returns the arguments (among the
    /// first 64) whose value's text was left to make (`argumentAndKeyLeavingText`), by position: made by
    /// `markKeys` for those that are no key (a key's value is read for its kind only).
    /// `scriptLiteral`: the first argument when `mayRunScript` and it is one literal, decoded (see `build`).
    @inline(never) private func readValues(_ positional: [Range<Int>], into argumentValues: inout [ArgumentValue], keys argumentKeys: inout [KeyExpr?],
                                           mayRunScript: Bool, scriptLiteral: inout (Int, DecodedString)?) -> UInt64 {
        // (Read into the kept list: the op's own list is made at its size at the end, and not at all when every
        // value is a key, as for most ops; a list reserved per op here cost ~350 instructions and a free.)
        if argumentValues.capacity < positional.count { argumentValues.reserveCapacity(positional.count) }
        var textsLeft: UInt64 = 0
        for (index, range) in positional.enumerated() {
            if index == 0, mayRunScript, case let trimmed = values.trimmed(range), trimmed.count == 1, view[trimmed.lowerBound].kind == .string {
                let decoded = values.decode(view[trimmed.lowerBound])
                argumentValues.append(.literal(decoded.value))
                if !decoded.value.isEmpty { scriptLiteral = (trimmed.lowerBound, decoded) }
                continue
            }
            let (read, key) = values.argumentAndKeyLeavingText(range)
            if read == nil && index < 64 { textsLeft |= 1 << UInt64(index) }
            argumentValues.append(read ?? (index < 64 ? .dynamic("") : values.leftText(of: range, key: key!)))
            if let key {
                // (One by one into the kept storage: appending a repeated element cost ~110 instructions.)
                if argumentKeys.isEmpty { for _ in positional.indices { argumentKeys.append(nil) } }
                argumentKeys[index] = key
            }
        }
        return textsLeft
    }

    /// Appends the positions of the key arguments to `keyIndices` (empty): Redis's own key specs over the argument
    /// list as Redis would receive it (the command, the subcommand, the op's `values`), else, for client signatures
    /// that do not match the raw command, the key spec's first key and the like.
    @inline(never) private func findKeyIndices(_ spec: CommandSpec, command: inout String, subcommand: inout String?, values argumentValues: [ArgumentValue],
                                               positionalCount: Int, read: ArgumentsRead, into keyIndices: inout [Int]) {
        // The command and subcommand words come first in Redis's list.
        let offset = subcommand == nil ? 1 : 2
        // The key specs' positions in Redis's argument list (the op's values read in place, not copied into
        // a list of their own), turned into positions among the call's arguments in place (the command and
        // subcommand words, and any past the arguments, dropped). (Not asked when a spread's length is
        // unknown: the answer was not used.)
        if !read.variadicUnknown, OpKeyArguments.reading(command: &command, subcommand: &subcommand, values: argumentValues, {
            spec.appendKeyIndices($0, to: &keyIndices)
        }) {
            var kept = 0
            for index in keyIndices.indices {
                let position = keyIndices[index] - offset
                if position >= 0 && position < positionalCount {
                    keyIndices[kept] = position
                    kept += 1
                }
            }
            while keyIndices.count > kept { keyIndices.removeLast() }
        }
        if keyIndices.isEmpty, positionalCount > 0, let first = spec.keySpecs.first, !first.flags.contains(.notKey),
           case .index(let begin) = first.beginSearch, begin == offset {
            // Client signatures that do not match the raw command (options as keyword arguments,
            // splats): the first argument is the first key; a plain list of keys when the spec says so.
            if case .range(let last, let step, _) = first.findKeys, last == -1, step == 1 {
                keyIndices.append(contentsOf: 0..<positionalCount)
            } else if case .range(let last, 1, _) = first.findKeys, last < -1, !read.splats.isEmpty {
                // `brpop(*queues, timeout)`: the keys are what precedes the splat, and the splat;
                // what follows it is the trailing timeout.
                keyIndices.append(contentsOf: 0..<min(read.firstSplatPosition, positionalCount))
            } else {
                // Keys at fixed places the client fills in before its defaults (redis-py
                // `lmove(src, dst)` sends `LMOVE src dst LEFT RIGHT`): each that the call spells.
                keyIndices.append(contentsOf: OpBuilder.singleKeyPositions(spec, offset: offset, before: read.splats.isEmpty ? positionalCount : read.firstSplatPosition))
                if keyIndices.isEmpty && read.splats.isEmpty { keyIndices.append(0) }
            }
        } else if keyIndices.isEmpty, !read.splats.isEmpty {
            // `bitop(op, dest, *keys)`: a single key at a fixed place before the spread is still known.
            keyIndices.append(contentsOf: OpBuilder.singleKeyPositions(spec, offset: offset, before: read.firstSplatPosition))
        }
    }

    /// The op's keys: those of the arguments at `keyIndices`, then the holes of spreads that hold keys.
    @inline(never) private func makeKeys(_ keyIndices: [Int], _ argumentKeys: inout [KeyExpr?], _ positional: [Range<Int>], _ argumentValues: [ArgumentValue],
                                         spec: CommandSpec?, subcommand: String?, read: ArgumentsRead) -> [KeyExpr] {
        var keys: [KeyExpr]
        if keyIndices.count == 1 {
            // Most ops have one key: a list literal of it is made at its size at once (reserving room went
            // through the general growth path, about 140 instructions more).
            keys = [key(at: keyIndices[0], &argumentKeys, positional, argumentValues)]
        } else {
            keys = []
            if !keyIndices.isEmpty { keys.reserveCapacity(keyIndices.count) }
            for index in keyIndices { keys.append(key(at: index, &argumentKeys, positional, argumentValues)) }
        }
        guard !read.splats.isEmpty else { return keys }
        // `unlink(*keys)`, `del(...keys)`, `zunionstore(dest, *keys)`: keys known only at run time.
        let variadicKeys = spec?.keySpecs.contains { spec in
            guard !spec.flags.contains(.notKey) else { return false }
            if case .range(let last, _, _) = spec.findKeys, last < 0 { return true }
            if case .keyNum = spec.findKeys { return true }
            return false
        } ?? false
        let splats = read.splats
        if variadicKeys || keys.isEmpty && spec?.hasKeys == true {
            if !variadicKeys, read.firstSplatPosition == 0, splats[0].hasPrefix("*"), splats[0].count > 1, spec.map(OpBuilder.takesOneLeadingKey) == true {
                // `self.client.set(*args, **kwargs)` (django-redis): one key, the spread's first element.
                keys = [KeyExpr.hole(splats[0].dropFirst() + "[0]")]
            } else if let counted = countedSplat(spec, positional: positional, splats: splats, at: read.firstSplatPosition,
                                                 offset: subcommand == nil ? 1 : 2) {
                keys = [KeyExpr.hole(counted)]
            } else {
                keys += splats.map { KeyExpr.hole($0) }
            }
        }
        return keys
    }

    /// Marks the key arguments in `work.isKeyAt`, makes the value texts `readValues` left (`textsLeft`) for the
    /// arguments that are no key, and counts positional option words (`'EX', 30, 'NX'`) among those as options
    /// (a key spelled `count` is none).
    @inline(never) private func markKeys(_ work: inout WorkLists, textsLeft: UInt64, spec: CommandSpec?, options: inout Set<String>) {
        let count = work.positional.count
        // Whether each positional argument is a key, in a table of the positions (kept from op to op).
        if work.isKeyAt.count < count { work.isKeyAt.append(contentsOf: repeatElement(false, count: count - work.isKeyAt.count)) }
        for index in 0..<count { work.isKeyAt[index] = false }
        for index in work.keyIndices { work.isKeyAt[index] = true }
        var textsLeft = textsLeft
        while textsLeft != 0 {
            let index = textsLeft.trailingZeroBitCount
            textsLeft &= textsLeft &- 1
            if !work.isKeyAt[index] { work.values[index] = values.leftText(of: work.positional[index], key: work.argumentKeys[index]!) }
        }
        for (index, value) in work.values.enumerated() where !work.isKeyAt[index] {
            if case .literal(let bytes) = value, bytes.count <= 8, let word = OptionWords.number(bytes),
               // Only the command's own option words: `publish("ch", m)` has no CH.
               spec.map({ $0.arguments.isEmpty || $0.upperCasedTokens.contains(word.word) }) ?? true {
                insertOption(word, into: &options)
            }
        }
    }

    /// The key the positional argument `index` spells: read with its value (`argumentKeys`, empty when none
    /// was), moved out of the list (a copy retained it here and released it when the list was emptied), else made
    /// from its tokens (as for an index asked twice: the same key). (A method, not a function nested in `build`:
    /// capturing `build`'s lists boxed them, with an exclusivity check at every access.)
    @inline(__always) private func key(at index: Int, _ argumentKeys: inout [KeyExpr?], _ positional: [Range<Int>],
                                       _ argumentValues: [ArgumentValue]) -> KeyExpr {
        (argumentKeys.isEmpty ? nil : Tracer.take(&argumentKeys[index], leaving: nil)) ?? values.keyExpr(positional[index], read: argumentValues[index])
    }

    /// The values whose positions `isKeyAt` does not mark, in order, in a list made at its size (none made for none),
    /// moved out of `values` (each left an empty `.dynamic`): a copy retained each one here and released it when
    /// the working list was emptied.
    /// (One value, the most common, in a list literal; more appended after reserving room. A list made by
    /// `Array(unsafeUninitializedCapacity:)` was allocated by the run time's unspecialised code, which looks up
    /// the storage class's metadata: about 650 instructions a list, over twice what either way costs.)
    static func nonKeys(_ values: inout [ArgumentValue], isKeyAt: [Bool]) -> [ArgumentValue] {
        var count = 0, first = 0
        for index in values.indices where !isKeyAt[index] {
            if count == 0 { first = index }
            count += 1
        }
        guard count > 1 else { return count == 0 ? [] : [Tracer.take(&values[first], leaving: .dynamic(""))] }
        var list: [ArgumentValue] = []
        list.reserveCapacity(count)
        for index in first..<values.count where !isKeyAt[index] { list.append(Tracer.take(&values[index], leaving: .dynamic(""))) }
        return list
    }

    /// A list literal (`["a", "b"]`), or lists joined by `+` with at least one literal among them
    /// (`keys + ["empty"]`): each operand, with its closing bracket when it is a literal; nil otherwise.
    func listOperands(_ range: Range<Int>) -> [(range: Range<Int>, close: Int?)]? {
        guard let operands = values.plusOperands(range) else {
            // No `+` (nearly every argument): a list literal or nothing, without building a list of operands.
            let operand = values.trimmed(range)
            guard !operand.isEmpty, view.isPunct(operand.lowerBound, "["), let close = view.close(of: operand.lowerBound),
                  close == operand.upperBound - 1 else { return nil }
            return [(operand, close)]
        }
        let lists = operands.map { raw -> (range: Range<Int>, close: Int?) in
            let operand = values.trimmed(raw)
            guard !operand.isEmpty, view.isPunct(operand.lowerBound, "["), let close = view.close(of: operand.lowerBound),
                  close == operand.upperBound - 1 else { return (operand, nil) }
            return (operand, close)
        }
        guard lists.contains(where: { $0.close != nil }), !lists.contains(where: { $0.range.isEmpty }) else { return nil }
        return lists
    }

    /// Positions of the call's arguments that Redis's key specs name as single keys at fixed places,
    /// among the first `limit` (those before a spread, whose length is unknown).
    private static func singleKeyPositions(_ spec: CommandSpec, offset: Int, before limit: Int) -> [Int] {
        spec.keySpecs.compactMap { keySpec -> Int? in
            guard !keySpec.flags.contains(.notKey), case .index(let at) = keySpec.beginSearch,
                  case .range(0, _, _) = keySpec.findKeys, at - offset >= 0, at - offset < limit else { return nil }
            return at - offset
        }
    }

    /// `call("EVALSHA", sha, keys.size, *keys, *argv)`: the key count is the length of the spread that
    /// follows it, so that spread holds the keys and the later ones do not.
    private func countedSplat(_ spec: CommandSpec?, positional: [Range<Int>], splats: [String], at splatPosition: Int, offset: Int) -> String? {
        guard let keySpec = spec?.keySpecs.first, case .index(let begin) = keySpec.beginSearch,
              case .keyNum(let keyNumIndex, 1, 1) = keySpec.findKeys else { return nil }
        let countPosition = begin + keyNumIndex - offset
        guard countPosition >= 0, countPosition < positional.count, splatPosition == countPosition + 1,
              let spread = splats.first, spread.count > 1 else { return nil }
        let name = String(spread.dropFirst())
        let count = view.compactText(positional[countPosition])
        let lengths = [name + ".size", name + ".length", name + ".count", name + ".size()", "len(" + name + ")", "#" + name]
        return lengths.contains(count) ? spread : nil
    }

    /// The command name of a raw call (`call("SET", …)`, `sendCommand(["SET", …])`,
    /// `send(command: "SET", with: […])`), removing it from the arguments.
    private func rawCommandName(_ arguments: inout [ArgumentSyntax], method: String) -> (String, Int)? {
        // redis-client's `blocking_call(timeout, "BLMOVE", …)` and `blocking_call_v(timeout, [...])`:
        // the timeout (any expression) comes first.
        if method == "blocking_call" || method == "blocking_call_v", arguments.count > 1 { arguments.removeFirst() }
        // `sendCommand(["SET", k, v])` / `{ command: [...] }`: unpack the array.
        if arguments.count >= 1, !arguments[0].hasLabel {
            let range = values.trimmed(arguments[0].tokens)
            if view.isPunct(range.lowerBound, "["), let close = view.close(of: range.lowerBound) {
                let elements = splitElements(range.lowerBound + 1..<close)
                arguments = elements + arguments.dropFirst()
            }
        }
        if language == .swift, let commandIndex = arguments.firstIndex(where: { $0.isLabelled("command", in: view) }) {
            let name = arguments[commandIndex].tokens
            var rest: [ArgumentSyntax] = []
            if let with = arguments.first(where: { $0.isLabelled("with", in: view) }) {
                let range = values.trimmed(with.tokens)
                if view.isPunct(range.lowerBound, "["), let close = view.close(of: range.lowerBound) {
                    rest = splitElements(range.lowerBound + 1..<close)
                }
            }
            arguments = [ArgumentSyntax(tokens: name, isSplat: false)] + rest
        }
        // redis-client's `blocking_call(timeout, "BLMOVE", …)`: the timeout comes first.
        if let first = arguments.first, case .number = values.argument(first.tokens), arguments.count > 1 {
            arguments.removeFirst()
        }
        guard let first = arguments.first, case .literal(let bytes) = values.argument(first.tokens), !bytes.isEmpty else { return nil }
        arguments.removeFirst()
        let name = CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))
        let token = values.trimmed(first.tokens).lowerBound
        return CharacterScreens.isLettersAndUnderscores(name) ? (name, token) : nil
    }

    /// Keys and arguments of a script call given as lists: node-redis `evalSha(sha, { keys: [...],
    /// arguments: [...] })`, redis-rb `evalsha(sha, [keys], [argv])` (its positional form: the second
    /// and third arguments). Moves them from `arguments` into `lists` (`keys`, `argv`).
    private func scriptLists(_ arguments: inout [ArgumentSyntax], into lists: inout [String: Range<Int>]) {
        guard !arguments.contains(where: { $0.isLabelled("keys", in: view) }) else { return }
        switch language {
        case .javascript:
            for (index, argument) in arguments.enumerated() where !argument.hasLabel {
                let range = values.trimmed(argument.tokens)
                guard view.isPunct(range.lowerBound, "{"), let close = view.close(of: range.lowerBound), close == range.upperBound - 1 else { continue }
                let keys = objectProperty("keys", in: range.lowerBound + 1..<close)
                let argv = objectProperty("arguments", in: range.lowerBound + 1..<close)
                guard keys != nil || argv != nil else { continue }
                if let keys { lists["keys"] = keys } else { lists["keys"] = range.upperBound..<range.upperBound }
                if let argv { lists["argv"] = argv }
                arguments.remove(at: index)
                return
            }
            // Valkey GLIDE's `fcall(name, [keys], [args])`: list literals where Redis has a key count.
            let unlabelled = arguments.indices.filter { !arguments[$0].hasLabel }
            guard unlabelled.count >= 2, case let second = values.trimmed(arguments[unlabelled[1]].tokens),
                  view.isPunct(second.lowerBound, "["), view.close(of: second.lowerBound) == second.upperBound - 1 else { return }
            lists["keys"] = second
            if unlabelled.count >= 3 { lists["argv"] = arguments[unlabelled[2]].tokens }
            for index in unlabelled.dropFirst().prefix(2).reversed() { arguments.remove(at: index) }
        case .ruby:
            let unlabelled = arguments.indices.filter { !arguments[$0].hasLabel }
            // The keys list may be a variable (`evalsha(sha, keys, argv)`); a hash is the options form.
            guard unlabelled.count >= 2, !arguments[unlabelled[1]].isSplat else { return }
            let second = values.trimmed(arguments[unlabelled[1]].tokens)
            guard !second.isEmpty, !view.isPunct(second.lowerBound, "{"), view.kind(second.lowerBound) != .number else { return }
            lists["keys"] = arguments[unlabelled[1]].tokens
            if unlabelled.count >= 3 { lists["argv"] = arguments[unlabelled[2]].tokens }
            for index in unlabelled.dropFirst().prefix(2).reversed() { arguments.remove(at: index) }
        default:
            return
        }
    }

    /// The value of `name: value` directly inside an object literal's braces (`{ keys: [k] }`).
    func objectProperty(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        var index = range.lowerBound
        while index < range.upperBound {
            if let close = view.close(of: index), close < range.upperBound { index = close + 1; continue }
            if (view.kind(index) == .identifier || view.kind(index) == .string) && view.is(index, name) && view.isPunct(index + 1, ":")
                || view.kind(index) == .identifier && view.is(index, name) && (view.isPunct(index + 1, ",") || index + 1 == range.upperBound) {
                // `{ keys: [...] }`, or the shorthand `{ keys }` (a variable: its length is unknown).
                if !view.isPunct(index + 1, ":") { return index..<index + 1 }
                var end = index + 2
                while end < range.upperBound, !view.isPunct(end, ",") {
                    if let close = view.close(of: end) { end = close + 1 } else { end += 1 }
                }
                return index + 2..<end
            }
            index += 1
        }
        return nil
    }

    /// Elements of a list literal (`[a, b]`), or the expression itself as one element.
    func listElements(_ raw: Range<Int>) -> [Range<Int>] {
        let range = values.trimmed(raw)
        guard view.isPunct(range.lowerBound, "["), let close = view.close(of: range.lowerBound) else { return [range] }
        return splitElements(range.lowerBound + 1..<close).map { values.trimmed($0.tokens) }
    }

    /// Whether a command's argument docs spell `word` as a token (`EX`, `NX`, `CH`), at any depth.
    static func hasToken(_ word: String, in arguments: [ArgumentSpec], depth: Int = 0) -> Bool {
        guard depth < 8 else { return false }
        return arguments.contains { $0.token?.uppercased() == word || hasToken(word, in: $0.arguments, depth: depth + 1) }
    }

    /// RediStack's labelled signatures put the key in a label: `lpush(_:into:)`, `sadd(_:to:)`,
    /// `hset(_:to:in:)`, `hget(_:from:)`, `smembers(of:)`, `rpoplpush(from:to:)`; `set(_:to:)` and
    /// `rename(_:to:)` keep the key first. `increment(_:by:)` is INCRBY. Returns the arguments in
    /// Redis's order and, where the signature alone says so, how many of the first ones are keys.
    /// (Checked against RediStack's `Commands/*.swift`.)
    private func swiftOrder(command: String, positional: [Range<Int>], labels: [(String, Range<Int>)], by: Range<Int>?) -> (String, [Range<Int>], Int?) {
        var command = command
        // RediStack's `increment(_:by:)` sends INCRBYFLOAT for a floating-point amount (`by: 1.5`, `by: Float(x)`).
        if let by, command == "INCR" { command = isFloatingPoint(by) ? "INCRBYFLOAT" : "INCRBY" }
        if by != nil, command == "DECR" { command = "DECRBY" }
        guard !labels.isEmpty else { return (command, positional, nil) }
        /// Every value under a label, array literals spread (`from: ["a", "b"]`, `sources: [a, b]`).
        func all(_ name: String) -> [Range<Int>] { labels.filter { $0.0 == name }.flatMap { listElements($0.1) } }
        switch command {
        case "SETEX", "PSETEX":
            return (command, positional + all("expirationInSeconds") + all("expirationInMilliseconds") + all("to"), nil)
        // `append(_ value:, to key:)` names its key `to:`, unlike `set(_ key:, to value:)`.
        case "SET", "SETNX", "GETSET", "RENAME", "RENAMENX", "COPY":
            return (command, positional + all("to"), nil)
        case "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX":
            let keys = all("from")
            return (command, keys + all("timeout"), keys.count)
        case "RPOPLPUSH", "LMOVE", "SMOVE", "BRPOPLPUSH", "BLMOVE":
            return (command, all("from") + all("to") + positional + all("timeout"), nil)
        case "SDIFF", "SINTER", "SUNION":
            let keys = all("of") + positional
            return (command, keys, keys.count)
        case "SDIFFSTORE", "SINTERSTORE", "SUNIONSTORE":
            let keys = all("as") + all("sources")
            return (command, keys, keys.count)
        case "HINCRBY", "HINCRBYFLOAT":
            return (command, all("in") + all("field") + positional, nil)
        case "ZINCRBY":
            return (command, all("in") + positional + all("element"), nil)
        case "LSET":
            return (command, all("in") + all("index") + all("to"), nil)
        case "LREM":
            return (command, all("from") + all("count") + positional, nil)
        case "SPOP", "SRANDMEMBER":
            return (command, all("from") + all("max"), nil)
        case "SELECT":
            return (command, all("database"), nil)
        default:
            break
        }
        let keyLabels = ["in", "into", "of", "from", "to"]
        for name in keyLabels {
            if let key = labels.first(where: { $0.0 == name }) {
                return (command, [key.1] + positional + labels.filter { $0.0 != name && keyLabels.contains($0.0) }.map(\.1), nil)
            }
        }
        return (command, positional, nil)
    }

    /// Commands whose keys Redis counts (`ZUNIONSTORE dest numkeys key…`) but the clients take as a list:
    /// redis-rb/redis-py `zunionstore(dest, keys)`, node-redis `zUnionStore(dest, keys)`.
    /// (In lower case, as the table names them.)
    static let countedKeyCommands: Set<String> = ["zunionstore", "zinterstore", "zdiffstore", "zunion", "zinter", "zdiff",
                                                  "zintercard", "sintercard"]

    /// The keys of a client call of such a command written without the count: what precedes the count's
    /// place, then everything from there (a list literal's elements, or one variable holding several keys).
    private func countedKeys(_ spec: CommandSpec, positional: [Range<Int>], values arguments: [ArgumentValue]) -> [KeyExpr]? {
        // (The key specs first: few commands count their keys, and that costs no string hashing.)
        guard let counted = spec.keySpecs.first(where: { if case .keyNum = $0.findKeys { return true } else { return false } }),
              OpBuilder.countedKeyCommands.contains(spec.name),
              case .index(let begin) = counted.beginSearch, case .keyNum(let keyNumIndex, _, _) = counted.findKeys else { return nil }
        let countAt = begin - 1 + keyNumIndex
        guard countAt < positional.count else { return nil }
        if case .number = arguments[countAt] { return nil }  // the count is written: Redis's own form
        let listed = positional[countAt...]
        var isVariable = false
        if listed.count == 1, case .dynamic = arguments[countAt] { isVariable = true }
        var keys = isVariable ? [spreadHole(listed[countAt])] : listed.map { values.keyExpr($0) }
        // redis-py's weighted form: `zunionstore("d", {"a": 1, "b": 2})`.
        if isVariable, language == .python, view.isPunct(listed[countAt].lowerBound, "{") { keys = pythonStreamMapping(listed[countAt]).0 }
        return positional[..<countAt].map { values.keyExpr($0) } + keys
    }

    /// One key, the first argument (`SET key value …`, `INCR key`, `HSET key field value`).
    static func takesOneLeadingKey(_ spec: CommandSpec) -> Bool {
        let keySpecs = spec.keySpecs.filter { !$0.flags.contains(.notKey) }
        guard keySpecs.count == 1, case .index(1) = keySpecs[0].beginSearch, case .range(0, _, _) = keySpecs[0].findKeys else { return false }
        return true
    }

    /// The entries of a dictionary literal, or of the one a bare name was last assigned (`assignedLiterals`).
    private func dictionaryEntries(_ raw: Range<Int>) -> [(Range<Int>, Range<Int>)]? {
        var range = values.trimmed(raw)
        if range.count == 1, view.kind(range.lowerBound) == .identifier, let literal = assignedLiterals[view.text(range.lowerBound)] { range = literal }
        guard view.isPunct(range.lowerBound, "{"), let close = view.close(of: range.lowerBound), close == range.upperBound - 1 else { return nil }
        var entries: [(Range<Int>, Range<Int>)] = []
        for element in splitElements(range.lowerBound + 1..<close) {
            guard let colon = topLevelColon(in: element.tokens) else { return nil }  // `{**other}`: unknown fields
            entries.append((values.trimmed(element.tokens.lowerBound..<colon), values.trimmed(colon + 1..<element.tokens.upperBound)))
        }
        return entries
    }

    /// The `:` of a `key: value` dictionary entry, outside brackets and the ternary's `? :`.
    func topLevelColon(in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if view.isPunct(index, "?") { return nil }
            if view.isPunct(index, ":") { return index }
            if let close = view.close(of: index), close < range.upperBound { index = close + 1 } else { index += 1 }
        }
        return nil
    }

    /// A Swift floating-point value written as such: a literal with a fraction or exponent, or a
    /// conversion to a floating-point type.
    private func isFloatingPoint(_ range: Range<Int>) -> Bool {
        var first = range.lowerBound
        if view.isPunct(first, "-") { first += 1 }
        guard first < range.upperBound else { return false }
        if view.kind(first) == .number {
            let text = view.text(first)
            return !text.hasPrefix("0x") && (text.contains(".") || text.contains("e") || text.contains("E"))
        }
        return view.isWord(first, in: ["Float", "Double", "CGFloat", "Float32", "Float64", "Float80"]) && view.isPunct(first + 1, "(")
    }

    /// Swift's RediStack wraps values: `.init(from: x)`, `RESPValue(from: x)`: the value is x.
    func swiftRESPValue(_ range: Range<Int>) -> Range<Int> {
        guard language == .swift else { return range }
        let range = values.trimmed(range)
        var open = range.lowerBound
        while open < range.upperBound, !view.isPunct(open, "(") { open += 1 }
        guard open < range.upperBound, let close = view.close(of: open), close == range.upperBound - 1,
              view.kind(open + 1) == .identifier, view.is(open + 1, "from"), view.isPunct(open + 2, ":") else { return range }
        return open + 3..<close
    }

    func labelled(_ label: String, _ value: Range<Int>, into options: inout Set<String>, positional: inout [Range<Int>],
                          swiftLabels: inout [(String, Range<Int>)]) {
        // redis-py spells ASYNC `asynchronous=True` (`async` is a Python keyword).
        // RediStack's `timeout:` is BLPOP's last argument, not an option.
        if language == .swift, label == "timeout" { swiftLabels.append((label, value)); return }
        if let word = label == "asynchronous" ? SwiftOptionWords.async : OptionWords.number(label) {
            if !values.isFalsy(value) { insertOption(word, into: &options) }
            return
        }
        guard language == .swift else {
            // redis-py keyword arguments naming the key or value (`set(name="k", value=1)`).
            if language == .python, OpBuilder.pythonOperandLabels.contains(label) {
                if label == "mapping", let entries = dictionaryEntries(value) {
                    // `hset(k, mapping={"a": 1})` or a name holding that literal: field, value, field, value…
                    for (field, entryValue) in entries { positional.append(field); positional.append(entryValue) }
                } else if label == "name" || label == "key" || label == "src" || label == "source" {
                    positional.insert(value, at: 0)
                } else {
                    positional.append(value)
                }
            }
            return
        }
        // RediStack: `onCondition: .keyDoesNotExist`, `expiration: .seconds(30)`.
        let text = view.compactText(value)
        // (Bytewise: Foundation's `String.contains` was most of this function's time.)
        func has(_ word: [[UInt8]]) -> Bool { RedisEvidence.containsAny(text, word) }
        typealias Words = SwiftOptionWords
        func insert(_ word: OptionWords.Number) { insertOption(word, into: &options) }
        if has(Words.keyDoesNotExist) { insert(Words.nx) }
        if has(Words.keyExists) { insert(Words.xx) }
        if has(Words.keepExisting) { insert(Words.keepTTL) }
        if label == "expiration", !has(Words.keepExisting) { insert(text.hasPrefix(".milliseconds") ? Words.px : Words.ex) }
        // `zadd(…, inserting: .onlyNewElements, returning: .changedElementsCount)`.
        if label == "inserting", has(Words.onlyNewElements) { insert(Words.nx) }
        if label == "inserting", has(Words.onlyExistingElements) { insert(Words.xx) }
        if label == "returning", has(Words.changedElementsCount) { insert(Words.ch) }
        switch label {
        case "onCondition", "expiration", "inserting", "returning", "valueType": return
        default: break
        }
        if label == "as", text.hasSuffix(".self") { return }  // `get(k, as: String.self)`: a result type
        if label == "after" || label == "by" { positional.append(value); return }
        swiftLabels.append((label, value))
    }

    /// node-redis option objects: `{ NX: true, EX: 30 }` and v5's
    /// `{ condition: 'NX', expiration: { type: 'EX', value: 30 } }`.
    func objectOptions(_ range: Range<Int>, into options: inout Set<String>) {
        guard let close = view.close(of: range.lowerBound) else { return }
        var index = range.lowerBound + 1
        while index < close {
            if view.kind(index) == .identifier || view.kind(index) == .string, view.isPunct(index + 1, ":") {
                let name = CommandTable.uppercased(view.kind(index) == .string ? String(decoding: values.decode(view[index]).value, as: UTF8.self) : view.text(index))
                let valueStart = index + 2
                var valueEnd = valueStart
                while valueEnd < close, !view.isPunct(valueEnd, ",") {
                    if let inner = view.close(of: valueEnd) { valueEnd = inner + 1 } else { valueEnd += 1 }
                }
                if name == "CONDITION" || name == "TYPE", case .literal(let bytes) = values.argument(valueStart..<valueEnd) {
                    options.insert(CommandTable.uppercased(String(decoding: bytes, as: UTF8.self)))
                } else if name == "EXPIRATION", view.isPunct(valueStart, "{") {
                    objectOptions(valueStart..<valueEnd, into: &options)
                } else if (OpBuilder.flagOptions.contains(name) || OpBuilder.valuedOptions.contains(name)) && !values.isFalsy(valueStart..<valueEnd) {
                    options.insert(name)
                }
                index = valueEnd
                continue
            }
            if let inner = view.close(of: index) { index = inner + 1 } else { index += 1 }
        }
    }

    /// Ruby's block argument, `&block` or a bare `&` (forwarding the caller's block): not a Redis value.
    func isBlockArgument(_ range: Range<Int>) -> Bool {
        language == .ruby && view.isPunct(range.lowerBound, "&")
    }

    /// Closures and lambdas passed as arguments are not Redis values.
    func isClosure(_ range: Range<Int>) -> Bool {
        if view.isWord(range.lowerBound, "function") || view.isWord(range.lowerBound, "lambda") || view.isWord(range.lowerBound, "async") { return true }
        // A lone token (most arguments) is a closure only when it is `=>`: the walk below, without the loop.
        if range.count == 1 { return view.isPunct(range.lowerBound, "=>") }
        var index = range.lowerBound
        while index < range.upperBound {
            if view.isPunct(index, "=>") { return true }
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        return false
    }
}
