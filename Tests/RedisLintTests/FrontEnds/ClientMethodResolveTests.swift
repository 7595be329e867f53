import Testing
@testable import RedisLint
import RedisTestSupport

/// `ClientMethods.resolve` and `CommandTable.command(named:)` skip work for names that cannot be
/// commands (no look-up of the subcommand part unless the first part has subcommands, no second
/// look-up or split of a name already in lower case with no space or bar). They must answer exactly
/// as the algorithm they replaced, kept below as `Reference`, for every command and subcommand
/// spelling and for many names that are no commands, in every language.
@Suite struct ClientMethodResolveTests {
    /// The algorithm as it was (session 7), with the command table's look-up as it was.
    enum Reference {
        static let byName: [String: CommandSpec] = Dictionary(
            CommandTable.all.map { ($0.name, $0) } + CommandTable.all.map { ($0.name.uppercased(), $0) },
            uniquingKeysWith: { first, _ in first })

        static func command(named name: String, subcommand: String? = nil) -> CommandSpec? {
            if let subcommand {
                if let found = byName[name + "|" + subcommand] { return found }
                return byName[CommandTable.lowercased(name) + "|" + CommandTable.lowercased(subcommand)]
            }
            if let found = byName[name] { return found }
            let lower = CommandTable.lowercased(name)
            if let found = byName[lower] { return found }
            let words = lower.split(whereSeparator: { $0 == " " || $0 == "|" })
            if words.count == 2 { return byName[words[0] + "|" + words[1]] }
            return nil
        }

        static func resolve(method rawMethod: String, language: Language) -> ClientMethods.Resolved? {
            let method = language == .ruby && (rawMethod.hasSuffix("?") || rawMethod.hasSuffix("!")) ? String(rawMethod.dropLast()) : rawMethod
            if let raw = ClientMethods.rawMethods[language], raw.contains(method) {
                return .init(command: "", subcommand: nil, isRaw: true, isUnambiguous: method != "call" && method != "send")
            }
            if let special = ClientMethods.renamed[language]?[method] {
                return .init(command: special.0, subcommand: special.1, isRaw: false, isUnambiguous: !ClientMethods.ambiguous.contains(method))
            }
            let lower = method.lowercased()
            if lower.allSatisfy({ $0.isLetter }), let spec = command(named: lower), spec.containerName == nil {
                return .init(command: spec.name.uppercased(), subcommand: nil, isRaw: false,
                             isUnambiguous: !ClientMethods.ambiguous.contains(method) && !ClientMethods.ambiguous.contains(lower))
            }
            if let (container, sub) = splitContainer(method, language: language), command(named: container, subcommand: sub) != nil {
                return .init(command: container.uppercased(), subcommand: sub.uppercased(), isRaw: false, isUnambiguous: true,
                             isJoinedSubcommand: true)
            }
            return nil
        }

        static func splitContainer(_ method: String, language: Language) -> (String, String)? {
            if let underscore = method.firstIndex(of: "_") {
                let sub = String(method[method.index(after: underscore)...]).lowercased()
                return (String(method[..<underscore]).lowercased(), String(sub.map { $0 == "_" ? "-" : $0 }))
            }
            guard language == .javascript, let upper = method.firstIndex(where: { $0.isUppercase }) else { return nil }
            return (String(method[..<upper]).lowercased(), String(method[upper...]).lowercased())
        }
    }

