import RedisLint

/// What the cluster rules (RL6xx) share: when they run, how keys are compared, how findings name slots.
enum ClusterSupport {
    /// The cluster rules run with `cluster = on`, or with `auto` (the default) when some file of the
    /// project constructs a cluster client: a single-node deployment has no slots to cross. In `auto`, not in a
    /// file whose own clients are all standalone ones (it constructs `redis.Redis(...)`, `new Redis()`, or takes
    /// `r: redis.Redis`, and no cluster client): a client library's tests and examples of its standalone client. Per
    /// file, not per call: a call there through a cluster client the file is given is not checked either.
    static func isActive(_ context: RuleContext) -> Bool {
        switch context.settings.cluster {
        case .on: return true
        case .off: return false
        case .auto: return context.project.constructsClusterClient && !context.file.clientKinds.onlyStandalone
        }
    }

    /// Whether the calls of trace `position` are checked: in `auto` mode, not those of a function that constructs
    /// a standalone client and no cluster client (`r = redis.Redis(host="cache")` in a function of a file that also
    /// builds the cluster client): they go to one server. Each construction counts in the innermost trace around it.
    static func checksTrace(_ context: RuleContext, _ position: Int) -> Bool {
        guard context.settings.cluster == .auto, !context.file.standaloneClients.isEmpty else { return true }
        return !standaloneTraces(context).contains(position)
    }

    /// `checksTrace` for the innermost trace around `offset` (true outside every trace).
    static func checksCall(at offset: Int, _ context: RuleContext) -> Bool {
        guard context.settings.cluster == .auto, !context.file.standaloneClients.isEmpty else { return true }
        return innermostTrace(at: offset, context.file.traces).map { checksTrace(context, $0) } ?? true
    }

    /// The traces that construct a standalone client and no cluster client (`checksTrace`), worked out once per file.
    private static func standaloneTraces(_ context: RuleContext) -> Set<Int> {
        context.fileFact("ClusterSupport.standaloneTraces") {
            let traces = context.file.traces
            let standalone = Set(context.file.standaloneClients.compactMap { innermostTrace(at: $0.lowerBound, traces) })
            return standalone.subtracting(context.file.clusterClients.compactMap { innermostTrace(at: $0.lowerBound, traces) })
        }
    }

    /// The trace with the smallest span around `offset`.
    private static func innermostTrace(at offset: Int, _ traces: [Trace]) -> Int? {
        var innermost: Int? = nil
        for position in traces.indices where traces[position].span.contains(offset) {
            if let best = innermost, traces[best].span.count <= traces[position].span.count { continue }
            innermost = position
        }
        return innermost
    }

    /// The sentence every cluster rule's documentation carries, so `explain` says when it runs.
    static let modeNote = """
        Runs only in cluster mode: with `--cluster on` (or `cluster = on` in the configuration), or with the \
        default `auto` when the scanned project constructs a cluster client (`RedisCluster(...)`, \
        `Redis::Cluster.new`, `Redis.new(cluster: ...)`, `RedisClient.cluster`, `new Redis.Cluster(...)`, `createCluster(...)`, \
        `ValkeyClusterClient(...)`), but not in a file whose own clients are all standalone (it constructs \
        `redis.Redis(...)`, `new Redis()` or `createClient()`, or takes a parameter typed `redis.Redis`, and no cluster \
        client), nor in a function that constructs a standalone client and no cluster client. Off otherwise; \
        `--cluster off` turns it off everywhere.
        """

    /// How client key prefixes are treated, for the documentation of the slot rules.
    static let prefixNote = """
        Client key prefixes (ioredis `keyPrefix`, `Redis::Namespace`) are part of the key: a prefix with a hash \
        tag (`keyPrefix: "{app}:"`) puts all of a client's keys in one slot. Since the linter does not know which \
        client each call goes through, a conflict is reported only when it holds both with and without them.
        """

    /// Two keys that show why a set of keys spans slots.
    struct Conflict {
        var relation: SlotRelation
        var first: KeyExpr
        var second: KeyExpr
        /// Client key prefixes the conflict also holds with (named in messages).
        var prefixes: [[UInt8]] = []
    }

