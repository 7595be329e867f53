import RedisLint

/// RL503: a blocking command (BLPOP, BRPOP, BLMOVE, XREAD BLOCK, SUBSCRIBE…) on the same client the
/// file uses for ordinary commands.
public struct BlockingCommandOnSharedClient: Rule {
    public init() {}

    static let blocking: Set<String> = ["BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT"]
    static let streamReads: Set<String> = ["XREAD", "XREADGROUP"]
    static let subscriptions: Set<String> = ["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"]
    /// Commands that do not compete with the blocking call (connection management, pub/sub itself).
    static let harmless: Set<String> = ["QUIT", "DISCONNECT", "PING", "SELECT", "AUTH", "CLIENT", "UNSUBSCRIBE", "PUNSUBSCRIBE",
                                        "SUNSUBSCRIBE", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "HELLO", "RESET"]
    // The sets above as `CommandSet`s, for the loop over every op.
    static let blockingOrSubscribingIDs = CommandSet(blocking.union(subscriptions))
    static let streamReadIDs = CommandSet(streamReads)
    static let harmlessIDs = CommandSet(harmless)

    public let description = RuleDescription(
        id: "RL503",
        name: "blocking-command-on-shared-client",
        severity: .warning,
        summary: "A blocking command or SUBSCRIBE on the client the rest of the code uses stalls every other command",
        languages: [.ruby, .javascript, .swift],
        whatItFinds: """
            `BLPOP`, `BRPOP`, `BLMOVE`, `BZPOPMIN`, `XREAD`/`XREADGROUP … BLOCK`, `WAIT`, or `SUBSCRIBE` sent on \
            a client (the same receiver: `redis`, `this.redis`, `@redis`, `$redis`) that the same file also uses \
            for ordinary commands. Python is not covered: redis-py takes a pooled connection per command, so a \
            blocking call does not hold up the others. Ruby receivers that are block parameters (pool \
            checkouts such as `Sidekiq.redis { |conn| }`) are not reported, nor are the commands of the function \
            that blocks itself (a worker's `BLMOVE` then `LREM` ack run one after the other), nor a function named after \
            the command that forwards it to the client it wraps (`func subscribe(to:…) { self.client.subscribe(to: …) }`).
            """,
        whyItIsAProblem: """
            ioredis, node-redis and RediStack send every command of a client over one connection, in order; \
            redis-rb serialises threads on one connection with a lock. A `BLPOP jobs 30` holds that connection \
            for up to 30 seconds, and every `GET` queued behind it waits too — request latency jumps to the \
            block timeout. After `SUBSCRIBE` the connection is in subscriber mode and ordinary commands fail \
            outright.
            """,
        useInstead: """
            Give blocking reads and subscriptions their own connection: `redis.duplicate()` in ioredis and \
            node-redis, a second `Redis.new` in redis-rb (or a connection pool), a dedicated `RedisConnection` in \
            RediStack.
            """,
        examples: [
            .triggering(.ruby, """
                $redis = Redis.new
                def next_job
                  $redis.↓blpop("jobs", timeout: 30)
                end
                def cached(key)
                  $redis.get(key)
                end
                """),
            .clean(.ruby, """
                $redis = Redis.new
                $queue = Redis.new
                def next_job
                  $queue.blpop("jobs", timeout: 30)
                end
                def cached(key)
                  $redis.get(key)
                end
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function nextJob() {
                  return redis.↓brpop("jobs", 30);
                }
                export async function profile(id: string) {
                  return redis.hgetall(`user:${id}`);
                }
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function subscribe(channel: string) {
                  await redis.↓subscribe(channel);
                }
                export async function profile(id: string) {
                  return redis.hgetall(`user:${id}`);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const blocking = redis.duplicate();
                export async function nextJob() {
                  return blocking.brpop("jobs", 30);
                }
                export async function profile(id: string) {
                  return redis.hgetall(`user:${id}`);
                }
                """),
            .triggering(.swift, """
                import RediStack
                final class Store {
                    let connection: RedisConnection
                    init(connection: RedisConnection) { self.connection = connection }
                    func nextJob() async throws -> RESPValue {
                        try await connection.↓brpop(from: "jobs", timeout: .seconds(30)).get()
                    }
                    func name(_ id: String) async throws -> RESPValue {
                        try await connection.get(RedisKey("user:\\(id)")).get()
                    }
                }
                """),
            .clean(.swift, """
                import RediStack
                final class Store {
                    let connection: RedisConnection
                    let queueConnection: RedisConnection
                    init(connection: RedisConnection, queueConnection: RedisConnection) {
                        self.connection = connection
                        self.queueConnection = queueConnection
                    }
                    func nextJob() async throws -> RESPValue {
                        try await queueConnection.brpop(from: "jobs", timeout: .seconds(30)).get()
                    }
                    func name(_ id: String) async throws -> RESPValue {
                        try await connection.get(RedisKey("user:\\(id)")).get()
                    }
                }
                """),
            .clean(.swift, """
                import RediStack
                struct LoggingClient<Client: RedisClient> {
                    let client: Client
                    func subscribe(to channels: [RedisChannelName], messageReceiver receiver: @escaping RedisSubscriptionMessageReceiver) -> EventLoopFuture<Void> {
                        self.client.subscribe(to: channels, messageReceiver: receiver)
                    }
                    func name(_ id: String) -> EventLoopFuture<RESPValue> {
                        self.client.get(RedisKey("user:\\(id)"))
                    }
                }
                """),
        ],
        tags: ["client", "latency"],
        reads: .traces
    )

