import LuaParse
import RedisLint

/// RL705: the code that runs a script and the script disagree about its keys and arguments.
public struct LuaCallSiteMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL705",
        name: "lua-call-site-mismatch",
        severity: .error,
        summary: "Script call passes fewer keys or arguments than the script reads, or keys it never uses",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A place that runs a script (`EVAL`/`EVALSHA` with `numkeys`, a `register_script` object called with \
            `keys=`, an ioredis `defineCommand` with `numberOfKeys`, a node-redis `defineScript`) that disagrees \
            with the script: the script reads `KEYS[3]` but the call passes two keys; it reads `ARGV[2]` but only \
            one argument follows the keys; `numkeys` is larger than the number of arguments given; or keys are \
            passed that the script never reads (it uses neither their index, nor `#KEYS`, nor `KEYS[i]`).
            """,
        whyItIsAProblem: """
            `KEYS[n]` beyond the keys passed is `nil`: `redis.call` then fails with `Lua redis lib command \
            arguments must be strings or integers`, or worse, a concatenation silently builds a wrong key. A \
            `numkeys` larger than the arguments is rejected outright (`Number of keys can't be greater than number \
            of args`). A key passed but not used is usually a key the script builds by itself instead, invisible \
            to Cluster routing and ACLs, or a leftover that hides which script version the caller expects.
            """,
        useInstead: """
            Keep the call and the script in step: pass exactly the keys the script reads, in order, and the \
            arguments after them; define `numberOfKeys` next to the script it belongs to.
            """,
        examples: [
            // Scripts embedded in host code: EVAL, register_script, defineCommand…
            .triggering(.ruby, ##"""
                redis = Redis.new
                ↓redis.eval("redis.call('DECRBY', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[1])", keys: ["acct:1"], argv: [5])
                """##),
            .clean(.ruby, ##"""
                redis = Redis.new
                redis.eval("redis.call('DECRBY', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[1])", keys: ["acct:1", "acct:2"], argv: [5])
                """##),
            .triggering(.python, ##"""
                import redis
                r = redis.Redis()
                ↓r.eval("return redis.call('MGET', KEYS[1], KEYS[2])", 1, "a")
                """##),
            .clean(.python, ##"""
                import redis
                r = redis.Redis()
                r.eval("return redis.call('MGET', KEYS[1], KEYS[2])", 2, "a", "b")
                """##),
            .triggering(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("transfer", {
                  numberOfKeys: 2,
                  lua: "redis.call('DECRBY', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[1])",
                });
                await ↓redis.transfer("acct:1", 5);
                """##),
            .clean(.javascript, ##"""
                import Redis from "ioredis";
                const redis = new Redis();
                redis.defineCommand("transfer", {
                  numberOfKeys: 2,
                  lua: "redis.call('DECRBY', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[1])",
                });
                await redis.transfer("acct:1", "acct:2", 5);
                async function pay(from, to) {
                  // A local function of the command's name, called bare, is not the command.
                  const transfer = async () => redis.transfer(from, to, 5);
                  await transfer();
                }
                """##),
            .triggering(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    _ = try await ↓connection.send(command: "EVAL", with: [.init(from: "return redis.call('GET', KEYS[2])"), .init(from: 1), .init(from: "a")]).get()
                }
                """##),
            .clean(.swift, ##"""
                import RediStack
                func run(connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "EVAL", with: [.init(from: "return redis.call('GET', KEYS[2])"), .init(from: 2), .init(from: "a"), .init(from: "b")]).get()
                }
                """##),
        ],
        tags: ["lua", "correctness"],
        reads: .scripts
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        context.forEachScript { script in
            guard script.compiles && !script.isFunctionLibrary else { return }
            for site in script.callSites {
                for problem in Self.problems(site, script.script.keysUsage) {
                    findings.append(context.finding(
                        description, span: site.span, message: problem.message, severity: problem.severity,
                        hint: "pass exactly the keys the script reads, in order, then its arguments",
                        related: [context.related(script.span, "the script")]))
                }
            }
        }
        return findings
    }

    struct Problem: Equatable {
        var message: String
        var severity: Severity
    }

    /// What is wrong between one call site and the script's use of KEYS and ARGV.
    static func problems(_ site: ScriptCallSite, _ usage: LuaKeysUsage) -> [Problem] {
        var problems: [Problem] = []
        guard let keyCount = site.numberOfKeys else { return problems }
        if let argumentCount = site.argumentCount, site.keys.count + argumentCount < keyCount {
            problems.append(Problem(
                message: "numkeys is \(keyCount) but only \(site.keys.count + argumentCount) arguments follow: Redis rejects the call (Number of keys can't be greater than number of args)",
                severity: .error))
            return problems
        }
        if let highest = usage.highestKeyIndex, highest > keyCount {
            problems.append(Problem(
                message: "the script reads KEYS[\(highest)] but the call passes \(count(keyCount, "key")): KEYS[\(highest)] is nil",
                severity: .error))
        }
        if let argumentCount = site.argumentCount, let highest = usage.highestArgumentIndex, highest > argumentCount {
            problems.append(Problem(
                message: "the script reads ARGV[\(highest)] but the call passes \(count(argumentCount, "argument")): ARGV[\(highest)] is nil",
                severity: .error))
        }
        let readsAllKeys = usage.usesKeyCount || usage.usesDynamicKeyIndex || usage.usesKeysAsWhole
        let highestRead = usage.highestKeyIndex ?? 0
        if !readsAllKeys, keyCount > highestRead {
            let unused = highestRead + 1 == keyCount ? "KEYS[\(keyCount)]" : "KEYS[\(highestRead + 1)]…KEYS[\(keyCount)]"
            problems.append(Problem(
                message: "the call passes \(count(keyCount, "key")) but the script never reads \(unused)",
                severity: .warning))
        }
        return problems
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
