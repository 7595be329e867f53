import Testing
@testable import RedisLint

/// The scanner's test of whether to ask a rule about a file (`RuleGate`).
@Suite struct RuleGateTests {
    static func description(_ languages: [Language], reads: FileParts?) -> RuleDescription {
        RuleDescription(id: "RL999", name: "gate", severity: .warning, summary: "s", languages: languages, whatItFinds: "",
                        whyItIsAProblem: "", useInstead: "", examples: [], reads: reads)
    }

    static let everyParts: [FileParts] = (0..<32).map { FileParts(rawValue: UInt8($0)) }

    /// Asked exactly when the language is the rule's and the file has a part it reads (any file when it says none).
    @Test func admitsTheRuleLanguagesAndParts() {
        let languageLists: [[Language]] = [Language.allCases, [.lua], [.ruby, .python, .javascript, .swift], [.python], []]
        let readsLists: [FileParts?] = [nil, .traces, [.traces, .scripts], [.traces, .scriptDefinitions], .scripts,
                                        .clientConstructions, [.traces, .databaseSelections]]
        for languages in languageLists {
            for reads in readsLists {
                let gate = RuleGate(Self.description(languages, reads: reads))
                for language in Language.allCases {
                    for parts in Self.everyParts {
                        let expected = languages.contains(language) && (reads.map { !$0.isDisjoint(with: parts) } ?? true)
                        #expect(gate.admits(language: RuleGate.bit(language), parts: parts) == expected)
                    }
                }
            }
        }
    }

    @Test func languagesHaveTheirOwnBits() {
        let bits = Language.allCases.map(RuleGate.bit)
        #expect(Set(bits).count == Language.allCases.count)
        #expect(bits.allSatisfy { $0 != 0 && $0 & ($0 - 1) == 0 })
    }
}
