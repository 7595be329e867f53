
/// What a rule is, for users and for tests: id, name, severity, documentation and examples.
/// `redislint explain`, SARIF `rules[]`, the README's rule table and the example tests all read this,
/// so documentation cannot drift from behaviour.
public struct RuleDescription: Sendable {
    /// Stable id: `RL` and three digits, grouped by family, never reused.
    public var id: String
    /// Stable kebab-case name (`keys-command`).
    public var name: String
    public var severity: Severity
    /// One line, no trailing period.
    public var summary: String
    public var languages: [Language]
    /// Markdown sections, written when read (`explain`, SARIF, the documentation): some interpolate shared
    /// notes, and every run makes every rule's description (the cluster rules' appends were ~25K instructions).
    public var whatItFinds: String { makeWhatItFinds() }
    public var whyItIsAProblem: String { makeWhyItIsAProblem() }
    public var useInstead: String { makeUseInstead() }
    private let makeWhatItFinds: @Sendable () -> String
    private let makeWhyItIsAProblem: @Sendable () -> String
    private let makeUseInstead: @Sendable () -> String
    /// Built when read (`explain`, the documentation, the example tests): every run makes every rule's
    /// description, and a scan needs none of the ~300 code samples (their arrays were built at each start).
    public var examples: [RuleExample] { makeExamples() }
    private let makeExamples: @Sendable () -> [RuleExample]
    public var tags: [String]
    /// Opt-in rules are off unless selected.
    public var enabledByDefault: Bool
    /// The parts of a file model the rule reads, when it can find nothing in a file where all of them are
    /// empty: the scanner then does not ask it about that file (most files have no traces, and calling each
    /// of some thirty rules to return at once cost more than the test). Nil: asked about every file.
    public var reads: FileParts?

    public init(id: String, name: String, severity: Severity, summary: String, languages: [Language],
                whatItFinds: @autoclosure @escaping @Sendable () -> String,
                whyItIsAProblem: @autoclosure @escaping @Sendable () -> String,
                useInstead: @autoclosure @escaping @Sendable () -> String,
                examples: @autoclosure @escaping @Sendable () -> [RuleExample],
                tags: [String] = [], enabledByDefault: Bool = true, reads: FileParts? = nil) {
        self.id = id
        self.name = name
        self.severity = severity
        self.summary = summary
        self.languages = languages
        self.makeWhatItFinds = whatItFinds
        self.makeWhyItIsAProblem = whyItIsAProblem
        self.makeUseInstead = useInstead
        self.makeExamples = examples
        self.tags = tags
        self.enabledByDefault = enabledByDefault
        self.reads = reads
    }

    /// The full Markdown documentation: the four sections, with examples under *Example*.
    public var markdown: String {
        var out = "# \(id) \(name)\n\n\(summary).\n\n"
        out += "Default severity: `\(severity.rawValue)`. Languages: \(languages.map(\.displayName).joined(separator: ", ")).\n\n"
        out += "## What it finds\n\n\(whatItFinds)\n\n"
        out += "## Why it is a problem\n\n\(whyItIsAProblem)\n\n"
        out += "## Example\n\n"
        for language in languages {
            let triggering = examples.filter { $0.language == language && $0.triggers }
            let clean = examples.filter { $0.language == language && !$0.triggers }
            guard let bad = triggering.first else { continue }
            out += "\(language.displayName), flagged:\n\n```\(language.fenceName)\n\(bad.displayCode)\n```\n\n"
            if let good = clean.first {
                out += "\(language.displayName), not flagged:\n\n```\(language.fenceName)\n\(good.displayCode)\n```\n\n"
            }
        }
        out += "## Use instead\n\n\(useInstead)\n"
        return out
    }
}

/// A code sample run as a test. In triggering examples `↓` marks where each finding must start;
/// the marker is removed before linting.
public struct RuleExample: Sendable {
    public var language: Language
    public var code: String
    public var triggers: Bool
    /// Settings the example is linted with, when it needs other than the defaults (a rule that
    /// only applies below some minimum Redis version).
    public var settings: RuleSettings? = nil

    public static func triggering(_ language: Language, _ code: String, settings: RuleSettings? = nil) -> RuleExample {
        RuleExample(language: language, code: code, triggers: true, settings: settings)
    }
    public static func clean(_ language: Language, _ code: String, settings: RuleSettings? = nil) -> RuleExample {
        RuleExample(language: language, code: code, triggers: false, settings: settings)
    }

    public static let marker = "↓"

    /// The code as users read it (markers removed).
    public var displayCode: String { code.split(separator: RuleExample.marker, omittingEmptySubsequences: false).joined() }
}

extension Language {
    /// Markdown code-fence language.
    public var fenceName: String {
        switch self {
        case .javascript: return "ts"
        default: return rawValue
        }
    }

    /// File extension used when an example is linted as a file.
    public var exampleExtension: String {
        switch self {
        case .ruby: return "rb"
        case .python: return "py"
        case .javascript: return "ts"
        case .swift: return "swift"
        case .lua: return "lua"
        }
    }
}
