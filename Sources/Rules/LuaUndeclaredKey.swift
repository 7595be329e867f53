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
        languages: [.lua],
        whatItFinds: """
            `redis.call`/`redis.pcall` whose argument in a key position (found with Redis's own key specs, as \
            `COMMAND GETKEYS` does) is `ARGV[n]`, a literal string or number, or a string built by concatenation \
            (`KEYS[1] .. ':lock'`, `'user:' .. ARGV[1]`), rather than an element of `KEYS`. In a Functions library \
            the callback's first parameter plays `KEYS`. Values the linter cannot follow (function results, loop \
            variables) are not reported.
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
        ],
        tags: ["lua", "cluster"]
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for script in context.file.scripts where script.compiles {
            for call in script.script.redisCalls {
                for argument in call.keyArguments {
                    guard let kind = Self.undeclared(argument.value) else { continue }
                    findings.append(context.finding(
                        description, span: script.hostRange(argument.span),
                        message: "`\(call.command ?? "?")` key `\(Self.describe(argument.value))` is \(kind), not an element of KEYS",
                        hint: "pass the key in KEYS: Redis Cluster and ACL key permissions only know declared keys"))
                }
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
