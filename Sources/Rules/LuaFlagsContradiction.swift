import LuaParse
import RedisLint

/// RL708: a script's declared flags (`#!lua flags=…`, `register_function{flags=…}`) contradict what it does.
public struct LuaFlagsContradiction: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL708",
        name: "lua-flags-contradiction",
        severity: .error,
        summary: "Script flags contradict the script: no-writes with a write, or cross-slot keys undeclared",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            A script whose `#!lua flags=…` first line (or a Functions library function registered with \
            `flags = { 'no-writes' }`) says `no-writes` but which calls a write command (by the command table's \
            `write` flag); and a script with a `#!lua` line (or a library function) that touches literal keys in \
            different hash slots without the `allow-cross-slot-keys` flag.
            """,
        whyItIsAProblem: """
            Redis enforces the flags when the command runs: a write in a `no-writes` script fails with `Write \
            commands are not allowed from read-only scripts`. Scripts with a `#!lua` line and Functions are held \
            to declared keys in one slot: in Redis Cluster, touching keys of different slots fails with `Script \
            attempted to access keys that do not hash to the same slot` unless `allow-cross-slot-keys` is set.
            """,
        useInstead: """
            Drop `no-writes` from a script that writes (and run it with `EVAL`, not `EVAL_RO`), or move the write \
            out. Give keys that are used together a shared hash tag (`{user:1}:a`, `{user:1}:b`), or add \
            `allow-cross-slot-keys` when the script must span slots.
            """,
        examples: [
            .triggering(.lua, """
                #!lua flags=no-writes
                local value = redis.call('GET', KEYS[1])
                ↓redis.call('DEL', KEYS[1])
                return value
                """),
            .triggering(.lua, """
                #!lua
                redis.call('INCR', 'stats:hits')
                return ↓redis.call('INCR', 'stats:misses')
                """),
            .clean(.lua, """
                #!lua flags=no-writes,allow-cross-slot-keys
                local hits = redis.call('GET', 'stats:hits')
                local misses = redis.call('GET', 'stats:misses')
                return { hits, misses }
                """),
            .clean(.lua, """
                #!lua
                redis.call('INCR', '{stats}:hits')
                return redis.call('INCR', '{stats}:misses')
                """),
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                redis.eval("#!lua flags=no-writes\nreturn ↓redis.call('DEL', KEYS[1])", keys: ["session:1"])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("#!lua flags=no-writes\nreturn redis.call('GET', KEYS[1])", keys: ["session:1"])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                stats = r.register_script("""#!lua
                redis.call('INCR', 'stats:hits')
                return ↓redis.call('INCR', 'stats:total')
                """)
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                stats = r.register_script("""#!lua
                redis.call('INCR', '{stats}:hits')
                return redis.call('INCR', '{stats}:total')
                """)
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("peek", {
                  numberOfKeys: 1,
                  lua: "#!lua flags=no-writes\nlocal v = redis.call('GET', KEYS[1])\n↓redis.call('EXPIRE', KEYS[1], 60)\nreturn v",
                });
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("peek", {
                  numberOfKeys: 1,
                  lua: "#!lua flags=no-writes\nreturn redis.call('GET', KEYS[1])",
                });
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    #!lua flags=no-writes
                    return ↓redis.call('SET', KEYS[1], ARGV[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "k"), .init(from: "v")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    let script = """
                    #!lua flags=no-writes
                    return redis.call('GET', KEYS[1])
                    """
                    _ = try await connection.send(command: "EVAL", with: [.init(from: script), .init(from: 1), .init(from: "k")]).get()
                }
                """##),
        ],
        tags: ["lua", "cluster"],
        reads: .scripts
    )

    /// One unit of flags: the whole EVAL script, or one registered function of a library.
    struct Unit {
        var flags: Set<String>
        var calls: [LuaRedisCall]
    }

    static func units(_ script: LuaScript) -> [Unit] {
        if let shebang = script.shebang, !shebang.isFunctionLibrary, script.registeredFunctions.isEmpty {
            return [Unit(flags: Set(shebang.flags ?? []), calls: script.redisCalls)]
        }
        return script.registeredFunctions.compactMap { function in
            guard let name = function.name else { return nil }
            return Unit(flags: Set(function.flags), calls: script.redisCalls.filter { $0.registeredFunction == name })
        }
    }

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        context.forEachScript { script in
            guard script.compiles else { return }
            for unit in Self.units(script.script) {
                if unit.flags.contains("no-writes") {
                    for call in unit.calls where call.spec?.isWrite ?? false {
                        findings.append(context.finding(
                            description, span: script.hostRange(call.span),
                            message: "`\(call.command ?? "?")` writes in a script flagged no-writes: Redis fails with \"Write commands are not allowed from read-only scripts\"",
                            hint: "remove `no-writes` from the flags, or move the write out of the script"))
                    }
                }
                if !unit.flags.contains("allow-cross-slot-keys") {
                    findings += crossSlot(unit, script, context)
                }
            }
        }
        return findings
    }

    /// The first literal key in another slot than the first literal key of the unit.
    func crossSlot(_ unit: Unit, _ script: EmbeddedScript, _ context: RuleContext) -> [Finding] {
        var first: (key: String, slot: Int, call: LuaRedisCall)?
        for call in unit.calls.sorted(by: { $0.span.lowerBound < $1.span.lowerBound }) {
            for argument in call.keyArguments {
                guard case .string(let key) = argument.value.resolved else { continue }
                let slot = HashSlot.slot(of: key)
                guard let anchor = first else {
                    first = (key, slot, call)
                    continue
                }
                if slot != anchor.slot {
                    return [context.finding(
                        description, span: script.hostRange(call.span),
                        message: "`\(call.command ?? "?")` touches \"\(key)\" (slot \(slot)) and the script touched \"\(anchor.key)\" (slot \(anchor.slot)) without allow-cross-slot-keys: Redis Cluster fails the script",
                        hint: "give the keys a shared {hash tag}, or add allow-cross-slot-keys to the flags",
                        related: [context.related(script.hostRange(anchor.call.span), "first key, slot \(anchor.slot)")])]
                }
            }
        }
        return []
    }
}
