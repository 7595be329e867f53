import RedisLint

/// RL504: redis-rb commands sent on the outer client inside a `multi`/`pipelined` block instead of
/// the block's argument.
public struct OuterClientInsideBlock: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL504",
        name: "outer-client-inside-block",
        severity: .error,
        summary: "A command inside a redis-rb multi/pipelined block is sent on the outer client, not the block's argument",
        languages: [.ruby],
        whatItFinds: """
            Inside `redis.multi do … end` or `redis.pipelined do … end`, a command called on the client the \
            block was opened on (or another shared client: `@redis`, `$redis`, a constant) instead of the object \
            the block yields (`|tx|`, `|pipeline|`). Test files are skipped.
            """,
        whyItIsAProblem: """
            Up to redis-rb 4.x such commands were silently queued into the transaction (deprecated in 4.6). \
            Since redis-rb 5.0 they are sent at once, outside the transaction or pipeline: the `SET` and the \
            `EXPIRE` that were meant to be atomic are two separate round trips again, a crash between them \
            leaves a key without TTL, and `multi` returns replies that do not include them. Nothing fails, so \
            the upgrade goes unnoticed.
            """,
        useInstead: """
            Take the block argument and send every command on it: \
            `redis.multi do |tx| tx.set(key, 1); tx.expire(key, 60) end` (and `|pipeline|` for `pipelined`).
            """,
        examples: [
            .triggering(.ruby, """
                $redis = Redis.new
                def throttle(key, seconds)
                  $redis.multi do
                    $redis.↓set key, 1
                    $redis.↓expire key, seconds
                  end
                end
                """),
            .clean(.ruby, """
                $redis = Redis.new
                def throttle(key, seconds)
                  $redis.multi do |tx|
                    tx.set key, 1
                    tx.expire key, seconds
                  end
                end
                def increment(key)
                  pipelined do |redis|
                    redis.incrby(key, 1)
                    redis.expire(key, 60)
                  end
                end
                """),
            .triggering(.ruby, """
                class Counter
                  def bump(id)
                    @redis.pipelined do |pipeline|
                      pipeline.incr("hits:#{id}")
                      @redis.↓expire("hits:#{id}", 60)
                    end
                  end
                end
                """),
            .clean(.ruby, """
                class Counter
                  def bump(id)
                    Sidekiq.redis do |conn|
                      conn.pipelined do |pipeline|
                        pipeline.incr("hits:#{id}")
                        pipeline.expire("hits:#{id}", 60)
                      end
                      conn.get("hits:#{id}")
                    end
                  end
                end
                """),
        ],
        tags: ["client", "transactions"]
    )

    /// Instance variables, globals and constants are shared clients, never block arguments.
    static func isSharedName(_ receiver: String) -> Bool {
        guard let first = receiver.unicodeScalars.first else { return false }
        return first == "@" || first == "$" || ("A"..."Z").contains(first)
    }

    public func check(_ context: RuleContext) -> [Finding] {
        if TestPaths.contains(context.file.source.path) { return [] }
        var findings: [Finding] = []
        for trace in context.file.traces {
            let plainReceivers = Set(trace.ops.filter { $0.context == .plain }.map(\.receiver))
            for op in trace.ops where (op.context == .transaction || op.context == .pipeline) && op.viaHelper == nil && op.confidence >= .medium {
                guard !["MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH"].contains(op.command) else { continue }
                // The block's own argument is a local name used only inside the block.
                // A local name could be the block argument shadowing the client (`pipelined do |redis|`),
                // so locals count only when the same function also uses them outside the block.
                let isOuter = plainReceivers.contains(op.receiver) || Self.isSharedName(op.receiver)
                guard isOuter else { continue }
                let block = op.context == .transaction ? "multi" : "pipelined"
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)` is sent on `\(op.receiver)` inside a `\(block)` block: since redis-rb 5.0 it runs at once, outside the \(op.context == .transaction ? "transaction" : "pipeline")",
                    hint: "take the block argument (`do |\(op.context == .transaction ? "tx" : "pipeline")|`) and call the command on it",
                    key: op.keys.first))
            }
        }
        return findings
    }
}