    /// Key prefixes that may apply to this file's keys (ioredis `keyPrefix`, `Redis::Namespace`):
    /// those its own constructors set when it constructs clients itself, else those set anywhere in
    /// the project for its language. Which client an op goes through is not known, so a conflict
    /// must hold both with and without each of them (`keyPrefix: "{app}:"` puts every key in one slot).
    static func keyPrefixes(_ context: RuleContext) -> [[UInt8]] {
        let file = context.file
        guard file.keyPrefixes.isEmpty && file.clusterClients.isEmpty else {
            var own: [[UInt8]] = []
            for prefix in file.keyPrefixes where !own.contains(prefix.bytes) { own.append(prefix.bytes) }
            return own
        }
        return context.project.keyPrefixesByLanguage[file.source.language] ?? []
    }

    static func prefixed(_ keys: [KeyExpr], _ prefix: [UInt8]) -> [KeyExpr] {
        keys.map { KeyExpr(parts: [.literal(prefix)] + $0.parts) }
    }

    /// `conflict(among:)` that holds with every possible key prefix (and without one); the weakest relation wins.
    static func conflict(among keys: [KeyExpr], prefixes: [[UInt8]]) -> Conflict? {
        guard var found = conflict(among: keys) else { return nil }
        for prefix in prefixes {
            guard let other = conflict(among: prefixed(keys, prefix)) else { return nil }
            if other.relation == .likelyDifferent { found.relation = .likelyDifferent }
        }
        found.prefixes = prefixes
        return found
    }

    /// `conflict(between:and:)` that holds with every possible key prefix (and without one).
    static func conflict(between anchor: [KeyExpr], and other: [KeyExpr], prefixes: [[UInt8]]) -> Conflict? {
        guard var found = conflict(between: anchor, and: other) else { return nil }
        for prefix in prefixes {
            guard let again = conflict(between: prefixed(anchor, prefix), and: prefixed(other, prefix)) else { return nil }
            if again.relation == .likelyDifferent { found.relation = .likelyDifferent }
        }
        found.prefixes = prefixes
        return found
    }

    /// How many keys the pairwise "likely different" search looks at, so a generated call with
    /// thousands of keys stays linear (proven conflicts are still found among all keys).
    static let pairwiseLimit = 32

    /// The first pair of `keys` proven in different slots, else the first pair likely in different
    /// slots, else nil (all in one slot, or not known).
    static func conflict(among keys: [KeyExpr]) -> Conflict? {
        guard keys.count > 1 else { return nil }
        if let proven = provenConflict(among: keys) { return proven }
        let head = Array(keys.prefix(pairwiseLimit))
        for i in head.indices {
            for j in head.indices where j > i && slotRelation(head[i], head[j]) == .likelyDifferent {
                return Conflict(relation: .likelyDifferent, first: head[i], second: head[j])
            }
        }
        return nil
    }

    /// The first key of `other` proven (else likely) in a different slot from some key of `anchor`.
    static func conflict(between anchor: [KeyExpr], and other: [KeyExpr]) -> Conflict? {
        guard !anchor.isEmpty, !other.isEmpty else { return nil }
        if let proven = provenConflict(between: anchor, and: other) { return proven }
        for b in other.prefix(pairwiseLimit) {
            for a in anchor.prefix(pairwiseLimit) where slotRelation(a, b) == .likelyDifferent {
                return Conflict(relation: .likelyDifferent, first: a, second: b)
            }
        }
        return nil
    }

    /// The first key with a known slot and the first later key with another known slot. Linear.
    private static func provenConflict(among keys: [KeyExpr]) -> Conflict? {
        var first: (slot: Int, key: KeyExpr)?
        for key in keys {
            guard case .literal(let slot) = key.slotFact else { continue }
            if let first {
                if slot != first.slot { return Conflict(relation: .different, first: first.key, second: key) }
            } else {
                first = (slot, key)
            }
        }
        return nil
    }

