/// XREAD and XREADGROUP through a client's typed method. Redis's own form names the streams after the
/// word `STREAMS` (`XREAD COUNT 2 STREAMS a b 0 0`), which the command table's key spec reads in raw
/// calls and in ioredis's positional arguments; the typed methods take the streams apart instead
/// (checked against each library's source):
/// - redis-rb `xread(keys, ids, count:, block:)`, `xreadgroup(group, consumer, keys, ids, count:, block:,
///   noack:)`: `keys` is one stream or an array of them, `ids` likewise;
/// - redis-py `xread(streams, count=None, block=None)`, `xreadgroup(groupname, consumername, streams,
///   count=None, block=None, noack=False)`: `streams` maps each stream to its id (`{key: "0-0"}`);
/// - node-redis `xRead(streams, options?)`, `xReadGroup(group, consumer, streams, options?)`: `streams`
///   is `{ key, id }` or an array of them, `options` `{ COUNT, BLOCK, NOACK }` (bullmq's own client
///   interface takes the same shapes under `xread`).
extension OpBuilder {
    /// Each library's parameters in order: where each positional argument lands.
    private func streamReadParameters(group: Bool) -> [String]? {
        let groupNames = language == .python ? ["groupname", "consumername"] : ["group", "consumer"]
        switch language {
        case .ruby: return (group ? groupNames : []) + ["keys", "ids"]
        case .python: return (group ? groupNames : []) + ["streams", "count", "block"] + (group ? ["noack"] : [])
        case .javascript: return (group ? groupNames : []) + ["streams", "options"]
        default: return nil
        }
    }

    /// The op of a typed XREAD/XREADGROUP call, or nil when the call is in Redis's own order (a
    /// `STREAMS` word among the arguments) or spreads arguments whose positions are unknown; the
    /// command's key spec reads those.
    func streamRead(_ arguments: CallArguments, command: String, nameSpan: Range<Int>) -> Parts? {
        let isGroup = command == "XREADGROUP"
        guard let parameters = streamReadParameters(group: isGroup),
              !arguments.contains(where: { $0.isSplat && !$0.isKeywordSplat }),
              !spellsStreams(arguments) else { return nil }
        var bound: [String: Range<Int>] = [:]
        var extra: [Range<Int>] = []
        var options = Set<String>()
        var unused: [Range<Int>] = []
        var unusedLabels: [(String, Range<Int>)] = []
        var next = 0
        for argument in arguments where !argument.isKeywordSplat {
            let range = values.trimmed(argument.tokens)
            if let label = argument.label(in: view) {
                // Only Python passes these by name (`streams={…}`); Ruby's labels are the options.
                if language == .python, parameters.contains(label), bound[label] == nil { bound[label] = range; continue }
                labelled(label, range, into: &options, positional: &unused, swiftLabels: &unusedLabels)
                continue
            }
            if range.isEmpty || isBlockArgument(range) || isClosure(range) || isCommandOptions(range) { continue }
            while next < parameters.count, bound[parameters[next]] != nil { next += 1 }
            if next < parameters.count { bound[parameters[next]] = range; next += 1 } else { extra.append(range) }
        }
        guard let streams = bound[language == .ruby ? "keys" : "streams"] else { return nil }

        var keys: [KeyExpr] = []
        var ids: [Range<Int>] = []
        var idWords: [[UInt8]] = []
        switch language {
        case .ruby:
            keys = rubyStreamKeys(streams)
            if let idList = bound["ids"] {
                if let words = wordList(idList) { idWords = words } else { ids = listElementsOrSelf(idList) }
            }
        case .python:
            (keys, ids) = pythonStreamMapping(streams)
            for name in ["count", "block", "noack"] {
                if let value = bound[name] { labelled(name, value, into: &options, positional: &unused, swiftLabels: &unusedLabels) }
            }
        default:
            (keys, ids) = nodeRedisStreams(streams)
            if let object = bound["options"], view.isPunct(object.lowerBound, "{") { objectOptions(object, into: &options) }
        }

        // Keyword options the command does not have are someone else's.
        if let spec = CommandTable.command(named: command, subcommand: nil), !spec.arguments.isEmpty {
            options = options.filter { OpBuilder.hasToken($0, in: spec.arguments) }
        }
        let groupRanges = isGroup ? parameters.prefix(2).compactMap { bound[$0] } : []
        let valueRanges = groupRanges + ids + extra
        var parts = Parts(command: command, subcommand: nil, keys: keys,
                          arguments: groupRanges.map { values.argument($0) } + idWords.map { .literal($0) }
                              + (ids + extra).map { values.argument($0) },
                          options: options, nameSpan: nameSpan)
        for range in valueRanges {
            for token in range where view.kind(token) == .identifier && !view.isPunct(token - 1, ".") {
                parts.valueNames.append(view.text(token))
            }
        }
        return parts
    }

