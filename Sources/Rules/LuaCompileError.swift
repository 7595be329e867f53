import LuaParse
import RedisLint

/// RL701: a Lua script that Lua 5.1 (and so Redis) refuses to compile.
public struct LuaCompileError: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL701",
        name: "lua-syntax-error",
        severity: .error,
        summary: "Lua script does not compile, so Redis rejects it the first time it runs",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            The first syntax error of each Lua script — a `.lua` file, or a script embedded in host code and run \
            with `EVAL`, `EVALSHA`, `SCRIPT LOAD`, `register_script`, `defineCommand` or `defineScript` — worded as \
            Lua 5.1's compiler words it (`'then' expected near 'return'`) and placed at the exact line and column in \
            the file. Scripts that are templates (ERB `<%= … %>` tags, `${…}` or `{{ … }}` placeholders, \
            `--- @include` fragments) are rendered before Redis sees them and are never reported.
            """,
        whyItIsAProblem: """
            Redis compiles a script only when it is first loaded or run, so a typo ships silently and surfaces in \
            production as `ERR Error compiling script` on every call of the feature that needs it. Nothing in the \
            host language's compiler or tests that mock Redis sees the script's syntax.
            """,
        useInstead: """
            Fix the script where the message points. Lua 5.1 is the dialect Redis runs: there is no `goto`, no \
            integer division `//`, no bitwise operators (use the `bit` library) and no `continue`.
            """,
        examples: [
            .triggering(.lua, """
                local current = redis.call('GET', KEYS[1])
                if current == ARGV[1]
                  ↓return redis.call('DEL', KEYS[1])
                end
                return 0
                """),
            .triggering(.lua, """
                local n = 0
                for i = 1, #KEYS do
                  n = n + redis.call('EXISTS', KEYS[i])
                ↓
                """),
            .clean(.lua, """
                local current = redis.call('GET', KEYS[1])
                if current == ARGV[1] then
                  return redis.call('DEL', KEYS[1])
                end
                return 0
                """),
            .clean(.lua, """
                local ttl = <%= ttl_seconds %>
                redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] ↓return redis.call('DEL', KEYS[1]) end", keys: ["lock:1"], argv: ["me"])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end", keys: ["lock:1"], argv: ["me"])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                release = r.register_script("""
                if redis.call('GET', KEYS[1]) == ARGV[1]
                  ↓return redis.call('DEL', KEYS[1])
                end
                """)
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                release = r.register_script("""
                if redis.call('GET', KEYS[1]) == ARGV[1] then
                  return redis.call('DEL', KEYS[1])
                end
                """)
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("release", {
                  numberOfKeys: 1,
                  lua: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) ↓",
                });
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("release", {
                  numberOfKeys: 1,
                  lua: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end",
                });
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local n = 0
                    for i = 1, #KEYS do n = n + redis.call('EXISTS', KEYS[i]) done
                    ↓return n
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "a")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    local n = 0
                    for i = 1, #KEYS do n = n + redis.call('EXISTS', KEYS[i]) end
                    return n
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "a")]).get()
                }
                """##),
        ],
        tags: ["lua", "correctness"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        context.file.scripts.compactMap { script in
            guard !script.script.isTemplate, let error = script.script.syntaxErrors.first else { return nil }
            return context.finding(
                description, span: script.hostOffset(error.offset)..<script.hostOffset(error.offset),
                message: "Lua syntax error: \(error.message) (luac: line \(error.line) of the script)",
                hint: "Redis compiles the script on first use and fails with `ERR Error compiling script`")
        }
    }
}