    /// Every spelling a client may give a command or subcommand: as reported, upper case, capitalised,
    /// camel case, joined by `_` or by a capital, with `-` kept or turned into `_`, with Ruby's `?`/`!`.
    static func commandSpellings() -> [String] {
        var names: [String] = []
        func camel(_ word: Substring) -> String { word.prefix(1).uppercased() + word.dropFirst() }
        for spec in CommandTable.all {
            let parts = spec.name.split(separator: "|")
            var spellings: [String] = [spec.name, spec.name.uppercased(), camel(Substring(spec.name)), spec.name + " x"]
            if parts.count == 2 {
                let container = String(parts[0])
                let sub = String(parts[1])
                let subUnderscored = String(sub.map { $0 == "-" ? "_" : $0 })
                let upperContainer = container.uppercased()
                let joined: [String] = [
                    container + "_" + sub, container + "_" + subUnderscored, (container + "_" + subUnderscored).uppercased(),
                    container + camel(Substring(sub)), container + camel(Substring(subUnderscored)), upperContainer + camel(Substring(sub)),
                ]
                let others: [String] = [
                    container + " " + sub, upperContainer + "|" + sub.uppercased(), container + sub,
                    container + "_" + String(sub.dropLast()), container + "__" + sub, "_" + container + "_" + sub,
                ]
                spellings += joined
                spellings += others
            }
            names += spellings + spellings.map { $0 + "?" } + spellings.map { $0 + "!" }
        }
        return names
    }

    /// Names that are mostly no commands: identifiers of every shape, prefixes of container names with
    /// other words after them, the client libraries' own names, and non-ASCII text (combining marks,
    /// the Kelvin sign that lowers to `k`, `İ`).
    static func otherNames() -> [String] {
        var random = SeededRandom(seed: 0x5E50_1FE5)
        let containers = Set(CommandTable.all.compactMap(\.containerName))
        let words: [String] = ["get", "set", "user", "Id", "_", "__", "2", "Load", "load", "list", "config", "Config", "script", "client",
                     "x", "Q", "?", "!", "-", "|", " ", "é", "e\u{301}", "_\u{301}", "\u{212A}", "İ", "ß", "日"]
            + containers.sorted() + containers.map { $0.uppercased() }
        var names = Array(ClientMethods.ambiguous) + ClientMethods.rawMethods.values.flatMap { $0 }
            + ClientMethods.renamed.values.flatMap(\.keys) + ["", "_", "a_", "_a", "\u{212A}eys", "h\u{212A}eys", "İ"]
        for _ in 0..<6_000 {
            names.append((0..<(1 + random.below(4))).map { _ in random.pick(words) }.joined())
        }
        return names
    }

    @Test func resolveAnswersAsBefore() {
        let names = Self.commandSpellings() + Self.otherNames()
        var resolved = 0
        var joined = 0
        for language in Language.allCases {
            for name in names {
                let expected = Reference.resolve(method: name, language: language)
                let actual = ClientMethods.resolve(method: name, language: language)
                #expect(actual == expected, "\(language) \(name.unicodeScalars.map { $0.value })")
                if expected != nil { resolved += 1 }
                if expected?.isJoinedSubcommand == true { joined += 1 }
            }
        }
        // The names hit every branch: plain commands, joined subcommands, and many no-commands.
        #expect(resolved > 4_000 && joined > 1_000 && resolved < names.count * Language.allCases.count / 2)
    }

    /// The name lists matched by bytes (`ASCIINameTable`) rather than as `String`s: plain ASCII without `K`,
    /// `;` and `` ` ``, so that no other text is equal to one of them (U+212A KELVIN SIGN, U+037E GREEK QUESTION
    /// MARK and U+1FEF GREEK VARIA are canonically those three; no other text outside ASCII equals ASCII text).
    @Test func byteMatchedNameListsArePlainASCII() {
        let lists: [Set<String>] = [ClientMethods.ambiguous, ClientMethods.transactionMethods, ClientMethods.pipelineMethods,
                                    ClientMethods.accessorMethods, Tracer.runMethods, ScriptExtractor.definitions]
            + ClientMethods.rawMethods.values.map { $0 } + ClientMethods.renamed.values.map { Set($0.keys) }
        for name in lists.flatMap({ $0 }) {
            #expect(!name.isEmpty && name.utf8.allSatisfy { $0 < 0x80 && $0 > 0x20 && !"K;`".utf8.contains($0) }, "\(name)")
        }
    }

    @Test func commandLookupAnswersAsBefore() {
        for name in Self.commandSpellings() + Self.otherNames() {
            #expect(CommandTable.command(named: name)?.name == Reference.command(named: name)?.name, "\(name)")
        }
    }
}