    /// `self.client`, `this.client`, `@client`: a member of the object, the client it wraps.
    static func isMember(_ receiver: String) -> Bool {
        receiver.hasPrefix("self.") || receiver.hasPrefix("this.") || receiver.hasPrefix("@")
    }

    /// `this.redis`, `self.redis` and `redis` in one file are the same client.
    static func normalised(_ receiver: String) -> String {
        // Bytewise first (asked of every op): `hasPrefix` compares by Unicode rules. An ASCII byte (or the
        // end) after the prefix ends its last character, so the answer is the same; otherwise ask by characters.
        let bytes = receiver.utf8
        // In the string's own storage when it has one: the generic `starts(with:)` cost ~140 instructions a prefix.
        let starts = bytes.withContiguousStorageIfAvailable(Self.startsWithThisOrSelf)
            ?? Array(bytes).withUnsafeBufferPointer(Self.startsWithThisOrSelf)
        if !starts { return receiver }
        if bytes.count == 5 || bytes[bytes.index(bytes.startIndex, offsetBy: 5)] < 0x80 {
            return String(receiver.dropFirst(5))
        }
        for prefix in ["this.", "self."] where receiver.hasPrefix(prefix) { return String(receiver.dropFirst(prefix.count)) }
        return receiver
    }

    /// The bytes start with `this.` or `self.`.
    static func startsWithThisOrSelf(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 5, bytes[4] == 0x2E else { return false }
        return (bytes[0] == 0x74 && bytes[1] == 0x68 && bytes[2] == 0x69 && bytes[3] == 0x73)  // this
            || (bytes[0] == 0x73 && bytes[1] == 0x65 && bytes[2] == 0x6C && bytes[3] == 0x66)  // self
    }

    /// Whether `op` (whose command has number `id`) blocks its connection.
    static func isBlocking(_ op: RedisOp, id: Int32) -> Bool {
        if blockingOrSubscribingIDs.contains(id, op.command) { return true }
        return streamReadIDs.contains(id, op.command) && RaceFacts.hasOption(op, "BLOCK")
    }

