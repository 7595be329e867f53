import RedisLint

/// RL506 (note): a literal or empty password in a Redis client constructor or connection URL.
public struct CredentialsInCode: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL506",
        name: "credentials-in-code",
        severity: .note,
        summary: "A Redis password is written into the source as a literal",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Client constructors (`Redis.new`, `redis.Redis(...)`, `redis.from_url(...)`, `new Redis(...)`, \
            `createClient(...)`…) given a literal `password` (argument, keyword or option object) or a literal \
            URL with a password (`redis://:secret@host`), and in Swift the configurations that carry the \
            password: RediStack `RedisConnection.Configuration(hostname:port:password:)`, \
            `ConnectionFactoryConfiguration(connectionPassword:)`, Vapor `RedisConfiguration(url:)` / \
            `.init(url: "redis://…")`. An empty literal password is reported too. Test, example and benchmark files \
            are skipped.
            """,
        whyItIsAProblem: """
            A password in the source is in every clone, fork, CI log and backup of the repository, cannot be \
            rotated without a deploy, and is usually the same in every environment. An empty password says the \
            server accepts unauthenticated clients, which on a reachable Redis means anyone can read, delete \
            or `CONFIG SET` it.
            """,
        useInstead: """
            Read the password or the whole URL from the environment or a secret store: \
            `ENV.fetch("REDIS_URL")`, `os.environ["REDIS_URL"]`, `process.env.REDIS_URL`; enable `requirepass` \
            or ACL users on the server.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new(host: "cache.internal", password: ↓"s3cr3t")
                """),
            .clean(.ruby, """
                redis = Redis.new(host: "cache.internal", password: ENV.fetch("REDIS_PASSWORD"))
                """),
            .triggering(.python, """
                import redis
                r = redis.from_url(↓"redis://:hunter2@cache.internal:6379/0")
                """),
            .clean(.python, """
                import os
                import redis
                r = redis.from_url(os.environ["REDIS_URL"])
                local = redis.from_url("redis://localhost:6379/0")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis({ host: "cache.internal", password: ↓"s3cr3t" });
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis({ host: "cache.internal", password: process.env.REDIS_PASSWORD });
                """),
            .triggering(.swift, """
                import RediStack
                func connect(on eventLoop: EventLoop) throws -> EventLoopFuture<RedisConnection> {
                    let config = try RedisConnection.Configuration(hostname: "cache.internal", port: 6379, password: ↓"s3cr3t")
                    return RedisConnection.make(configuration: config, boundEventLoop: eventLoop)
                }
                """),
            .triggering(.swift, """
                import Redis
                import Vapor
                func configure(_ app: Application) throws {
                    app.redis.configuration = try .init(url: ↓"redis://:s3cr3t@cache.internal:6379")
                }
                """),
            .clean(.swift, """
                import Redis
                import Vapor
                func configure(_ app: Application) throws {
                    app.redis.configuration = try RedisConfiguration(url: Environment.get("REDIS_URL") ?? "redis://localhost:6379")
                    let config = try RedisConnection.Configuration(hostname: "cache.internal", password: Environment.get("REDIS_PASSWORD"))
                    let db = try DatabaseConfiguration.init(hostname: "db", password: "local-only")
                }
                """),
        ],
        tags: ["security"],
        reads: .clientConstructions
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Asked first: most files construct no client, and then no test-path answer is made for them.
        if context.file.clientConstructions.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        for construction in context.file.clientConstructions {
            for credential in construction.literalCredentials {
                let what: String
                switch (credential.kind, credential.isEmpty) {
                case (_, true): what = "An empty Redis password is written into the source: the server is expected to accept clients without authentication"
                case (.passwordArgument, false): what = "A Redis password is written into the source as a literal"
                case (.urlPassword, false): what = "The Redis URL carries a literal password"
                }
                findings.append(context.finding(
                    description, span: credential.span,
                    message: credential.isEmpty ? what : what + "; it ends up in every copy of the repository",
                    hint: "read it from the environment or a secret store (REDIS_URL / REDIS_PASSWORD)"))
            }
        }
        return findings
    }
}
