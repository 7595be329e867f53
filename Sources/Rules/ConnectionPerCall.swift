import RedisLint

/// RL105: a request handler or job that constructs its own Redis client and uses it.
public struct ConnectionPerCall: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL105",
        name: "connection-per-call",
        severity: .warning,
        summary: "A request handler or job opens a new Redis connection on every call",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A client constructor (`Redis.new`, `redis.Redis(...)`, `redis.from_url(...)`, `new Redis(...)`, \
            `createClient(...)`, RediStack `RedisConnection.make(...)` / `RedisConnectionPool(...)`…) inside a \
            web request handler or a background job entry point (in Swift, any function not named like a setup \
            step: `configure`, `boot`, `main`, `make…`, `connect…`), followed by commands in the same function. Factories, initializers and providers are ordinary functions and are \
            not reported, nor are test files.
            """,
        whyItIsAProblem: """
            Every call pays a TCP (and often TLS and AUTH) handshake before its first command, which is usually \
            slower than the command itself; under load the server sees thousands of short-lived connections \
            (connection storms, `maxclients` errors, TIME_WAIT exhaustion on the client), and connections that \
            are not closed on every path leak until the process dies.
            """,
        useInstead: """
            Create the client once per process (module level, an initializer, a dependency-injection provider) \
            and share it, or use a connection pool (`ConnectionPool` / `Sidekiq.redis` in Ruby, the default \
            `ConnectionPool` of redis-py, one ioredis/node-redis client per process).
            """,
        examples: [
            .triggering(.ruby, """
                class HitJob
                  include Sidekiq::Job
                  def perform(id)
                    redis = ↓Redis.new(url: ENV["REDIS_URL"])
                    redis.incr("hits:#{id}")
                  end
                end
                """),
            .clean(.ruby, """
                REDIS = Redis.new(url: ENV["REDIS_URL"])
                class HitJob
                  include Sidekiq::Job
                  def perform(id)
                    REDIS.incr("hits:#{id}")
                  end
                end
                """),
            .triggering(.python, """
                import redis
                @app.route("/hits/<page>")
                def hit(page):
                    r = ↓redis.Redis(host="cache")
                    return str(r.incr(f"hits:{page}"))
                """),
            .clean(.python, """
                import redis
                pool = redis.ConnectionPool(host="cache")
                r = redis.Redis(connection_pool=pool)
                @app.route("/hits/<page>")
                def hit(page):
                    return str(r.incr(f"hits:{page}"))
                def make_client():
                    return redis.Redis(host="cache")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                app.get("/hits/:page", async (req, res) => {
                  const redis = ↓new Redis(process.env.REDIS_URL);
                  res.json(await redis.incr(`hits:${req.params.page}`));
                });
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis(process.env.REDIS_URL);
                app.get("/hits/:page", async (req, res) => {
                  res.json(await redis.incr(`hits:${req.params.page}`));
                });
                """),
            .triggering(.swift, """
                import RediStack
                import Vapor
                func routes(_ app: Application) throws {
                    app.get("hits") { req async throws -> String in
                        let config = try RedisConnection.Configuration(hostname: "cache")
                        let connection = try await ↓RedisConnection.make(configuration: config, boundEventLoop: req.eventLoop).get()
                        return "\\(try await connection.increment(RedisKey("hits")).get())"
                    }
                }
                """),
            .triggering(.swift, """
                import RediStack
                func countVisit(_ page: String, on eventLoop: EventLoop) async throws -> Int {
                    let connection = try await ↓RedisConnection.make(configuration: try .init(hostname: "cache"), boundEventLoop: eventLoop).get()
                    return try await connection.increment(RedisKey("visits:\\(page)")).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                import Vapor
                func routes(_ app: Application) throws {
                    app.get("hits") { req async throws -> String in
                        return "\\(try await req.redis.increment(RedisKey("hits")).get())"
                    }
                }
                func makeConnection(on eventLoop: EventLoop) -> EventLoopFuture<RedisConnection> {
                    RedisConnection.make(configuration: try! .init(hostname: "cache"), boundEventLoop: eventLoop)
                }
                """),
        ],
        tags: ["performance", "client"],
        reads: .clientConstructions
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Asked first: most files construct no client, and then no test-path answer is made for them.
        guard !context.file.clientConstructions.isEmpty, !context.file.traces.isEmpty else { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        for trace in context.file.traces where Self.runsPerCall(trace, context.file.source.language) {
            for construction in context.file.clientConstructions where !construction.isConfiguration && trace.span.contains(construction.span.lowerBound) {
                // Commands issued after the construction, on a local receiver (not `self.x`/`@x`/`this.x`).
                guard let use = trace.ops.first(where: { op in
                    op.span.lowerBound >= construction.span.upperBound && op.viaHelper == nil && op.confidence >= .medium
                        && !op.receiver.contains(".") && !op.receiver.hasPrefix("@") && !op.receiver.hasPrefix("$")
                        && !(op.receiver.first?.isUppercase ?? false)
                }) else { continue }
                let line = context.line(of: use.nameSpan.lowerBound)
                findings.append(context.finding(
                    description, span: construction.span,
                    message: "`\(trace.name)` opens a new Redis connection on every call and uses it (`\(use.command)` on line \(line))",
                    hint: "create the client once per process (module level or an initializer) or use a connection pool",
                    related: [context.related(use.nameSpan, "the command sent on the new connection")]))
            }
        }
        return findings
    }

    /// Request handlers and jobs run per request; in Swift also ordinary functions, where RediStack code makes
    /// a connection with `RedisConnection.make` and uses it in place — except functions whose name says they
    /// set things up once (`configure`, `boot`, `main`, `makeConnection`, `connect`…).
    static func runsPerCall(_ trace: Trace, _ language: Language) -> Bool {
        if trace.kind == .requestHandler || trace.kind == .job { return true }
        guard language == .swift, trace.kind == .function else { return false }
        let words = RaceFacts.words(trace.name)
        guard let first = words.first else { return false }
        return !setupWords.contains(first)
    }

    static let setupWords: Set<String> = [
        "configure", "boot", "bootstrap", "main", "setup", "set", "start", "run", "init", "make", "create", "connect",
        "open", "build", "register", "provide", "shutdown", "will", "did", "application", "migrate", "prepare",
    ]
}
