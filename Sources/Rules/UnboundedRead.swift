import RedisLint

/// RL104 (note): whole-collection reads (HGETALL, SMEMBERS, LRANGE 0 -1, ZRANGE 0 -1…) in request handlers.
public struct UnboundedRead: Rule {
    public init() {}

    static let wholeCollection: [String: String] = [
        "HGETALL": "HSCAN, or HMGET of the fields you need", "HKEYS": "HSCAN", "HVALS": "HSCAN",
        "SMEMBERS": "SSCAN, or SISMEMBER/SMISMEMBER for membership", "ZRANGE": "a bounded range (paging with LIMIT or start/stop)",
        "ZREVRANGE": "a bounded range", "LRANGE": "a bounded range (start/stop of one page)",
    ]

    public let description = RuleDescription(
        id: "RL104",
        name: "unbounded-read",
        severity: .note,
        summary: "A request handler reads a whole hash, set, list or sorted set",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `HGETALL`, `HKEYS`, `HVALS`, `SMEMBERS`, and `LRANGE`/`ZRANGE`/`ZREVRANGE` from `0` to `-1`, inside a \
            web request handler (route decorators, controller actions, Express/Vapor handlers). Reads in loops are \
            left to commands-in-loop (RL103); test files are skipped; so is a hash the project only ever writes \
            with literal field names (a record with fixed fields). A note: small, bounded collections are fine.
            """,
        whyItIsAProblem: """
            These commands are O(N) in the size of the collection and return all of it in one reply. A \
            collection that grows with users or time (followers, a feed, an online set) makes every request \
            slower, blocks Redis for the duration of the read, and produces a multi-megabyte reply that the \
            client then has to allocate and decode — the slow-log entries behind many latency incidents.
            """,
        useInstead: """
            Read a page (`LRANGE key 0 49`, `ZRANGE key 0 49`), iterate with `HSCAN`/`SSCAN`/`ZSCAN` when you \
            really need everything, or ask the question directly (`SISMEMBER`, `SMISMEMBER`, `HMGET`, `ZCARD`).
            """,
        examples: [
            .triggering(.ruby, """
                class FeedsController < ApplicationController
                  def show
                    @items = $redis.↓lrange("feed:#{params[:id]}", 0, -1)
                  end
                end
                """),
            .clean(.ruby, """
                class FeedsController < ApplicationController
                  def show
                    @items = $redis.lrange("feed:#{params[:id]}", 0, 49)
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                @app.route("/online")
                def online():
                    return list(r.↓smembers("online_users"))
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                @app.route("/online")
                def online():
                    return {"count": r.scard("online_users")}
                def export_all():
                    return list(r.smembers("online_users"))
                def refresh():
                    status = {"started_at": now(), "last_refresh_at": now()}
                    r.hset("app:status", mapping=status)
                @app.route("/status")
                def status():
                    return r.hgetall("app:status")
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                app.get("/users/:id", async (req, res) => {
                  res.json(await redis.↓hgetall(`user:${req.params.id}:events`));
                });
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                app.get("/users/:id", async (req, res) => {
                  res.json(await redis.hmget(`user:${req.params.id}`, "name", "email"));
                });
                """),
            .triggering(.swift, """
                import Vapor
                import Redis
                func routes(_ app: Application) throws {
                    app.get("leaderboard") { req async throws -> String in
                        let reply = try await req.redis.send(command: ↓"ZRANGE", with: ["leaderboard", "0", "-1"].map { RESPValue(from: $0) }).get()
                        return reply.description
                    }
                }
                """),
            .clean(.swift, """
                import Vapor
                import Redis
                func routes(_ app: Application) throws {
                    app.get("leaderboard") { req async throws -> String in
                        let reply = try await req.redis.send(command: "ZRANGE", with: ["leaderboard", "0", "9"].map { RESPValue(from: $0) }).get()
                        return reply.description
                    }
                }
                """),
        ],
        tags: ["performance"],
        reads: .traces
    )

    static func isWholeRange(_ op: RedisOp) -> Bool {
        guard op.arguments.count >= 2 else { return false }
        func text(_ argument: ArgumentValue) -> String? {
            switch argument {
            case .number(let text): return text
            case .literal(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .dynamic: return nil
            }
        }
        return text(op.arguments[0]) == "0" && text(op.arguments[1]) == "-1"
    }

    /// Hash writes and where their field names sit among the arguments after the key (every other one for
    /// HSET/HMSET, the first for the others).
    static let hashWrites: [String: Bool] = ["HSET": true, "HMSET": true, "HSETNX": false, "HINCRBY": false, "HINCRBYFLOAT": false]

    /// A hash written only with literal field names, somewhere in the project (`hset("app:status",
    /// mapping={"started_at": …, "last_refresh_at": …})`): a record with a fixed set of fields, not a
    /// collection that grows.
    static func isFixedRecord(_ key: KeyExpr, in project: ProjectModel) -> Bool {
        guard key.isFullyLiteral else { return false }
        var writes = 0
        for (command, pairs) in hashWrites {
            for op in project.ops(command) where op.keys.first == key {
                writes += 1
                let fields = pairs ? stride(from: 0, to: op.arguments.count, by: 2).map { op.arguments[$0] } : Array(op.arguments.prefix(1))
                guard !fields.isEmpty, fields.allSatisfy({ if case .dynamic = $0 { return false } else { return true } }) else { return false }
            }
        }
        return writes > 0
    }

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        for trace in context.file.traces where trace.kind == .requestHandler {
            for opIndex in trace.ops.indices where trace.ops[opIndex].loopDepth == 0 && trace.ops[opIndex].confidence >= .medium && trace.ops[opIndex].context != .lua && trace.ops[opIndex].viaHelper == nil {
                let op = trace.ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard let instead = Self.wholeCollection[op.command], let key = op.keys.first else { continue }
                let ranged = ["LRANGE", "ZRANGE", "ZREVRANGE"].contains(op.command)
                if ranged && !Self.isWholeRange(op) { continue }
                if ["HGETALL", "HKEYS", "HVALS"].contains(op.command), Self.isFixedRecord(key, in: context.project) { continue }
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command) \(key.display)\(ranged ? " 0 -1" : "")` in request handler `\(trace.name)` reads the whole collection on every request",
                    hint: "use \(instead)", key: key))
            }
        }
        return findings
    }
}
