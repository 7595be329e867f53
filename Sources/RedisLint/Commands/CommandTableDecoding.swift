import Foundation

/// Turns the generated JSON text (`GeneratedCommandTable.json`) into `CommandSpec`s.
/// The short keys are the generator's (scripts/generate-command-table); keep the two in step.
enum CommandTableDecoding {
    private struct RawCommand: Decodable {
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
    }

    private struct RawPatch: Decodable {
        let v: String
        let what: [String]
    }

    private struct RawBegin: Decodable {
        let i: Int?
        let w: String?
        let s: Int?
    }

    private struct RawKeySpec: Decodable {
        let f: [String]
        let b: RawBegin?
        let r: [Int]?
        let n: [Int]?
    }

    private final class RawArgument: Decodable {
        let n: String
        let t: String
        let k: String?
        let f: [String]?
        let i: Int?
        let s: String?
        let d: String?
        let a: [RawArgument]?
    }

    static func decode(_ json: String) -> [CommandSpec] {
        do {
            let raw = try JSONDecoder().decode([RawCommand].self, from: Data(json.utf8))
            return raw.map(command)
        } catch {
            // The table is generated and checked by tests; failing loudly beats linting with no facts.
            fatalError("redislint: the generated command table does not decode: \(error)")
        }
    }

    private static func command(_ raw: RawCommand) -> CommandSpec {
        let pieces = raw.n.split(separator: "|", maxSplits: 1).map(String.init)
        return CommandSpec(
            name: raw.n,
            containerName: pieces.count == 2 ? pieces[0] : nil,
            subcommandName: pieces.count == 2 ? pieces[1] : nil,
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
        let flags = Set(raw.f ?? [])
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
