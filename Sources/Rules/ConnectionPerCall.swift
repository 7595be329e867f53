import RedisLint

/// RL105: a request handler or job that constructs its own Redis client and uses it.
public struct ConnectionPerCall: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL105",
        name: "connection-per-call",
        severity: .warning,
        summary: "A request handler or job opens a new Redis connection on every call",
        languages: [.ruby, .python, .javascript],
        whatItFinds: """
            A client constructor (`Redis.new`, `redis.Redis(...)`, `redis.from_url(...)`, `new Redis(...)`, \
            `createClient(...)`…) inside a web request handler or a background job entry point, followed by \
            commands in the same handler. Factories, initializers and providers are ordinary functions and are \
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
        ],
        tags: ["performance", "client"]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        if TestPaths.contains(context.file.source.path) { return [] }
        guard !context.file.clientConstructions.isEmpty else { return [] }
        var findings: [Finding] = []
        for trace in context.file.traces where trace.kind == .requestHandler || trace.kind == .job {
            for construction in context.file.clientConstructions where trace.span.contains(construction.span.lowerBound) {
                // Commands issued after the construction, on a local receiver (not `self.x`/`@x`/`this.x`).
                guard let use = trace.ops.first(where: { op in
                    op.span.lowerBound >= construction.span.upperBound && op.viaHelper == nil && op.confidence >= .medium
                        && !op.receiver.contains(".") && !op.receiver.hasPrefix("@") && !op.receiver.hasPrefix("$")
                        && !(op.receiver.first?.isUppercase ?? false)
                }) else { continue }
                let line = context.positions(use.nameSpan).start.line
                findings.append(context.finding(
                    description, span: construction.span,
                    message: "`\(trace.name)` opens a new Redis connection on every call and uses it (`\(use.command)` on line \(line))",
                    hint: "create the client once per process (module level or an initializer) or use a connection pool",
                    related: [context.related(use.nameSpan, "the command sent on the new connection")]))
            }
        }
        return findings
    }
}
