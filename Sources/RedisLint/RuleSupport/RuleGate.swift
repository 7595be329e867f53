/// Whether the scanner asks a rule about a file, from the rule's description, worked out once per scan:
/// the file's language is one of the rule's, and the file has one of the parts the rule reads (when the
/// rule says which: `RuleDescription.reads`). Per file and rule this is two masks tested, instead of a
/// search of the rule's language list and a call of the rule to return at once.
struct RuleGate: Sendable {
    /// One bit per language (`RuleGate.bit`).
    private let languages: UInt8
    /// The parts the rule reads; all bits when it says none (then every file has one).
    private let reads: UInt8

    init(_ description: RuleDescription) {
        languages = description.languages.reduce(0) { $0 | RuleGate.bit($1) }
        reads = description.reads?.rawValue ?? .max
    }

    /// The rule is asked about a file of `language` (`RuleGate.bit`) with `parts`.
    func admits(language: UInt8, parts: FileParts) -> Bool {
        languages & language != 0 && reads & (parts.rawValue | RuleGate.always) != 0
    }

    /// A bit no `FileParts` uses: set in every file's parts, so a rule that reads anything (`reads` all
    /// bits) is always asked.
    private static let always: UInt8 = 0x80

    /// The language's bit in `languages`.
    static func bit(_ language: Language) -> UInt8 {
        switch language {
        case .ruby: return 1
        case .python: return 2
        case .javascript: return 4
        case .swift: return 8
        case .lua: return 16
        }
    }
}
