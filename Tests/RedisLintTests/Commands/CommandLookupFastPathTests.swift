import Testing
import RedisTestSupport
@testable import RedisLint

/// The per-op shortcuts of the command table and the op builder answer as the slower forms they replace:
/// exact-case look-up of upper-cased names, precomputed argument tokens, bytewise upper-casing, the
/// script-command switch.
@Suite struct CommandLookupFastPathTests {
    /// The look-up as it was: every name lowered first, then the lower-case table.
    private static func lookUpLowered(_ name: String, subcommand: String?, in byName: [String: CommandSpec]) -> CommandSpec? {
        let lower = name.lowercased()
        if let subcommand { return byName[lower + "|" + subcommand.lowercased()] }
        if let found = byName[lower] { return found }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "|" })
        if words.count == 2 { return byName[words[0] + "|" + words[1]] }
        return nil
    }

    /// Names as written in code: upper, lower, mixed, with separators, non-ASCII (`ı` upper-cases to `I`,
    /// `ß` to `SS`), empty.
    private static func spellings(of spec: CommandSpec) -> [(String, String?)] {
        var out: [(String, String?)] = []
        let name = spec.name
        for variant in [name, name.uppercased(), name.capitalized(), name.replacingBar(with: " "), name.uppercased().replacingBar(with: " ")] {
            out.append((variant, nil))
        }
        if let container = spec.containerName, let sub = spec.subcommandName {
            for (c, s) in [(container, sub), (container.uppercased(), sub.uppercased()), (container.capitalized(), sub),
                           (container.uppercased(), sub.lowercased()), (container, sub + "x"), (container.uppercased() + "|", sub.uppercased())] {
                out.append((c, s))
            }
        }
        return out
    }

    @Test func exactCaseLookUpMatchesLoweredLookUp() {
        let byName = Dictionary(CommandTable.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var inputs: [(String, String?)] = CommandTable.all.flatMap(Self.spellings)
        inputs += [("", nil), ("", ""), ("ıncr", nil), ("GEı", nil), ("ß", nil), ("CONFIG", "ſet"), ("CONFIG", ""), ("NOSUCH", nil),
                   ("NOSUCH", "SET"), ("a b c", nil), ("|", nil), ("GET|", nil), ("\u{FFFD}", nil), ("CLIENT", "KILL")]
        #expect(inputs.count > 1000)
        for (name, subcommand) in inputs {
            let fast = CommandTable.command(named: name, subcommand: subcommand)
            let slow = Self.lookUpLowered(name, subcommand: subcommand, in: byName)
            #expect(fast === slow, "\(name) \(subcommand ?? "-")")
        }
        // The upper-case aliases rest on this: every table name is ASCII and lower-case.
        for spec in CommandTable.all {
            #expect(spec.name.utf8.allSatisfy { $0 < 0x80 } && spec.name == spec.name.lowercased(), "\(spec.name)")
        }
    }

    @Test func hasSubcommandsIgnoresCase() {
        let containers = Set(CommandTable.all.compactMap(\.containerName))
        #expect(containers.count > 5)
        for spec in CommandTable.all {
            for name in [spec.name, spec.name.uppercased(), spec.name.capitalized()] {
                #expect(CommandTable.hasSubcommands(name) == containers.contains(name.lowercased()), "\(name)")
            }
        }
        #expect(!CommandTable.hasSubcommands("ıncr"))
    }

    @Test func upperCasedTokensAgreeWithTheTreeWalk() {
        let common = Set(OpBuilder.flagOptions).union(OpBuilder.valuedOptions).union(["", "ex", "Nx", "NOSUCH", "ı"])
        let specs = CommandTable.all
        var found = 0
        for (index, spec) in specs.enumerated() {
            // The words asked about (the option words), the command's own tokens at any depth, and a neighbour's.
            let words = common.union(CommandSpec.upperCasedTokens(in: spec.arguments, levels: 20))
                .union(CommandSpec.upperCasedTokens(in: specs[(index + 1) % specs.count].arguments, levels: 20))
            for word in words {
                let walked = OpBuilder.hasToken(word, in: spec.arguments)
                #expect(spec.upperCasedTokens.contains(word) == walked, "\(spec.name) \(word)")
                if walked { found += 1 }
            }
        }
        #expect(found > 400)
    }

    @Test func upperCasedTokensStopAtTheLevelLimit() {
        func nested(_ depth: Int) -> [ArgumentSpec] {
            var list = [ArgumentSpec.token("DEEP")]
            for _ in 0..<depth { list = [ArgumentSpec.block(list)] }
            return list
        }
        for depth in 0..<12 {
            #expect(CommandSpec.upperCasedTokens(in: nested(depth)).contains("DEEP") == OpBuilder.hasToken("DEEP", in: nested(depth)), "\(depth)")
        }
        #expect(CommandSpec.upperCasedTokens(in: nested(7)).contains("DEEP"))
        #expect(!CommandSpec.upperCasedTokens(in: nested(8)).contains("DEEP"))
    }

    @Test func bytewiseUpperCasingMatchesUnicode() {
        var random = SeededRandom(seed: 9)
        let alphabet: [String] = ["a", "z", "A", "Z", "_", "0", "|", " ", "-", "@", "`", "{", "ß", "ı", "é", "ſ", "ﬀ", "\u{FFFD}", "\u{0}", "İ"]
        var inputs = ["", "get", "GET", "Get", "asynchronous", "withscores", "ıncr", "straße"]
        for _ in 0..<3000 {
            let length = Int(random.next() % 9)
            inputs.append((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined())
        }
        for input in inputs {
            #expect(CommandTable.uppercased(input) == input.uppercased(), "\(input)")
        }
        // Invalid UTF-8 as an option word, decoded the way the builder decodes it.
        let decoded = String(decoding: [0x65, 0x78, 0xFF], as: UTF8.self)
        #expect(CommandTable.uppercased(decoded) == decoded.uppercased())
    }

    @Test func scriptCommandSwitchMatchesTheSet() {
        var names = CommandTable.all.map { $0.name.uppercased() } + Array(OpBuilder.scriptCommands)
        names += ["eval", "Eval", "EVAL ", "EVALSHA_R", "FCALL_RO_", ""]
        for name in names {
            #expect(OpBuilder.isScriptCommand(name) == OpBuilder.scriptCommands.contains(name), "\(name)")
        }
        #expect(CommandTable.all.filter { OpBuilder.isScriptCommand($0.name.uppercased()) }.count == 6)
    }

    @Test func countedKeyCommandsAreTableNames() {
        for name in OpBuilder.countedKeyCommands {
            #expect(CommandTable.command(named: name)?.name == name, "\(name)")
        }
    }
}

private extension String {
    func capitalized() -> String { prefix(1).uppercased() + dropFirst() }
    func replacingBar(with separator: String) -> String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: separator) }
}

private extension ArgumentSpec {
    static func token(_ word: String) -> ArgumentSpec {
        ArgumentSpec(name: word.lowercased(), kind: .pureToken, token: word, isOptional: true, isMultiple: false, isMultipleToken: false,
                     keySpecIndex: nil, since: nil, deprecatedSince: nil, arguments: [])
    }
    static func block(_ children: [ArgumentSpec]) -> ArgumentSpec {
        ArgumentSpec(name: "block", kind: .block, token: nil, isOptional: true, isMultiple: false, isMultipleToken: false,
                     keySpecIndex: nil, since: nil, deprecatedSince: nil, arguments: children)
    }
}
