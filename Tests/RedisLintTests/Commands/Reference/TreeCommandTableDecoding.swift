@testable import RedisLint

/// The command table's decoding as it was until session 8: a JSON tree (`TableJSON`), read into raw
/// records, then into `CommandSpec`s. Kept as the reference the direct reader (`CommandTableDecoding`)
/// is checked against. The short keys are the generator's (scripts/generate-command-table).
enum TreeCommandTableDecoding {
    private typealias Object = TableJSON.Fields

    private struct RawCommand {
        let n: String
        let a: Int
        let f: [String]
        let c: [String]
        let t: [String]?
        let k: [RawKeySpec]
        let s: String?
        let d: String?
        let r: String?
        let g: String?
        let x: String?
        let h: [String]?
        let p: [RawArgument]?
        let o: String?
        let op: [RawPatch]?

        init(_ value: TableJSON.Value) throws {
            let o = try need(value.object)
            n = try need(o["n"]?.string)
            a = try need(o["a"]?.integer)
            f = try need(o["f"]?.strings)
            c = try need(o["c"]?.strings)
            t = o["t"]?.strings
            k = try need(o["k"]?.array).map(RawKeySpec.init)
            s = o["s"]?.string
            d = o["d"]?.string
            r = o["r"]?.string
            g = o["g"]?.string
            x = o["x"]?.string
            h = o["h"]?.strings
            p = try o["p"]?.array?.map(RawArgument.init)
            self.o = o["o"]?.string
            op = try o["op"]?.array?.map(RawPatch.init)
        }
    }

    private struct RawPatch {
        let v: String
        let what: [String]
        init(_ value: TableJSON.Value) throws {
            let o = try need(value.object)
            v = try need(o["v"]?.string)
            what = try need(o["what"]?.strings)
        }
    }

    private struct RawBegin {
        let i: Int?
        let w: String?
        let s: Int?
        init(_ o: Object) {
            i = o["i"]?.integer
            w = o["w"]?.string
            s = o["s"]?.integer
        }
    }

    private struct RawKeySpec {
        let f: [String]
        let b: RawBegin?
        let r: [Int]?
        let n: [Int]?
        init(_ value: TableJSON.Value) throws {
            let o = try need(value.object)
            f = try need(o["f"]?.strings)
            b = o["b"]?.object.map(RawBegin.init)
            r = o["r"]?.integers
            n = o["n"]?.integers
        }
    }

    private struct RawArgument {
        let n: String
        let t: String
        let k: String?
        let f: [String]?
        let i: Int?
        let s: String?
        let d: String?
        let a: [RawArgument]?
        init(_ value: TableJSON.Value) throws {
            let o = try need(value.object)
            n = try need(o["n"]?.string)
            t = try need(o["t"]?.string)
            k = o["k"]?.string
            f = o["f"]?.strings
            i = o["i"]?.integer
            s = o["s"]?.string
            d = o["d"]?.string
            a = try o["a"]?.array?.map(RawArgument.init)
        }
    }

    private struct MissingField: Error {}

    private static func need<T>(_ value: T?) throws -> T {
        guard let value else { throw MissingField() }
        return value
    }

    static func decode(_ json: String) -> [CommandSpec] {
        do {
            return try need(TableJSON.parse(json).array).map { try command(RawCommand($0)) }
        } catch {
            // The table is generated and checked by tests; failing loudly beats linting with no facts.
            fatalError("redislint: the generated command table does not decode: \(error)")
        }
    }

    private static func command(_ raw: RawCommand) -> CommandSpec {
        // `container|sub`: cut at the first bar (the generic `split` cost ~3,500 instructions a name).
        let bar = raw.n.utf8.firstIndex(of: UInt8(ascii: "|"))
        let container = bar.map { String(raw.n[..<$0]) }
        let subcommand = bar.map { String(raw.n[raw.n.index(after: $0)...]) }
        let isSubcommand = container?.isEmpty == false && subcommand?.isEmpty == false
        return CommandSpec(
            name: raw.n,
            containerName: isSubcommand ? container : nil,
            subcommandName: isSubcommand ? subcommand : nil,
            arity: raw.a,
            flags: Set(raw.f.map { $0.lowercased() }),
            aclCategories: raw.c,
            tips: raw.t ?? [],
            keySpecs: raw.k.map(keySpec),
            since: raw.s,
            deprecatedSince: raw.d,
            replacedBy: raw.r,
            group: raw.g,
            complexity: raw.x,
            docFlags: raw.h ?? [],
            arguments: (raw.p ?? []).map(argument),
            overlayVersion: raw.o,
            overlayPatches: (raw.op ?? []).map { CommandSpec.OverlayPatch(version: $0.v, changed: $0.what) })
    }

    private static func keySpec(_ raw: RawKeySpec) -> KeySpec {
        let flags = raw.f.reduce(into: KeySpecFlags()) { $0.formUnion(KeySpecFlags(redisName: $1)) }
        let begin: KeySpec.BeginSearch
        if let index = raw.b?.i {
            begin = .index(index)
        } else if let keyword = raw.b?.w, let start = raw.b?.s {
            begin = .keyword(keyword, startFrom: start)
        } else {
            begin = .unknown
        }
        let find: KeySpec.FindKeys
        if let range = raw.r, range.count == 3 {
            find = .range(lastKey: range[0], step: range[1], limit: range[2])
        } else if let keyNum = raw.n, keyNum.count == 3 {
            find = .keyNum(keyNumIndex: keyNum[0], firstKey: keyNum[1], step: keyNum[2])
        } else {
            find = .unknown
        }
        return KeySpec(flags: flags, beginSearch: begin, findKeys: find)
    }

    private static func argument(_ raw: RawArgument) -> ArgumentSpec {
        // At most three flags: asking the list beats building a Set per argument (~4,000 each run).
        let flags = raw.f ?? []
        return ArgumentSpec(
            name: raw.n,
            kind: ArgumentSpec.Kind(rawValue: raw.t) ?? .unknown,
            token: raw.k,
            isOptional: flags.contains("optional"),
            isMultiple: flags.contains("multiple"),
            isMultipleToken: flags.contains("multiple_token"),
            keySpecIndex: raw.i,
            since: raw.s,
            deprecatedSince: raw.d,
            arguments: (raw.a ?? []).map(argument))
    }
}
