/// The command-specific key finders Redis falls back to when a key spec is incomplete or does not
/// fit the arguments (`sortGetKeys`, `migrateGetKeys`, `evalGetKeys`… in Redis's `db.c`).
/// Redis's command JSON names them in `get_keys_function`; the server does not report them, so
/// the mapping is kept here. Each accepts unknown arguments and says when they matter.
enum LegacyKeyFinders {
    typealias Finder = @Sendable ([CommandArgument]) -> KeyExtraction

    static func finder(for name: String) -> Finder? {
        switch name {
        case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
            return { counted($0, storeAt: nil, countAt: 2, firstKey: 3) }
        case "zunionstore", "zinterstore", "zdiffstore":
            return { counted($0, storeAt: 1, countAt: 2, firstKey: 3) }
        case "zunion", "zinter", "zdiff", "zintercard", "sintercard", "lmpop", "zmpop":
            return { counted($0, storeAt: nil, countAt: 1, firstKey: 2) }
        case "blmpop", "bzmpop":
            return { counted($0, storeAt: nil, countAt: 2, firstKey: 3) }
        case "sort": return sort
        case "sort_ro": return { _ in sortKey }
        case "migrate": return migrate
        case "georadius", "georadiusbymember": return geoRadius
        case "xread", "xreadgroup": return xread
        default: return nil
        }
    }

    private static let sortKey = KeyExtraction(
        keys: [.init(index: 1, flags: [.readOnly, .access])], dependsOnUnknown: false, isMalformed: false)

    /// `genericGetKeys`: a count at `countAt`, that many keys from `firstKey`, and an optional
    /// destination key. The count is read like C's `atoi`.
    private static func counted(_ args: [CommandArgument], storeAt: Int?, countAt: Int, firstKey: Int) -> KeyExtraction {
        guard countAt < args.count else { return .malformed }
        guard let number = args[countAt].lenientInteger else {
            return KeyExtraction(keys: [], dependsOnUnknown: true, isMalformed: false)
        }
        if number < 1 || number > args.count - firstKey { return KeyExtraction(keys: [], dependsOnUnknown: false, isMalformed: true) }
        var keys = (0..<number).map { KeyExtraction.Key(index: firstKey + $0, flags: []) }
        if let storeAt { keys.append(.init(index: storeAt, flags: [])) }
        return KeyExtraction(keys: keys, dependsOnUnknown: false, isMalformed: false)
    }

    /// `sortGetKeys`: the sorted key, and the destination after the last `STORE`.
    private static func sort(_ args: [CommandArgument]) -> KeyExtraction {
        var result = sortKey
        var store: Int?
        var index = 2
        while index < args.count {
            let argument = args[index]
            if argument == .unknown || argument == .spread {
                // Could be STORE, or LIMIT/GET/BY swallowing a STORE: the destination is unknown.
                result.dependsOnUnknown = true
                return result
            } else if argument.matchesKeyword("limit") {
                index += 2
            } else if argument.matchesKeyword("get") || argument.matchesKeyword("by") {
                index += 1
            } else if argument.matchesKeyword("store"), index + 1 < args.count {
                store = index + 1
            }
            index += 1
        }
        if let store { result.keys.append(.init(index: store, flags: [.overwrite, .update])) }
        return result
    }

    /// `migrateGetKeys`: the key at 3, or with `KEYS` (and an empty key at 3) the keys after it.
    private static func migrate(_ args: [CommandArgument]) -> KeyExtraction {
        let flags: KeySpecFlags = [.readWrite, .access, .delete]
        var first = 3
        var number = 1
        var dependsOnUnknown = false  // set when arg 3 is unknown next to KEYS
        if args.count > 6 {
            var index = 6
            while index < args.count {
                let argument = args[index]
                if argument == .unknown || argument == .spread {
                    // Could be KEYS, or AUTH/AUTH2 swallowing a KEYS: no key is certain.
                    return KeyExtraction(keys: [], dependsOnUnknown: true, isMalformed: false)
                } else if argument.matchesKeyword("keys") {
                    switch args[3] {
                    case .unknown, .spread:
                        dependsOnUnknown = true
                        number = 0
                    case .known(let bytes) where !bytes.isEmpty:
                        number = 0  // KEYS with a key at 3 is a syntax error
                    case .known:
                        first = index + 1
                        number = args.count - first
                    }
                    break
                } else if argument.matchesKeyword("auth") {
                    index += 1
                } else if argument.matchesKeyword("auth2") {
                    index += 2
                }
                index += 1
            }
        }
        let keys = (0..<number).map { KeyExtraction.Key(index: first + $0, flags: flags) }
        return KeyExtraction(keys: keys, dependsOnUnknown: dependsOnUnknown, isMalformed: false)
    }

    /// `georadiusGetKeys`: the source key, and the destination after the last STORE/STOREDIST.
    private static func geoRadius(_ args: [CommandArgument]) -> KeyExtraction {
        var result = KeyExtraction(keys: [.init(index: 1, flags: [])], dependsOnUnknown: false, isMalformed: false)
        var stored: Int?
        var index = 5
        while index < args.count {
            let argument = args[index]
            if argument == .unknown || argument == .spread {
                // Could be STORE/STOREDIST: the destination is unknown.
                result.dependsOnUnknown = true
                return result
            } else if (argument.matchesKeyword("store") || argument.matchesKeyword("storedist")), index + 1 < args.count {
                stored = index + 1
                index += 1
            }
            index += 1
        }
        if let stored { result.keys.append(.init(index: stored, flags: [])) }
        return result
    }

    /// `xreadGetKeys`: the first half of the arguments after `STREAMS`.
    private static func xread(_ args: [CommandArgument]) -> KeyExtraction {
        var streams: Int?
        var index = 1
        scan: while index < args.count {
            let argument = args[index]
            if argument == .unknown || argument == .spread {
                return KeyExtraction(keys: [], dependsOnUnknown: true, isMalformed: false)
            } else if argument.matchesKeyword("block") || argument.matchesKeyword("count") {
                index += 1
            } else if argument.matchesKeyword("group") {
                index += 2
            } else if argument.matchesKeyword("noack") {
                // no value
            } else if argument.matchesKeyword("streams") {
                streams = index
                break scan
            } else {
                break scan
            }
            index += 1
        }
        guard let streams else { return .malformed }
        let remaining = args.count - streams - 1
        if remaining == 0 || remaining % 2 != 0 { return .malformed }
        let keys = (0..<(remaining / 2)).map { KeyExtraction.Key(index: streams + 1 + $0, flags: []) }
        return KeyExtraction(keys: keys, dependsOnUnknown: false, isMalformed: false)
    }
}