    /// A raw command whose arguments are one list built at run time (bullmq's bun client:
    /// `sendCommand('XREAD', args)` after pushing `STREAMS`, the keys and the ids;
    /// `sendCommand('EVAL', [lua, n, ...keys, ...argv])`): one argument where the command needs at
    /// least two, so the keys are in it — one spread hole. Nil for every other raw form; the key spec reads those.
    func rawArgumentList(_ arguments: [ArgumentSyntax], command: String, nameSpan: Range<Int>) -> Parts? {
        guard arguments.count == 1, let only = arguments.first, !only.hasLabel, !only.isSplat,
              !CommandTable.hasSubcommands(command), let spec = CommandTable.command(named: command), spec.hasKeys,
              (spec.arity < 0 ? -spec.arity - 1 : spec.arity - 1) >= 2 else { return nil }
        let range = values.trimmed(only.tokens)
        guard !range.isEmpty, view.kind(range.lowerBound) == .identifier, case .dynamic = values.argument(range) else { return nil }
        return Parts(command: command, subcommand: nil, keys: [spreadHole(range)], arguments: [], options: [], nameSpan: nameSpan)
    }

    /// redis-rb's `keys`: a stream (`"events"`, `"s:#{id}"`), an array of them, or a `%w[a b]` word
    /// list; anything else may hold one stream or several, so it is one spread hole (`${*keys}`).
    private func rubyStreamKeys(_ range: Range<Int>) -> [KeyExpr] {
        if let words = wordList(range) { return words.map { KeyExpr(parts: [.literal($0)]) } }
        if view.isPunct(range.lowerBound, "["), view.close(of: range.lowerBound) == range.upperBound - 1 {
            return listElementsOrSelf(range).map { values.keyExpr($0) }
        }
        let key = values.keyExpr(range)
        let hasLiteral = key.parts.contains { if case .literal = $0 { return true } else { return false } }
        return hasLiteral ? [key] : [spreadHole(range)]
    }

    /// redis-py's `streams` mapping: the keys of a dict literal (`{key: "0-0", "b": ">"}`) and their
    /// ids; a variable or a comprehension is one spread hole.
    func pythonStreamMapping(_ range: Range<Int>) -> ([KeyExpr], [Range<Int>]) {
        guard view.isPunct(range.lowerBound, "{"), let close = view.close(of: range.lowerBound), close == range.upperBound - 1,
              !hasTopLevelWord("for", in: range.lowerBound + 1..<close) else { return ([spreadHole(range)], []) }
        var keys: [KeyExpr] = []
        var ids: [Range<Int>] = []
        for element in splitElements(range.lowerBound + 1..<close) {
            let entry = values.trimmed(element.tokens)
            if entry.isEmpty { continue }
            if element.isSplat {  // `{**others, k: "0"}`
                keys.append(spreadHole(entry))
                continue
            }
            guard let colon = topLevelColon(in: entry) else { continue }
            keys.append(values.keyExpr(entry.lowerBound..<colon))
            ids.append(values.trimmed(colon + 1..<entry.upperBound))
        }
        return (keys, ids)
    }

