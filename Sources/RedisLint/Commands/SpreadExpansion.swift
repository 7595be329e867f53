/// Key extraction for argument lists with spreads (`.spread`: zero or more unknown arguments).
///
/// Rather than teach every key finder about spreads, each spread is expanded to 0…N unknown
/// arguments and the ordinary extraction runs on every expansion. An argument is a certain key
/// when it is a key in every well-formed expansion; a spread is a key (all its values are keys,
/// `DEL *keys`) when that holds in every expansion where it is not empty. Any disagreement is
/// reported as `dependsOnUnknown`. Keys come back in argument order.
///
/// N must be large enough for a spread to reach every position a key finder looks at (key spec
/// indexes, `startfrom`, the fixed offsets of the legacy finders) and to outgrow any count in the
/// arguments (`ZUNION 3 *keys` is all keys only up to three values).
enum SpreadExpansion {
    /// Covers the largest fixed position any finder uses (MIGRATE looks from 6) with room to spare.
    private static let minimumLargestSize = 8
    /// Counts above this are not expanded past; a spread that would need more is left uncertain.
    private static let largestSizeCap = 24
    /// Beyond this many spreads the combinations grow too fast to be worth it.
    private static let maximumSpreads = 2

    /// What one expansion says about one argument of the caller's list.
    private enum Verdict: Equatable {
        case key(KeySpecFlags)
        case notKey
        /// A spread whose values are partly keys.
        case mixed
        /// A spread expanded to nothing: no information.
        case empty
    }

    static func extractKeys(_ spec: CommandSpec, _ arguments: [CommandArgument]) -> KeyExtraction {
        let spreads = arguments.indices.filter { arguments[$0] == .spread }
        guard spreads.count <= maximumSpreads else {
            return KeyExtraction(keys: [], dependsOnUnknown: true, isMalformed: false)
        }
        var largest = minimumLargestSize
        for keySpec in spec.keySpecs {
            switch keySpec.beginSearch {
            case .index(let position): largest = max(largest, position + 2)
            case .keyword(_, let startFrom): largest = max(largest, abs(startFrom) + 2)
            case .unknown: break
            }
        }
        var truncated = false
        for argument in arguments {
            guard let count = argument.lenientInteger, count > 0 else { continue }
            if count + 2 > largestSizeCap { truncated = true }
            largest = max(largest, min(count + 2, largestSizeCap))
        }
        let sizes = 0...largest
        var combinations: [[Int]] = [[]]
        for _ in spreads {
            combinations = combinations.flatMap { prefix in sizes.map { prefix + [$0] } }
        }

        var verdicts: [[Verdict]] = []  // per well-formed expansion, per argument
        var dependsOnUnknown = false
        for sizesBySpread in combinations {
            var expanded: [CommandArgument] = []
            var positions: [Range<Int>] = []  // argument index -> its positions in the expansion
            var spreadNumber = 0
            for argument in arguments {
                let copies = argument == .spread ? sizesBySpread[spreadNumber] : 1
                if argument == .spread { spreadNumber += 1 }
                positions.append(expanded.count..<(expanded.count + copies))
                for _ in 0..<copies { expanded.append(argument == .spread ? .unknown : argument) }
            }
            let result = spec.extractKeys(expanded)
            if result.isMalformed { continue }
            if result.dependsOnUnknown { dependsOnUnknown = true }

            var keyFlags = [KeySpecFlags?](repeating: nil, count: expanded.count)
            for key in result.keys { keyFlags[key.index] = key.flags }
            verdicts.append(positions.map { range in
                if range.isEmpty { return .empty }
                let keyed = range.filter { keyFlags[$0] != nil }
                if keyed.isEmpty { return .notKey }
                if keyed.count < range.count { return .mixed }
                return .key(keyFlags[keyed[0]]!)
            })
        }
        if verdicts.isEmpty { return .malformed }

        var keys: [KeyExtraction.Key] = []
        for index in arguments.indices {
            let informative = verdicts.map { $0[index] }.filter { $0 != .empty }
            let keyed = informative.compactMap { verdict -> KeySpecFlags? in
                if case .key(let flags) = verdict { return flags }
                return nil
            }
            // A spread that is all keys up to the cap might not be beyond it (a large count).
            let capped = truncated && arguments[index] == .spread
            if !informative.isEmpty && keyed.count == informative.count && !capped {
                keys.append(.init(index: index, flags: keyed[0]))
            } else if !keyed.isEmpty || informative.contains(.mixed) || capped {
                dependsOnUnknown = true
            }
        }
        return KeyExtraction(keys: keys, dependsOnUnknown: dependsOnUnknown, isMalformed: false)
    }
}
