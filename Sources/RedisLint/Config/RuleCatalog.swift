/// The rules a selector can name, for validating configuration and command-line selections without
/// depending on the `Rules` target: ids (`RL101`), names (`keys-command`), id prefixes (`RL1`,
/// `RL`) and `ALL`.
public struct RuleCatalog: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var name: String
        public var enabledByDefault: Bool

        public init(id: String, name: String, enabledByDefault: Bool) {
            self.id = id
            self.name = name
            self.enabledByDefault = enabledByDefault
        }
    }

    public let entries: [Entry]
    /// Built once: every file's policy starts from one of these (building them per file was 7 % of a scan).
    public let defaultIDs: Set<String>
    public let allIDs: Set<String>

    public init(_ descriptions: [RuleDescription]) {
        self.init(entries: descriptions.map { Entry(id: $0.id, name: $0.name, enabledByDefault: $0.enabledByDefault) })
    }

    public init(entries: [Entry]) {
        self.entries = entries
        self.defaultIDs = Set(entries.filter(\.enabledByDefault).map(\.id))
        self.allIDs = Set(entries.map(\.id))
    }

    /// The rule ids a selector names, or nil when it names nothing.
    public func ids(_ selector: String) -> Set<String>? {
        let upper = selector.uppercased()
        if upper == "ALL" { return allIDs }
        if let exact = entries.first(where: { $0.id == upper || $0.name == selector.lowercased() }) { return [exact.id] }
        // A prefix of an id: `RL1`, `RL10` (digits only after `RL`, so `R` alone is not a family).
        if upper.hasPrefix("RL"), upper.dropFirst(2).allSatisfy(\.isNumber) {
            let matched = entries.filter { $0.id.hasPrefix(upper) }.map(\.id)
            if !matched.isEmpty { return Set(matched) }
        }
        return nil
    }

    /// The id a single-rule selector names (id or name), for severities.
    public func id(_ selector: String) -> String? {
        entries.first { $0.id == selector.uppercased() || $0.name == selector.lowercased() }?.id
    }

    public var validChoicesText: String {
        "a rule id (" + entries.prefix(3).map(\.id).joined(separator: ", ") + "…), a name ("
            + entries.prefix(2).map(\.name).joined(separator: ", ") + "…), an id prefix such as RL1, or ALL"
    }
}
