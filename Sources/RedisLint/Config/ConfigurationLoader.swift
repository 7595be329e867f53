/// Reads and validates a `.redislint.toml`. Unknown keys, wrong types and bad values are errors
/// naming the file, the line and the valid choices; nothing falls back to a default silently.
public enum ConfigurationLoader {
    public static let topLevelKeys = ["select", "ignore", "exclude", "cluster", "min-redis-version", "severity", "per-path-ignores", "clients"]
    public static let clientKeys = ["receivers", "wrappers"]
    public static let wrapperKeys = ["command", "key"]

    /// Loads the file at `path` (absolute), governing `folder`.
    public static func load(path: String, folder: String, catalog: RuleCatalog) throws(ConfigurationError) -> Configuration {
        let bytes: [UInt8]
        switch FileSystem.read(path, limit: 1 << 20) {
        case .success(let read): bytes = read
        case .failure(let error): throw ConfigurationError(path: path, line: 0, message: "cannot read the configuration: \(error.message)")
        }
        return try parse(bytes, path: path, folder: folder, catalog: catalog)
    }

    public static func parse(_ bytes: [UInt8], path: String, folder: String, catalog: RuleCatalog) throws(ConfigurationError) -> Configuration {
        let document: TOMLDocument
        do {
            document = try TOMLParser.parse(bytes)
        } catch {
            throw ConfigurationError(path: path, line: error.line, message: error.message)
        }
        var reader = Reader(path: path, catalog: catalog)
        return try reader.configuration(document.root, folder: folder)
    }

    struct Reader {
        let path: String
        let catalog: RuleCatalog

        func fail(_ line: Int, _ message: String) -> ConfigurationError {
            ConfigurationError(path: path, line: line, message: message)
        }

        mutating func configuration(_ root: TOMLTable, folder: String) throws(ConfigurationError) -> Configuration {
            var config = Configuration(path: path, folder: folder)
            for entry in root.entries {
                switch entry.key {
                case "select": config.select = try selectors(entry)
                case "ignore": config.ignore = try selectors(entry)
                case "exclude": config.excludes = try strings(entry).map { (text) throws(ConfigurationError) in try glob(text, line: entry.line) }
                case "cluster":
                    let text = try string(entry)
                    guard let mode = ClusterMode(rawValue: text) else {
                        throw fail(entry.line, "invalid value \"\(text)\" for 'cluster' (valid: \(ClusterMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))")
                    }
                    config.cluster = mode
                case "min-redis-version":
                    let text = try string(entry)
                    guard let version = RedisVersion(text), version.major >= 2, version.major < 100 else {
                        throw fail(entry.line, "invalid value \"\(text)\" for 'min-redis-version' (a version such as \"6.2\" or \"7.0\")")
                    }
                    config.minimumRedisVersion = version
                case "severity":
                    for rule in try table(entry).entries {
                        guard let id = catalog.id(rule.key) else { throw fail(rule.line, "unknown rule '\(rule.key)' in [severity] (valid: a rule id or name)") }
                        guard case .string(let text) = rule.value, let severity = Severity(rawValue: text) else {
                            throw fail(rule.line, "invalid severity for '\(rule.key)' (valid: \(Severity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))")
                        }
                        config.severities[id] = severity
                    }
                case "per-path-ignores":
                    for item in try table(entry).entries {
                        let pattern = try glob(item.key, line: item.line)
                        config.perPathIgnores.append(Configuration.PerPathIgnore(pattern: pattern, rules: try selectors(item)))
                    }
                case "clients":
                    config.teaching = try teaching(try table(entry))
                default:
                    throw fail(entry.line, "unknown key '\(entry.key)' (valid: \(ConfigurationLoader.topLevelKeys.joined(separator: ", ")))")
                }
            }
            return config
        }

