import RedisLint

/// RL001: an inline suppression that suppresses nothing. Opt-in. Whether a suppression did anything
/// is only known after every other rule ran, so the policy pass reports it (`PolicyPass.Options.
/// unusedSuppressionRule`); `check` itself finds nothing.
public struct UnusedSuppression: Rule {
    public init() {}

    public static let id = "RL001"

    public let description = RuleDescription(
        id: UnusedSuppression.id,
        name: "unused-suppression",
        severity: .warning,
        summary: "A redislint suppression comment that suppresses no finding",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            `redislint: disable=…`, `disable-next-line=…` and `disable-file=…` comments whose rules report nothing \
            where the comment applies, and suppressions that name a rule that does not exist. Off by default: \
            turn it on with `--select RL001` or `select = [..., "RL001"]`.
            """,
        whyItIsAProblem: """
            A suppression outlives the code it was written for: after a fix or a refactoring it silences nothing, \
            but it will silence the next real problem on that line without anyone deciding so. A misspelt rule \
            name never suppressed anything and hides that the finding is still reported elsewhere.
            """,
        useInstead: """
            Delete the comment, or correct the rule id or name (`redislint rules` lists them).
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                redis.scan_each(match: "session:*") { |key| puts key } # ↓redislint: disable=keys-command
                """),
            .clean(.ruby, """
                redis = Redis.new
                stale = redis.keys("session:*") # redislint: disable=keys-command
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                # ↓redislint: disable-next-line=RL101
                names = list(r.scan_iter(match="user:*"))
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                # redislint: disable-next-line=RL101
                names = r.keys("user:*")
                """),
            .triggering(.javascript, """
                // ↓redislint: disable-file=keys-command
                import Redis from "ioredis";
                const redis = new Redis();
                const stream = redis.scanStream({ match: "cart:*" });
                """),
            .clean(.javascript, """
                // redislint: disable-file=keys-command
                import Redis from "ioredis";
                const redis = new Redis();
                const keys = await redis.keys("cart:*");
                """),
            .triggering(.swift, """
                import RediStack
                func purge(connection: RedisConnection) async throws {
                    let page = try await connection.scan(startingFrom: 0, matching: "tmp:*").get() // ↓redislint: disable=RL101
                }
                """),
            .clean(.swift, """
                import RediStack
                func purge(connection: RedisConnection) async throws {
                    let keys = try await connection.send(command: "KEYS", with: [.init(from: "tmp:*")]).get() // redislint: disable=RL101
                }
                """),
            .triggering(.lua, """
                local cursor = redis.call('SCAN', '0', 'MATCH', ARGV[1]) -- ↓redislint: disable=RL101
                return cursor
                """),
            .clean(.lua, """
                local keys = redis.call('KEYS', ARGV[1]) -- redislint: disable=RL101
                return keys
                """),
        ],
        tags: ["suppressions"],
        enabledByDefault: false)

    public func check(_ context: RuleContext) -> [Finding] { [] }
}
