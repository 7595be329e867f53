import LuaParse
import RedisLint

/// RL706: a Lua script uses what Redis's sandbox removes or never provides.
public struct LuaSandboxViolation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL706",
        name: "lua-sandbox",
        severity: .error,
        summary: "Lua script uses a function or library Redis's sandbox does not provide",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            Uses of standard Lua that Redis removes (`print`, `dofile`, `loadfile`) or never loads (`require`, \
            `module`, `package`, `io`, `os`, `debug`, `getfenv`, `setfenv`, …). `os.clock` is allowed when the \
            configured minimum Redis version is 7.4 or later, where Redis provides it. Calls of \
            `redis.replicate_commands()` are reported as a note: since Redis 7.0 it does nothing.
            """,
        whyItIsAProblem: """
            The script loads, then fails when the line runs with `Script attempted to access nonexistent global \
            variable 'print'` — often debugging code left in, or a module copied from plain Lua. Effects \
            replication is the only mode since Redis 7.0, so `redis.replicate_commands()` is dead code that \
            suggests the script relies on behaviour that no longer exists.
            """,
        useInstead: """
            Log with `redis.log(redis.LOG_NOTICE, …)`; return values or raise `redis.error_reply(…)` instead of \
            printing; inline helper code instead of `require`; read the time with `redis.call('TIME')`. Remove \
            `redis.replicate_commands()`.
            """,
        examples: [
            .triggering(.lua, """
                local value = redis.call('GET', KEYS[1])
                ↓print('value is', value)
                local started = ↓os.time()
                local json = ↓require('cjson')
                return value
                """),
            .triggering(.lua, """
                ↓redis.replicate_commands()
                local started = ↓os.clock()
                return redis.call('INCR', KEYS[1])
                """),
            .clean(.lua, """
                local value = redis.call('GET', KEYS[1])
                redis.log(redis.LOG_NOTICE, 'value is ' .. tostring(value))
                local now = redis.call('TIME')
                return cjson.encode({ value = value, at = now[1] })
                """),
            .clean(.lua, """
                local started = os.clock()
                return redis.call('INCR', KEYS[1])
                """, settings: RuleSettings(minimumRedisVersion: RedisVersion(7, 4))),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("local v = redis.call('GET', KEYS[1]) ↓print(v) return v", keys: ["config"])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("local v = redis.call('GET', KEYS[1]) redis.log(redis.LOG_NOTICE, tostring(v)) return v", keys: ["config"])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                stamp = r.register_script("""
                local now = ↓os.time()
                return redis.call('SET', KEYS[1], now)
                """)
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                stamp = r.register_script("""
                local now = redis.call('TIME')[1]
                return redis.call('SET', KEYS[1], now)
                """)
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("local json = ↓require('cjson') return json.encode({ redis.call('GET', KEYS[1]) })", 1, "config");
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                await redis.eval("return cjson.encode({ redis.call('GET', KEYS[1]) })", 1, "config");
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    ↓redis.replicate_commands()
                    return redis.call('INCR', KEYS[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "n")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    return redis.call('INCR', KEYS[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "n")]).get()
                }
                """##),
        ],
        tags: ["lua", "correctness"],
        reads: .scripts
    )

    /// `os.clock` is the one `os` function Redis provides, since 7.4.
    static let osClockSince = RedisVersion(7, 4)

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        context.forEachScript { script in
            guard script.compiles else { return }
            for use in script.script.sandboxViolations {
                let span = script.hostRange(use.span)
                let isOSClock = use.name == "os" && Self.isFollowedByClock(context.file.source.bytes, at: span.upperBound)
                if isOSClock && context.settings.minimumRedisVersion >= Self.osClockSince { continue }
                let message: String
                if isOSClock {
                    message = "`os.clock` exists in Redis's sandbox only since 7.4; the minimum Redis version is \(context.settings.minimumRedisVersion)"
                } else if use.kind == .removedByRedis {
                    message = "`\(use.name)` is removed by Redis's sandbox: the script fails with \"Script attempted to access nonexistent global variable '\(use.name)'\""
                } else {
                    message = "`\(use.name)` is not provided by Redis's sandbox: the script fails with \"Script attempted to access nonexistent global variable '\(use.name)'\""
                }
                findings.append(context.finding(description, span: span, message: message, hint: Self.advice(use.name)))
            }
            for use in script.script.redisAPIUses where use.name == "replicate_commands" {
                findings.append(context.finding(
                    description, span: script.hostRange(use.span),
                    message: "`redis.replicate_commands()` does nothing since Redis 7.0: effects replication is the only mode",
                    severity: .note, hint: "remove the call"))
            }
        }
        return findings
    }

    /// `os` followed by `.clock` in the host text (exact for `.lua` files; escapes spelling
    /// `clock` inside an embedded string would be missed, which only makes the rule stricter).
    static func isFollowedByClock(_ bytes: [UInt8], at offset: Int) -> Bool {
        var index = offset
        func skipBlanks() { while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 } }
        skipBlanks()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        skipBlanks()
        let word = Array("clock".utf8)
        guard index + word.count <= bytes.count, Array(bytes[index..<(index + word.count)]) == word else { return false }
        let after = index + word.count
        return after == bytes.count || !(bytes[after] == 95 || (bytes[after] | 0x20 >= 97 && bytes[after] | 0x20 <= 122) || (bytes[after] >= 48 && bytes[after] <= 57))
    }

    static func advice(_ name: String) -> String {
        switch name {
        case "print": return "log with redis.log(redis.LOG_NOTICE, …) or return the value"
        case "os": return "read the time with redis.call('TIME')"
        case "require", "module", "package", "dofile", "loadfile": return "inline the code: Redis scripts cannot load modules or files"
        default: return "Redis's sandbox offers redis, cjson, cmsgpack, bit, struct and the safe standard library"
        }
    }
}