    /// A key of `anchor` and a key of `other` whose slots are both known and differ. Linear: two
    /// distinct known slots of `anchor` are enough to compare any key against.
    private static func provenConflict(between anchor: [KeyExpr], and other: [KeyExpr]) -> Conflict? {
        var anchorSlots: [(slot: Int, key: KeyExpr)] = []
        for key in anchor {
            guard case .literal(let slot) = key.slotFact, !anchorSlots.contains(where: { $0.slot == slot }) else { continue }
            anchorSlots.append((slot, key))
            if anchorSlots.count == 2 { break }
        }
        guard !anchorSlots.isEmpty else { return nil }
        for key in other {
            guard case .literal(let slot) = key.slotFact, let a = anchorSlots.first(where: { $0.slot != slot }) else { continue }
            return Conflict(relation: .different, first: a.key, second: key)
        }
        return nil
    }

    /// `` `user:1` (slot 5474) `` for literal slots, `` `rate:${id}` `` otherwise.
    static func describe(_ key: KeyExpr) -> String {
        if case .literal(let slot) = key.slotFact { return "`\(key.display)` (slot \(slot))" }
        return "`\(key.display)`"
    }

    /// "are in different hash slots" or "probably are in different hash slots", naming the two keys.
    static func describe(_ conflict: Conflict) -> String {
        let verb = conflict.relation == .different ? "are in different hash slots" : "have different prefixes and no common hash tag, so they are probably in different hash slots"
        let prefixes = conflict.prefixes.map { "`" + String(decoding: $0, as: UTF8.self) + "`" }.joined(separator: ", ")
        let also = conflict.prefixes.isEmpty ? "" : " (with or without the client key prefix \(prefixes))"
        return "\(describe(conflict.first, in: conflict)) and \(describe(conflict.second, in: conflict)) \(verb)\(also)"
    }

    /// A key of a conflict: with its slot unless a client key prefix may change it.
    static func describe(_ key: KeyExpr, in conflict: Conflict) -> String {
        conflict.prefixes.isEmpty ? describe(key) : "`\(key.display)`"
    }

    /// What Redis Cluster does with `what` (`"the command"`, `"the EXEC"`).
    static func consequence(_ conflict: Conflict, _ what: String) -> String {
        conflict.relation == .different
            ? "Redis Cluster rejects \(what) with CROSSSLOT"
            : "Redis Cluster rejects \(what) with CROSSSLOT unless they happen to share a slot"
    }

    /// Error when proven from literals, warning when only likely.
    static func severity(_ conflict: Conflict) -> Severity {
        conflict.relation == .different ? .error : .warning
    }

    static let hashTagHint = "put the part the keys share in a hash tag (`{user:42}:cart`, `{user:42}:orders`) so they land in one slot"

    /// Commands that run scripts; their keys are checked by RL603, not as plain multi-key commands.
    static let scriptCommands: Set<String> = ["EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO"]

    /// Whether the cluster rules read an op (a host op): sent by application code (not Lua's `redis.call`)
    /// through a likely Redis client.
    static func isHostOp(_ op: RedisOp) -> Bool { op.confidence >= .medium && op.context != .lua }

    /// Calls `body` with each host op (`isHostOp`) of the file's traces (those at `traces`, all when nil), in
    /// order, that sends one of `commands` (any command when nil), read in place and screened by command
    /// number first: a list of host ops per trace, and a copy of each trace, cost more than the few ops the
    /// rules want. (The op's own number, not `FileCommandIDs`: asking that fact made it for files no other
    /// rule asks it of.) Inlined: as a call, the bodies that build findings captured the rule and the context,
    /// copied for every call (each field retained and released: ~1,600 instructions per trace of RL602, 3.3M
    /// on the 12 repositories).
    @inline(__always)
    static func forEachHostOp(_ context: RuleContext, traces positions: Range<Int>? = nil, sending commands: CommandSet?,
                              _ body: (RedisOp) -> Void) {
        let traces = context.file.traces
        for trace in positions ?? traces.indices where checksTrace(context, trace) {
            traces[trace].ops.withUnsafeBufferPointer { ops in
                for op in ops where commands.map({ $0.contains(op.commandID, op.command) }) ?? true && isHostOp(op) { body(op) }
            }
        }
    }

    /// `scriptCommands`, `WATCH` and `SELECT` by command number.
    static let scriptCommandIDs = CommandSet(scriptCommands)
    static let watchID = CommandSet(["WATCH"])
    static let selectID = CommandSet(["SELECT"])
}
