import LuaParse
import RedisLint

/// RL704: a command in a Lua script touches a key that was not passed in `KEYS`.
public struct LuaUndeclaredKey: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL704",
        name: "lua-undeclared-key",
        severity: .warning,
        summary: "Lua script reaches a key through ARGV, a literal or a computed string instead of KEYS",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            `redis.call`/`redis.pcall` whose argument in a key position (found with Redis's own key specs, as \
            `COMMAND GETKEYS` does) is `ARGV[n]`, a literal string or number, or a string built by concatenation \
            (`KEYS[1] .. ':lock'`, `'user:' .. ARGV[1]`), rather than an element of `KEYS`. In a Functions library \
            the callback's first parameter plays `KEYS`. Values the linter cannot follow (function results, loop \
            variables) are not reported. Each undeclared key is reported once per script, at its first use (the message \
            counts the others). The finding is a warning in cluster mode (see `RL601`) and a note             otherwise: on a single node the script works, and only ACL key permissions are at risk.
            """,
        whyItIsAProblem: """
            Redis decides where a script runs, and what it may touch, from the keys declared in `KEYS`. In Redis \
            Cluster an undeclared key may live on another node, so the script fails with a cross-slot or \
            `-MOVED`-style error, or silently works in a single-node test and breaks after sharding. ACL key \
            permissions (`~pattern`) are checked against declared keys, and client-side proxies and `#!lua` scripts \
            route by them too. Redis's documentation requires every key a script accesses to be passed in `KEYS`.
            """,
        useInstead: """
            Pass every key the script touches as a `KEYS` element, computing the names in the application \
            (`EVAL script 2 user:1 user:1:lock`). Keys derived from one another should share a hash tag \
            (`{user:1}` and `{user:1}:lock`) so they stay in one slot.
            """,
        examples: [
            .triggering(.lua, """
                local count = redis.call('INCR', ↓ARGV[1])
                redis.call('EXPIRE', ↓KEYS[1] .. ':ttl', 60)
                redis.call('SADD', ↓'all-counters', KEYS[1])
                return count
                """),
            .triggering(.lua, """
                local queue = ARGV[1] .. ':queue'
                local job = redis.call('LPOP', ↓queue)
                if job then redis.call('RPUSH', queue, job) end
                return redis.call('LLEN', queue)
                """),
            .triggering(.lua, """
                #!lua name=locks
                redis.register_function('release', function(keys, args)
                  redis.call('DEL', ↓args[1])
                  return redis.call('DEL', keys[1])
                end)
                """),
            .clean(.lua, """
                local key = KEYS[1]
                local count = redis.call('INCR', key)
                redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
                for i = 1, #KEYS do redis.call('PERSIST', KEYS[i]) end
                redis.call('DEL', unpack(KEYS))
                redis.call('SET', KEYS[1], ARGV[1], 'EX', 60)
                return count
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("redis.call('SADD', ↓'pages:' .. ARGV[1], KEYS[1]) return redis.call('INCR', KEYS[1])", keys: ["views:home"], argv: ["2024-06-01"])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("redis.call('SADD', KEYS[2], KEYS[1]) return redis.call('INCR', KEYS[1])", keys: ["views:home", "pages:2024-06-01"])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("return redis.call('INCR', ↓ARGV[1])", 0, "views:home")
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("return redis.call('INCR', KEYS[1])", 1, "views:home")
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("return redis.call('ZINCRBY', ↓'leaderboard', 1, KEYS[1])", 1, "player:7");
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("return redis.call('ZINCRBY', KEYS[2], 1, KEYS[1])", 2, "player:7", "leaderboard");
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    redis.call('SET', ↓KEYS[1] .. ':seen', '1', 'EX', 60)
                    return redis.call('INCR', KEYS[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "views")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    redis.call('SET', KEYS[2], '1', 'EX', 60)
                    return redis.call('INCR', KEYS[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 2), .init(from: "views"), .init(from: "views:seen")]).get()
                }
                """##),
        ],
        tags: ["lua", "cluster"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Outside cluster mode the script still works on one node: a note, so it never fails a build
        // by default (ACL key permissions are the remaining risk); in cluster mode, a warning.
        let severity: Severity? = ClusterSupport.isActive(context) ? nil : .note
        context.forEachScript { script in
            guard script.compiles else { return }
            // One finding per undeclared key of a script, at its first use: a script that builds its keys from a
            // prefix uses each one several times (dramatiq's dispatch script: 34 findings for 12 keys).
            var uses: [(span: Range<Int>, command: String, key: String, kind: String)] = []
            var useCounts: [String: Int] = [:]
            for call in script.script.redisCalls {
                // Key arguments are some of the call's arguments: when none of them is undeclared (`GET KEYS[1]`),
                // the keys are not worked out (the command table's extraction costs far more than this look).
                guard call.arguments.contains(where: { Self.undeclared($0.value) != nil }) else { continue }
                for argument in call.keyArguments {
                    guard let kind = Self.undeclared(argument.value) else { continue }
                    let key = Self.describe(argument.value)
                    useCounts[key, default: 0] += 1
                    if useCounts[key] == 1 { uses.append((argument.span, call.command ?? "?", key, kind)) }
                }
            }
            for use in uses {
                let more = useCounts[use.key, default: 1] - 1
                let also = more == 0 ? "" : " (and \(more) more use\(more == 1 ? "" : "s") in this script)"
                findings.append(context.finding(
                    description, span: script.hostRange(use.span),
                    message: "`\(use.command)` key `\(use.key)` is \(use.kind), not an element of KEYS\(also)",
                    severity: severity,
                    hint: "pass the key in KEYS: Redis Cluster and ACL key permissions only know declared keys"))
            }
        }
        return findings
    }

    /// The argument as written, with what a local holds (`marker = ARGV[2]`).
    static func describe(_ value: LuaValue) -> String {
        if case .variable(let name, _) = value { return "\(name) = \(value.resolved.display)" }
        return value.display
    }

    /// Why a key argument is not a declared key, or nil when it is one (or cannot be told).
    static func undeclared(_ value: LuaValue) -> String? {
        switch value.resolved {
        case .argument, .dynamicArgument, .allArguments: return "taken from ARGV"
        case .string, .number: return "a literal"
        case .concatenation: return "a computed string"
        case .key, .dynamicKey, .allKeys, .computed, .variable: return nil
        }
    }
}