    /// node-redis's `streams`: `{ key, id }` or an array of such objects. An element that is not an
    /// object literal is one stream whose key is not visible; a variable for the whole may be several.
    private func nodeRedisStreams(_ range: Range<Int>) -> ([KeyExpr], [Range<Int>]) {
        if view.isPunct(range.lowerBound, "{") { return streamObject(range).map { ([$0.key], $0.id.map { [$0] } ?? []) } ?? ([spreadHole(range)], []) }
        guard view.isPunct(range.lowerBound, "["), let close = view.close(of: range.lowerBound), close == range.upperBound - 1 else {
            return ([spreadHole(range)], [])
        }
        var keys: [KeyExpr] = []
        var ids: [Range<Int>] = []
        for element in splitElements(range.lowerBound + 1..<close) {
            let value = values.trimmed(element.tokens)
            if value.isEmpty { continue }
            if let stream = streamObject(value) {
                keys.append(stream.key)
                if let id = stream.id { ids.append(id) }
            } else {
                keys.append(element.isSplat ? spreadHole(value) : KeyExpr.hole(view.compactText(value)))
            }
        }
        return (keys, ids)
    }

    /// `{ key: k, id: "$" }` (or the shorthand `{ key, id }`): the key and the id's tokens.
    private func streamObject(_ range: Range<Int>) -> (key: KeyExpr, id: Range<Int>?)? {
        guard view.isPunct(range.lowerBound, "{"), let close = view.close(of: range.lowerBound), close == range.upperBound - 1,
              let key = objectProperty("key", in: range.lowerBound + 1..<close) else { return nil }
        return (values.keyExpr(key), objectProperty("id", in: range.lowerBound + 1..<close).map { values.trimmed($0) })
    }

    /// node-redis v4's per-call options before the command's own arguments,
    /// `xRead(commandOptions({ isolated: true }), streams, options)`: not an argument of the command.
    private func isCommandOptions(_ range: Range<Int>) -> Bool {
        guard language == .javascript, view.isPunct(range.upperBound - 1, ")") else { return false }
        var name = range.lowerBound
        while name + 2 < range.upperBound, view.kind(name) == .identifier, view.isPunct(name + 1, ".") { name += 2 }
        return view.isWord(name, "commandOptions") && view.isPunct(name + 1, "(") && view.close(of: name + 1) == range.upperBound - 1
    }

    /// A value that may hold several keys: `${*name}`, like a splat.
    func spreadHole(_ range: Range<Int>) -> KeyExpr {
        KeyExpr.hole("*" + view.compactText(range))
    }

    /// The words of a Ruby `%w[a b]` / `%i[a b]` literal.
    private func wordList(_ range: Range<Int>) -> [[UInt8]]? {
        guard range.count == 1, view.kind(range.lowerBound) == .string, view[range.lowerBound].flags.contains(.wordList) else { return nil }
        return values.decode(view[range.lowerBound]).value
            .split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
            .map { Array($0) }
    }

    /// The elements of a list literal `[a, b]` (empty ones dropped), or the expression itself.
    private func listElementsOrSelf(_ range: Range<Int>) -> [Range<Int>] {
        guard view.isPunct(range.lowerBound, "["), view.close(of: range.lowerBound) == range.upperBound - 1 else { return [range] }
        return listElements(range).filter { !$0.isEmpty }
    }

    /// `range` split at top-level commas, a leading `*`, `**` or `...` marked as a spread.
    func splitElements(_ range: Range<Int>) -> [ArgumentSyntax] {
        ChainParser(view: view, syntax: ChainSyntax.plain)
            .splitArguments(range)
    }

    private func hasTopLevelWord(_ word: StaticString, in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if view.isWord(index, word) { return true }
            if let close = view.close(of: index), close < range.upperBound { index = close + 1 } else { index += 1 }
        }
        return false
    }

    /// Does an argument, or an element of a list argument (`xread(['STREAMS', k, id])`), say `STREAMS`
    /// (any case)? Then the call is in Redis's own order (ioredis `xread('BLOCK', 0, 'STREAMS', k, id)`).
    private func spellsStreams(_ arguments: CallArguments) -> Bool {
        for argument in arguments where !argument.hasLabel {
            let range = values.trimmed(argument.tokens)
            if range.count == 1, isStreamsWord(range.lowerBound) { return true }
            if view.isPunct(range.lowerBound, "["), listElementsOrSelf(range).contains(where: { $0.count == 1 && isStreamsWord($0.lowerBound) }) {
                return true
            }
        }
        return false
    }

    private func isStreamsWord(_ index: Int) -> Bool {
        guard case .literal(let bytes) = values.argument(index..<index + 1), bytes.count == 7 else { return false }
        return zip(bytes, "STREAMS".utf8).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }
}
