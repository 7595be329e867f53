import LuaParse
import RedisLint

/// RL702: assignment to a global variable in a Lua script.
public struct LuaGlobalWrite: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL702",
        name: "lua-global-write",
        severity: .error,
        summary: "Lua script assigns a global variable, which Redis rejects at run time",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Assignments to names that are not declared `local` in a Lua script or Functions library: `count = 1`, \
            `function helper() … end`, `a, b = 1, 2`. Each such assignment creates or changes a global.
            """,
        whyItIsAProblem: """
            Redis runs scripts with a read-only global table: when the assignment executes, the script fails with \
            `Attempt to modify a readonly table` (older versions: `Script attempted to create global variable`). \
            The script loads fine, so the failure appears only when that line runs, often on a rare branch in \
            production. Globals would also leak state between scripts, which is why Redis forbids them.
            """,
        useInstead: """
            Declare the variable `local` (`local count = 1`, `local function helper() … end`). To keep state \
            between runs, store it in Redis under a key passed in `KEYS`.
            """,
        examples: [
            .triggering(.lua, """
                ↓counter = redis.call('INCR', KEYS[1])
                function ↓double(x) return x * 2 end
                return double(counter)
                """),
            .triggering(.lua, """
                local total
                for i = 1, #KEYS do
                  ↓seen = (seen or 0) + 1
                end
                """),
            .clean(.lua, """
                local counter = redis.call('INCR', KEYS[1])
                local function double(x) return x * 2 end
                local limits = {}
                limits.max = 10
                return double(counter)
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("↓count = redis.call('INCR', KEYS[1]) return count", keys: ["hits"])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("local count = redis.call('INCR', KEYS[1]) return count", keys: ["hits"])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("↓count = redis.call('INCR', KEYS[1])\nreturn count", 1, "hits")
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("local count = redis.call('INCR', KEYS[1])\nreturn count", 1, "hits")
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval(`
                function ↓bump(key) return redis.call("INCR", key) end
                return bump(KEYS[1])
                `, 1, "hits");
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval(`
                local function bump(key) return redis.call("INCR", key) end
                return bump(KEYS[1])
                `, 1, "hits");
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    ↓count = redis.call('INCR', KEYS[1])
                    return count
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "hits")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local count = redis.call('INCR', KEYS[1])
                    return count
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "hits")]).get()
                }
                """##),
        ],
        tags: ["lua", "correctness"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.file.scripts where script.compiles {
            for write in script.script.globalWrites {
                findings.append(context.finding(
                    description, span: script.hostRange(write.span),
                    message: "assignment to global `\(write.name)`: Redis rejects it at run time (Attempt to modify a readonly table)",
                    hint: "declare it `local \(write.name)` (or `local function \(write.name)`)"))
            }
        }
        return findings
    }
}
