import Testing
@testable import RedisLint

@Suite struct ConfigurationLoaderTests {
    static let catalog = RuleCatalog(entries: [
        .init(id: "RL001", name: "unused-suppression", enabledByDefault: false),
        .init(id: "RL101", name: "keys-command", enabledByDefault: true),
        .init(id: "RL102", name: "flushall", enabledByDefault: true),
        .init(id: "RL201", name: "get-then-set", enabledByDefault: true),
    ])

    func load(_ text: String) throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader.parse(Array(text.utf8), path: "/p/.redislint.toml", folder: "/p", catalog: Self.catalog)
    }

    @Test func readsEveryKey() throws {
        let config = try load("""
            select = ["RL1", "get-then-set"]
            ignore = ["RL102"]
            exclude = ["generated/**"]
            cluster = "on"
            min-redis-version = "6.2"
            [severity]
            keys-command = "error"
            [per-path-ignores]
            "tests/**" = ["RL101"]
            [clients]
            receivers = ["cache", "self.store"]
            [clients.wrappers]
            "CacheStore.fetch" = { command = "get", key = 1 }
            "expire_later" = { command = "EXPIRE" }
            """)
        #expect(config.select == ["RL1", "get-then-set"])
        #expect(config.ignore == ["RL102"])
        #expect(config.cluster == .on)
        #expect(config.minimumRedisVersion == RedisVersion(6, 2))
        #expect(config.severities == ["RL101": .error])
        #expect(config.excludes.first?.matchesFile("generated/x/y.py") == true)
        #expect(config.perPathIgnores.first?.pattern.matchesFile("tests/unit/a_test.py") == true)
        #expect(config.perPathIgnores.first?.pattern.matchesFile("app/tests.py") == false)
        #expect(config.teaching.receivers == ["cache", "self.store"])
        #expect(config.teaching.wrappers == [
            ClientTeaching.Wrapper(receiver: "CacheStore", method: "fetch", command: "GET", keyArgument: 1),
            ClientTeaching.Wrapper(receiver: nil, method: "expire_later", command: "EXPIRE", keyArgument: 1),
        ])
    }

    @Test(arguments: [
        ("selct = []", 1, "unknown key 'selct' (valid: select, ignore"),
        ("cluster = \"maybe\"", 1, "valid: \"auto\", \"on\", \"off\""),
        ("cluster = true", 1, "must be a string"),
        ("\nselect = [\"RL9\"]", 2, "unknown rule 'RL9'"),
        ("ignore = \"RL101\"", 1, "must be an array of strings"),
        ("min-redis-version = \"seven\"", 1, "min-redis-version"),
        ("[severity]\nkeys-command = \"fatal\"", 2, "valid: \"note\", \"warning\", \"error\""),
        ("[severity]\nnope = \"error\"", 2, "unknown rule 'nope'"),
        ("[per-path-ignores]\n\"tests/**\" = [\"XX\"]", 2, "unknown rule 'XX'"),
        ("[clients]\nreceiver = [\"a\"]", 2, "unknown key 'receiver' in [clients] (valid: receivers, wrappers)"),
        ("[clients.wrappers]\n\"f\" = { command = \"FROB\" }", 2, "not a Redis command"),
        ("[clients.wrappers]\n\"f\" = { command = \"GET\", key = 0 }", 2, "argument position"),
        ("[clients.wrappers]\n\"f\" = { verb = \"GET\" }", 2, "unknown key 'verb'"),
        ("[clients.wrappers]\n\"f\" = \"GET\"", 2, "inline table"),
        ("exclude = [\"!keep\"]", 1, "invalid glob"),
        ("a = [", 1, "unterminated array"),
    ])
    func badConfigurationsAreErrorsWithTheLine(_ text: String, _ line: Int, _ fragment: String) {
        do {
            _ = try load(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.description.hasPrefix("/p/.redislint.toml:\(line): "))
        }
    }

    @Test func theInitTemplateIsAValidConfiguration() throws {
        let config = try ConfigurationLoader.parse(Array(ConfigurationTemplate.text.utf8), path: "t", folder: "/", catalog: Self.catalog)
        #expect(config.cluster == .auto)
        #expect(config.minimumRedisVersion == RedisVersion(7, 0))
        #expect(config.select == nil)
    }

    @Test func selectorsResolveIdsNamesPrefixesAndAll() {
        let catalog = Self.catalog
        #expect(catalog.ids("rl101") == ["RL101"])
        #expect(catalog.ids("keys-command") == ["RL101"])
        #expect(catalog.ids("RL1") == ["RL101", "RL102"])
        #expect(catalog.ids("ALL") == ["RL001", "RL101", "RL102", "RL201"])
        #expect(catalog.ids("RL9") == nil)
        #expect(catalog.ids("R") == nil)
        #expect(catalog.ids("keys") == nil)
    }

    @Test func nestedConfigurationsOverrideKeyByKey() throws {
        var outer = try load("select = [\"RL1\"]\ncluster = \"on\"\n[severity]\nRL101 = \"error\"\n[per-path-ignores]\n\"legacy/**\" = [\"RL102\"]")
        outer.folder = "/p"
        var inner = try load("ignore = [\"RL101\"]\nmin-redis-version = \"6.0\"\n[severity]\nRL102 = \"note\"")
        inner.folder = "/p/sub"
        let set = ConfigurationSet(root: "/p", configurations: [outer, inner])
        let deep = set.policy(forFile: "/p/sub/x.py", catalog: Self.catalog)
        #expect(deep.enabled == ["RL102"])
        #expect(deep.severities == ["RL101": .error, "RL102": .note])
        #expect(deep.settings.cluster == .on)
        #expect(deep.settings.minimumRedisVersion == RedisVersion(6, 0))
        let top = set.policy(forFile: "/p/x.py", catalog: Self.catalog)
        #expect(top.enabled == ["RL101", "RL102"])
        #expect(top.settings.minimumRedisVersion == RedisVersion(7, 0))
        let legacy = set.policy(forFile: "/p/legacy/old.py", catalog: Self.catalog)
        #expect(legacy.enabled == ["RL101"])
        var overridden = set
        overridden.overrides.select = ["RL201"]
        overridden.overrides.cluster = .off
        let cli = overridden.policy(forFile: "/p/x.py", catalog: Self.catalog)
        #expect(cli.enabled == ["RL201"])
        #expect(cli.settings.cluster == .off)
    }
}
