import LuaParse
import RedisLint

/// RL707: a write after a nondeterministic command, which Redis before 5.0 refuses under script
/// replication.
public struct LuaWriteAfterNondeterminism: Rule {
    public init() {}

    /// Effects replication is the default from 5.0 (and the only mode from 7.0): the hazard is gone.
    static let effectsReplicationDefaultSince = RedisVersion(5, 0)

    public let description = RuleDescription(
        id: "RL707",
        name: "lua-write-after-nondeterminism",
        severity: .error,
        summary: "Lua script writes after a nondeterministic command, which Redis before 5.0 rejects",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            A write command (by the command table's `write` flag) that follows, in the script's text, a command \
            whose reply differs between runs or replicas: `TIME`, `RANDOMKEY`, `SRANDMEMBER`, `SPOP`, \
            `HRANDFIELD`, `ZRANDMEMBER`, the `SCAN` family. Only when the configured minimum Redis version is \
            below 5.0, and not after `redis.replicate_commands()`. `math.random` is not reported: Redis reseeds it \
            identically for every script run, so it is deterministic and replicates safely.
            """,
        whyItIsAProblem: """
            Before Redis 5.0 scripts were replicated verbatim by default, and each replica re-ran them; to keep \
            replicas identical Redis fails the script with `Write commands not allowed after non deterministic \
            commands` — when the line runs, in production. From 5.0 only the effects are replicated and the \
            restriction is gone, so this rule is silent at the default minimum version (7.0).
            """,
        useInstead: """
            Call `redis.replicate_commands()` at the start of the script (Redis 3.2 and later), or pass the \
            nondeterministic value (the time, the random pick) in `ARGV` from the application.
            """,
        examples: [
            .triggering(.lua, """
                local now = redis.call('TIME')
                ↓redis.call('ZADD', KEYS[1], now[1], ARGV[1])
                """, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.lua, """
                redis.replicate_commands()
                local now = redis.call('TIME')
                redis.call('ZADD', KEYS[1], now[1], ARGV[1])
                """, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.lua, """
                local now = redis.call('TIME')
                redis.call('ZADD', KEYS[1], now[1], ARGV[1])
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("local t = redis.call('TIME') ↓redis.call('SET', KEYS[1], t[1])", keys: ["last-seen"])
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("redis.replicate_commands() local t = redis.call('TIME') redis.call('SET', KEYS[1], t[1])", keys: ["last-seen"])
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("local m = redis.call('SRANDMEMBER', KEYS[1])\n↓redis.call('SADD', KEYS[2], m)", 2, "pool", "picked")
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("redis.call('SADD', KEYS[2], ARGV[1])\nreturn redis.call('SRANDMEMBER', KEYS[1])", 2, "pool", "picked", "x")
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("local k = redis.call('RANDOMKEY') ↓redis.call('DEL', KEYS[1]) return k", 1, "tmp");
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("local k = redis.call('RANDOMKEY') redis.call('DEL', KEYS[1]) return k", 1, "tmp");
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local now = redis.call('TIME')
                    ↓redis.call('ZADD', KEYS[1], now[1], ARGV[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "seen"), .init(from: "u1")]).get()
                }
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "seen"), .init(from: "u1"), .init(from: 1700000000)]).get()
                }
                """##, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0))),
        ],
        tags: ["lua", "replication"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.settings.minimumRedisVersion < Self.effectsReplicationDefaultSince else { return [] }
        var findings: [Finding] = []
        for script in context.file.scripts where script.compiles {
            let calls = script.script.redisCalls.sorted { $0.span.lowerBound < $1.span.lowerBound }
            guard let first = calls.first(where: { LuaSandbox.nondeterministicCommands.contains($0.command ?? "") }) else { continue }
            // `redis.replicate_commands()` before it switches the script to effects replication.
            let switched = script.script.redisAPIUses.contains { $0.name == "replicate_commands" && $0.span.lowerBound < first.span.lowerBound }
            if switched { continue }
            guard let write = calls.first(where: { $0.span.lowerBound > first.span.lowerBound && ($0.spec?.isWrite ?? false) }) else { continue }
            findings.append(context.finding(
                description, span: script.hostRange(write.span),
                message: "`\(write.command ?? "?")` after nondeterministic `\(first.command ?? "?")`: Redis before 5.0 fails with \"Write commands not allowed after non deterministic commands\"",
                hint: "call redis.replicate_commands() first, or pass the value in ARGV",
                related: [context.related(script.hostRange(first.span), "nondeterministic command")]))
        }
        return findings
    }
}
