import LuaParse
import RedisLint

/// RL703: a Lua script reads a global that neither the Redis sandbox nor the script defines.
public struct LuaUndefinedGlobal: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL703",
        name: "lua-undefined-global",
        severity: .error,
        summary: "Lua script reads a global that does not exist in Redis's sandbox",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Reads of a name that is not a local, not one of the globals Redis's sandbox provides (`redis`, `KEYS`, \
            `ARGV`, `cjson`, `cmsgpack`, `bit`, `struct`, the safe standard library) and not assigned anywhere in \
            the script — usually a misspelt local (`tonumber(limt)`) or a variable declared in another scope. In a \
            Functions library `KEYS` and `ARGV` are undefined too: the callback receives them as parameters. \
            Globals the sandbox removes on purpose (`print`, `os`, `require`…) are reported by `lua-sandbox` instead.
            """,
        whyItIsAProblem: """
            Redis's sandbox raises `Script attempted to access nonexistent global variable` on the read, so the \
            script fails when that line runs — typically on the rare branch nobody tested.
            """,
        useInstead: """
            Fix the name, or declare the variable `local` in a scope that encloses the read. In a Functions library \
            use the callback's parameters (`function(keys, args) … keys[1] … end`) instead of `KEYS`/`ARGV`.
            """,
        examples: [
            .triggering(.lua, """
                local limit = tonumber(ARGV[1])
                local count = redis.call('INCR', KEYS[1])
                if count > ↓limt then return 0 end
                return 1
                """),
            .triggering(.lua, """
                #!lua name=counters
                redis.register_function('bump', function(keys, args)
                  return redis.call('INCR', ↓KEYS[1])
                end)
                """),
            .clean(.lua, """
                local limit = tonumber(ARGV[1])
                local count = redis.call('INCR', KEYS[1])
                if count > limit then return 0 end
                return cjson.encode({ count = count, max = math.max(count, limit) })
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("local limit = tonumber(ARGV[1]) if redis.call('INCR', KEYS[1]) > ↓limt then return 0 end return 1", keys: ["rate"], argv: [10])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("local limit = tonumber(ARGV[1]) if redis.call('INCR', KEYS[1]) > limit then return 0 end return 1", keys: ["rate"], argv: [10])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                limiter = r.register_script("""
                local limit = tonumber(ARGV[1])
                if redis.call('INCR', KEYS[1]) > ↓limt then return 0 end
                return 1
                """)
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                limiter = r.register_script("""
                local limit = tonumber(ARGV[1])
                if redis.call('INCR', KEYS[1]) > limit then return 0 end
                return 1
                """)
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("limit", {
                  numberOfKeys: 1,
                  lua: "local limit = tonumber(ARGV[1]) if redis.call('INCR', KEYS[1]) > ↓limt then return 0 end return 1",
                });
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("limit", {
                  numberOfKeys: 1,
                  lua: "local limit = tonumber(ARGV[1]) if redis.call('INCR', KEYS[1]) > limit then return 0 end return 1",
                });
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local limit = tonumber(ARGV[1])
                    if redis.call('INCR', KEYS[1]) > ↓limt then return 0 end
                    return 1
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "rate"), .init(from: 10)]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local limit = tonumber(ARGV[1])
                    if redis.call('INCR', KEYS[1]) > limit then return 0 end
                    return 1
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "rate"), .init(from: 10)]).get()
                }
                """##),
        ],
        tags: ["lua", "correctness"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // A template (`--- @include "fragment"`, ERB `<%= include_partial … %>`) gets its functions from
        // fragments spliced in before loading: its globals cannot be judged alone.
        // A fragment other scripts include (`includes/removeLock.lua`) uses their locals (`rcall`).
        if context.project.isIncludedLuaFragment(context.file) { return [] }
        for script in context.file.scripts where script.compiles && !script.script.isTemplate {
            let library = script.isFunctionLibrary
            for read in script.script.undefinedGlobalReads {
                // A template tag stands in as `_` once substituted; it is the template's, not a global.
                if script.script.isTemplate && read.name == "_" { continue }
                let isScriptGlobal = library && (read.name == "KEYS" || read.name == "ARGV")
                findings.append(context.finding(
                    description, span: script.hostRange(read.span),
                    message: isScriptGlobal
                        ? "`\(read.name)` is not defined in a Functions library: Redis raises \"Script attempted to access nonexistent global variable\""
                        : "read of undefined global `\(read.name)`: Redis raises \"Script attempted to access nonexistent global variable\"",
                    hint: isScriptGlobal
                        ? "use the registered callback's parameters (`function(keys, args)`)"
                        : "declare it `local` in an enclosing scope, or fix the spelling"))
            }
        }
        return findings
    }
}
