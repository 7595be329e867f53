/// The policy in effect for one file, from its configuration chain and the command line: which
/// rules report, at what severity, the rule settings, the client teaching, and whether configuration
/// excludes the file.
public struct FilePolicy: Sendable {
    public var enabled: Set<String>
    public var severities: [String: Severity]
    public var settings: RuleSettings
    public var teaching: ClientTeaching
    public var excluded: Bool

    public init(enabled: Set<String>, severities: [String: Severity] = [:], settings: RuleSettings = RuleSettings(),
                teaching: ClientTeaching = ClientTeaching(), excluded: Bool = false) {
        self.enabled = enabled
        self.severities = severities
        self.settings = settings
        self.teaching = teaching
        self.excluded = excluded
    }
}

extension ConfigurationSet {
    /// The policy for the file at `absolutePath`.
    public func policy(forFile absolutePath: String, catalog: RuleCatalog) -> FilePolicy {
        let chain = chain(forFile: absolutePath)
        var select: [String]? = nil
        var ignore: [String] = []
        var severities: [String: Severity] = [:]
        var settings = RuleSettings()
        var teaching = ClientTeaching()
        var excluded = false
        var pathIgnores: [String] = []
        for configuration in chain {
            if let s = configuration.select { select = s }
            if let i = configuration.ignore { ignore = i }
            severities.merge(configuration.severities) { $1 }
            if let cluster = configuration.cluster { settings.cluster = cluster }
            if let version = configuration.minimumRedisVersion { settings.minimumRedisVersion = version }
            teaching = teaching.merged(with: configuration.teaching)
            let relative = Paths.relative(absolutePath, to: configuration.folder) ?? absolutePath
            if configuration.excludes.contains(where: { $0.matchesFile(relative) }) { excluded = true }
            for entry in configuration.perPathIgnores where entry.pattern.matchesFile(relative) { pathIgnores += entry.rules }
        }
        if let s = overrides.select { select = s }
        ignore += overrides.ignore
        if let cluster = overrides.cluster { settings.cluster = cluster }
        if let version = overrides.minimumRedisVersion { settings.minimumRedisVersion = version }

        // The first selector's set is shared, not rebuilt (`--select ALL` names every rule for every file).
        var enabled = select.map { selectors in
            selectors.dropFirst().reduce(into: selectors.first.flatMap { catalog.ids($0) } ?? []) { $0.formUnion(catalog.ids($1) ?? []) }
        } ?? catalog.defaultIDs
        for selector in ignore + pathIgnores { enabled.subtract(catalog.ids(selector) ?? []) }
        return FilePolicy(enabled: enabled, severities: severities, settings: settings, teaching: teaching, excluded: excluded)
    }
}

extension GlobPattern {
    /// Does the pattern match a file at `relativePath`, or one of the folders holding it (as
    /// `.gitignore` excludes everything under a matched folder)?
    public func matchesFile(_ relativePath: String) -> Bool {
        let bytes = Array(relativePath.utf8)
        let components = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        guard !components.isEmpty else { return false }
        for count in 1...components.count where matches(Array(components[0..<count]), isDirectory: count < components.count) {
            return true
        }
        return false
    }
}