        func teaching(_ table: TOMLTable) throws(ConfigurationError) -> ClientTeaching {
            var teaching = ClientTeaching()
            for entry in table.entries {
                switch entry.key {
                case "receivers":
                    for name in try strings(entry) {
                        guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "(" }) else {
                            throw fail(entry.line, "invalid receiver name \"\(name)\" (a variable or member name such as \"cache\" or \"self.cache\")")
                        }
                        teaching.receivers.insert(name)
                    }
                case "wrappers":
                    for wrapper in try self.table(entry).entries {
                        teaching.wrappers.append(try self.wrapper(wrapper))
                    }
                default:
                    throw fail(entry.line, "unknown key '\(entry.key)' in [clients] (valid: \(ConfigurationLoader.clientKeys.joined(separator: ", ")))")
                }
            }
            return teaching
        }

        /// `"CacheStore.fetch" = { command = "GET", key = 1 }`.
        func wrapper(_ entry: TOMLTable.Entry) throws(ConfigurationError) -> ClientTeaching.Wrapper {
            guard case .table(let fields) = entry.value else {
                throw fail(entry.line, "wrapper '\(entry.key)' must be an inline table such as { command = \"GET\", key = 1 }")
            }
            var command: String?
            var key: Int?
            for field in fields.entries {
                switch field.key {
                case "command": command = try string(field).uppercased()
                case "key":
                    guard case .integer(let position) = field.value, position >= 1 else {
                        throw fail(field.line, "invalid 'key' for wrapper '\(entry.key)' (the key's argument position, 1 for the first)")
                    }
                    key = position
                default:
                    throw fail(field.line, "unknown key '\(field.key)' in wrapper '\(entry.key)' (valid: \(ConfigurationLoader.wrapperKeys.joined(separator: ", ")))")
                }
            }
            guard let command else { throw fail(entry.line, "wrapper '\(entry.key)' needs a command, e.g. command = \"GET\"") }
            guard !command.isEmpty, !command.contains(" "), let spec = CommandTable.command(named: command), spec.containerName == nil else {
                throw fail(entry.line, "wrapper '\(entry.key)': \"\(command)\" is not a Redis command with a key (e.g. \"GET\", \"HGETALL\", \"DEL\")")
            }
            let name = entry.key
            guard !name.isEmpty, !name.hasSuffix("."), !name.hasPrefix(".") else { throw fail(entry.line, "invalid wrapper name '\(name)' (a function name or Receiver.method)") }
            var receiver: String? = nil
            var method = name
            if let dot = name.lastIndex(of: ".") {
                receiver = String(name[..<dot])
                method = String(name[name.index(after: dot)...])
            }
            return ClientTeaching.Wrapper(receiver: receiver, method: method, command: command,
                                          keyArgument: key ?? 1)
        }

        func selectors(_ entry: TOMLTable.Entry) throws(ConfigurationError) -> [String] {
            let list = try strings(entry)
            for selector in list where catalog.ids(selector) == nil {
                throw fail(entry.line, "unknown rule '\(selector)' (valid: \(catalog.validChoicesText))")
            }
            return list
        }

        func glob(_ text: String, line: Int) throws(ConfigurationError) -> GlobPattern {
            guard let pattern = GlobPattern(text), !pattern.negated else {
                throw fail(line, "invalid glob \"\(text)\" (a .gitignore-style pattern such as \"tests/**\"; no '!' or '#' at the start)")
            }
            return pattern
        }

        func string(_ entry: TOMLTable.Entry) throws(ConfigurationError) -> String {
            guard case .string(let text) = entry.value else { throw fail(entry.line, "'\(entry.key)' must be a string, not \(entry.value.typeName)") }
            return text
        }

        func strings(_ entry: TOMLTable.Entry) throws(ConfigurationError) -> [String] {
            guard case .array(let values) = entry.value else { throw fail(entry.line, "'\(entry.key)' must be an array of strings, not \(entry.value.typeName)") }
            var out: [String] = []
            for value in values {
                guard case .string(let text) = value else { throw fail(entry.line, "'\(entry.key)' must be an array of strings; found \(value.typeName)") }
                out.append(text)
            }
            return out
        }

        func table(_ entry: TOMLTable.Entry) throws(ConfigurationError) -> TOMLTable {
            guard case .table(let table) = entry.value else { throw fail(entry.line, "'\(entry.key)' must be a table ([\(entry.key)]), not \(entry.value.typeName)") }
            return table
        }
    }
}