    /// Ruby receivers that are plain local names are usually block parameters of a pool checkout or
    /// method parameters: only instance variables, globals and constants are known to be shared.
    static func isShared(_ receiver: String, language: Language) -> Bool {
        guard language == .ruby else { return true }
        guard let first = receiver.unicodeScalars.first else { return false }
        return first == "@" || first == "$" || ("A"..."Z").contains(first)
    }

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        let language = context.file.source.language
        var ordinaryOps: [(receiver: String, trace: Int, span: Range<Int>)] = []
        var blockingOps: [RedisOp] = []
        var blockingTraces: [String: Set<Int>] = [:]
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Findings are about blocking ops, which most files do not send: the ops are screened for a command that
        // may block (`isBlocking` without the stream reads' BLOCK option), by number and in place, first
        // (normalising and keeping every op's receiver cost ~500 instructions an op, 11,492 ops of files
        // without one on nb10).
        // (The sets taken once: a global's access checks its initialisation.)
        let blocking = Self.blockingOrSubscribingIDs, streamReads = Self.streamReadIDs
        guard traces.indices.contains(where: { traceIndex in
            traces[traceIndex].ops.indices.contains { opIndex in
                let id = commandIDs.id(trace: traceIndex, op: opIndex)
                return blocking.contains(id, traces[traceIndex].ops[opIndex].command)
                    || streamReads.contains(id, traces[traceIndex].ops[opIndex].command)
            }
        }) else { return [] }
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for traceIndex in traces.indices {
            // Only clients proven by a constructor, type or block: a parameter named `redisClient` in two
            // helpers is usually two different connections passed in.
            for opIndex in traces[traceIndex].ops.indices where traces[traceIndex].ops[opIndex].confidence == .high && traces[traceIndex].ops[opIndex].context == .plain && traces[traceIndex].ops[opIndex].viaHelper == nil {
                let op = traces[traceIndex].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                let receiver = Self.normalised(op.receiver)
                guard !receiver.isEmpty, Self.isShared(receiver, language: language) else { continue }
                let id = commandIDs.id(trace: traceIndex, op: opIndex)
                if Self.isBlocking(op, id: id) {
                    // `func subscribe(to:…) { self.client.subscribe(to: …) }`: forwarding the wrapped client's API (Vapor's
                    // queues driver), on whatever connection its caller gave. (A client of the file's own, `redis.subscribe`
                    // in a `subscribe` function beside `redis.get`, is still reported.)
                    if Self.isMember(op.receiver), CommandWrapper.isWrapper(named: traces[traceIndex].name, of: op.command) { continue }
                    blockingOps.append(op)
                    blockingTraces[receiver, default: []].insert(traceIndex)
                } else if !Self.harmlessIDs.contains(id, op.command) {
                    ordinaryOps.append((receiver, traceIndex, op.nameSpan))
                }
            }
        }
        // Findings are about blocking ops: without one, the ordinary ops' receivers need not be hashed.
        guard !blockingOps.isEmpty else { return [] }
        // Commands of a function that itself blocks on the client run one after the other with its pop (the
        // worker's ack: `BLMOVE` then `LREM`): they cannot stall behind it. Other functions' commands can.
        var ordinary: [String: Range<Int>] = [:]
        for entry in ordinaryOps where ordinary[entry.receiver] == nil && !(blockingTraces[entry.receiver]?.contains(entry.trace) ?? false) {
            ordinary[entry.receiver] = entry.span
        }
        var findings: [Finding] = []
        for op in blockingOps {
            let receiver = Self.normalised(op.receiver)
            guard let other = ordinary[receiver] else { continue }
            let line = context.line(of: other.lowerBound)
            let what = Self.subscriptions.contains(op.command) ? "puts the connection in subscriber mode" : "holds the connection while it waits"
            findings.append(context.finding(
                description, span: op.nameSpan,
                message: "`\(op.command)` on `\(op.receiver)` \(what), and the same client sends ordinary commands (line \(line)): they stall behind it",
                hint: "use a dedicated connection for blocking reads and subscriptions (`duplicate()` in ioredis/node-redis, a second client elsewhere)",
                related: [context.related(other, "an ordinary command on the same client")],
                key: op.keys.first))
        }
        return findings
    }
}
