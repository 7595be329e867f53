import RedisLint

/// Every rule, in id order (sorted here, so registration order does not matter). A registry test checks ids and names are unique, docs are complete, and
/// every rule has examples in each language it claims and a fixture folder.
public enum RuleRegistry {
    public static let all: [any Rule] = inIDOrder([
        UnusedSuppression(),
        KeysCommand(),
        DangerousCommand(),
        CommandsInLoop(),
        UnboundedRead(),
        ConnectionPerCall(),
        DelGrowingCollection(),
        CheckThenAct(),
        ExpireNotAtomic(),
        RateWindowReset(),
        PipelineAssumedAtomic(),
        UntokenedLock(),
        LockWithoutExpiry(),
        UnsafeLockRelease(),
        LockWithoutFencingToken(),
        UnreliableQueue(),
        StreamWithoutAck(),
        SortedSetMemberCollision(),
        NoTTL(),
        SetClearsTTL(),
        EvalshaWithoutFallback(),
        BlockingCommandOnSharedClient(),
        OuterClientInsideBlock(),
        AwaitInsideTransaction(),
        CredentialsInCode(),
        DynamicScriptSource(),
        DeprecatedCommand(),
        CrossSlotCommand(),
        CrossSlotTransaction(),
        CrossSlotScript(),
        SelectInCluster(),
        LuaCompileError(),
        LuaGlobalWrite(),
        LuaUndefinedGlobal(),
        LuaUndeclaredKey(),
        LuaCallSiteMismatch(),
        LuaSandboxViolation(),
        LuaWriteAfterNondeterminism(),
        LuaFlagsContradiction(),
    ])

    /// `rules` sorted by id, each id read once: comparing `description.id`s copied two descriptions per
    /// comparison (~70K instructions at the start of every run).
    private static func inIDOrder(_ rules: [any Rule]) -> [any Rule] {
        let ids = rules.map { $0.description.id }
        return ids.indices.sorted { ids[$0] < ids[$1] }.map { rules[$0] }
    }

    /// Ids, names and prefixes for configuration and `--select`/`--ignore`.
    /// (Each entry straight from its rule: no array of the rules' descriptions in between.)
    public static var catalog: RuleCatalog {
        RuleCatalog(entries: all.map { rule in
            let description = rule.description
            return RuleCatalog.Entry(id: description.id, name: description.name, enabledByDefault: description.enabledByDefault)
        })
    }

    public static var enabledByDefault: [any Rule] { all.filter { $0.description.enabledByDefault } }

    /// A rule by id (`RL101`, case-insensitive) or name (`keys-command`).
    public static func rule(named query: String) -> (any Rule)? {
        all.first { $0.description.id.caseInsensitiveCompare(query) || $0.description.name == query.lowercased() }
    }
}

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
