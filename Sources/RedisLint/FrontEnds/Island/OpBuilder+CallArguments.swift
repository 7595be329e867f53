/// What `readArguments` finds in a call's arguments besides the positional values.
struct ArgumentsRead {
    /// Options given as keyword arguments or option objects (`ex=30`, `nx: true`, `{ NX: true }`).
    var options = Set<String>()
    /// Lists given by label (`keys:`, `argv:`, `args:`) or in a script call's own form (`scriptLists`), by name.
    var labelledLists: [String: Range<Int>] = [:]
    /// RediStack's labelled arguments, which `swiftOrder` puts in Redis's order.
    var swiftLabels: [(String, Range<Int>)] = []
    /// The hole each splat becomes when it spreads keys (`*keys`, `...keys`, Ruby's bare `...`).
    var splats: [String] = []
    /// How many positional arguments came before the first splat.
    var firstSplatPosition = 0
    /// Whether a spread of unknown length came among the arguments.
    var variadicUnknown = false

    /// Notes a spread of unknown length, whose hole is `hole`, after `position` positional arguments.
    mutating func spread(_ hole: String, after position: Int) {
        if splats.isEmpty { firstSplatPosition = position }
        variadicUnknown = true
        splats.append(hole)
    }
}

extension OpBuilder {
    /// Reads a call's arguments: the values Redis receives as its arguments into `positional`, in order (list
    /// literals spread, a dictionary's entries as key and value, closures, blocks and keyword splats left out),
    /// and the rest into `read` (options, labelled lists and RediStack's labels, spreads of unknown length).
    @inline(never) func readArguments(_ arguments: CallArguments, positional: inout [Range<Int>], _ read: inout ArgumentsRead) {
        // About one positional value per argument: room for them at once instead of growing 1, 2, 4….
        // (Asked only when the kept storage is too small: the call costs more than the compare.)
        if positional.capacity < arguments.count { positional.reserveCapacity(arguments.count) }
        // RediStack's variadic labelled keys: `blpop(from: "a", "b")`, `sdiff(of: "a", "b")`.
        var continuedLabel: String? = nil
        for argument in arguments {
            var label = argument.label(in: view)
            if language == .swift {
                if label == nil, let continued = continuedLabel, !isClosure(values.trimmed(argument.tokens)) { label = continued }
                continuedLabel = label == "from" || label == "of" ? label : nil
            }
            if let label {
                // (A switch, here and in `labelled`: a list literal per question was made and destroyed each time.)
                switch label {
                case "keys", "argv", "args": read.labelledLists[label] = argument.tokens
                default: break
                }
                labelled(label, argument.tokens, into: &read.options, positional: &positional, swiftLabels: &read.swiftLabels)
                continue
            }
            let range = values.trimmed(argument.tokens)
            if range.isEmpty, argument.isSplat, !argument.isKeywordSplat, language == .ruby {
                // Ruby's anonymous forwarding, `def mget(...) = redis.mget(...)` and `def f(*) = redis.del(*)`:
                // the caller's arguments, keys among them, known only at run time.
                read.spread(view.isPunct(argument.tokens.lowerBound - 1, "...") ? "..." : "*", after: positional.count)
                continue
            }
            if range.isEmpty || isBlockArgument(range) { continue }
            if view.isPunct(range.lowerBound, "{"), language == .javascript {
                objectOptions(range, into: &read.options)
                continue
            }
            // A literal list of keys or values (`mGet(["a", "b"])`, `delete(["a"])`), or lists joined with one
            // (RediStack's `mget(keys + ["empty"])`): the literals' elements, the other lists spread.
            // (One token is neither a list literal nor a `+`: not asked.)
            if range.count > 1, let lists = listOperands(range) {
                for list in lists {
                    guard let close = list.close else {
                        read.spread("*" + view.compactText(list.range), after: positional.count)
                        continue
                    }
                    for element in splitElements(list.range.lowerBound + 1..<close) {
                        // A Swift dictionary literal (`msetnx(["first": 10, "second": 20])`): key, then value.
                        if language == .swift, let colon = topLevelColon(in: element.tokens) {
                            positional.append(values.trimmed(element.tokens.lowerBound..<colon))
                            positional.append(swiftRESPValue(values.trimmed(colon + 1..<element.tokens.upperBound)))
                            continue
                        }
                        positional.append(swiftRESPValue(element.tokens))
                    }
                }
                continue
            }
            if argument.isKeywordSplat { continue }
            if argument.isSplat {
                read.spread("*" + view.compactText(range), after: positional.count)
                continue
            }
            if isClosure(range) { continue }
            positional.append(swiftRESPValue(range))
        }
    }
}
