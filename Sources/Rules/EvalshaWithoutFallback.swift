import RedisLint

/// RL502: EVALSHA with no EVAL or SCRIPT LOAD in the same flow to recover from NOSCRIPT.
public struct EvalshaWithoutFallback: Rule {
    public init() {}

    static let shaCommands: Set<String> = ["EVALSHA", "EVALSHA_RO"]
    static let shaCommandIDs = CommandSet(shaCommands)
    /// The commands of a fallback: EVAL itself, or SCRIPT (with LOAD).
    static let evalIDs = CommandSet(["EVAL", "EVAL_RO"])
    static let scriptIDs = CommandSet(["SCRIPT"])

    public let description = RuleDescription(
        id: "RL502",
        name: "evalsha-without-fallback",
        severity: .warning,
        summary: "EVALSHA without an EVAL or SCRIPT LOAD fallback fails with NOSCRIPT after a restart or failover",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            `EVALSHA` (or `EVALSHA_RO`) in a function that neither sends `EVAL` nor `SCRIPT LOAD` (itself or \
            through a helper of the same file it calls) and whose code (not its comments) never names `NOSCRIPT` (a \
            handler that reloads the script and retries names the error) — so nothing handles the `NOSCRIPT` error. Script \
            objects that handle it for you (`register_script` in redis-py, `defineCommand` in ioredis, \
            `defineScript` in node-redis, `Redis::Script`-style wrappers) are not reported.
            """,
        whyItIsAProblem: """
            The script cache is not persistent and not replicated as such: after a restart, a failover to a \
            replica, a `SCRIPT FLUSH`, or when a cluster routes the call to another node, `EVALSHA` fails with \
            `NOSCRIPT No matching script`. Code that loaded the script once at boot then fails on every call \
            until it is restarted itself.
            """,
        useInstead: """
            Catch the `NOSCRIPT` error and fall back to `EVAL` with the script source (which also caches it), \
            or `SCRIPT LOAD` and retry. Better, use the client's script object, which does exactly that: \
            `r.register_script(src)` (redis-py), `redis.defineCommand(name, { lua })` (ioredis), `defineScript` \
            (node-redis).
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                RELEASE_SHA = redis.script(:load, RELEASE)
                def release(key, token)
                  redis.↓evalsha(RELEASE_SHA, keys: [key], argv: [token])
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def release(key, token)
                  redis.evalsha(release_sha, keys: [key], argv: [token])
                rescue Redis::CommandError => e
                  raise unless e.message.start_with?("NOSCRIPT")
                  redis.eval(RELEASE, keys: [key], argv: [token])
                end
                def renew(key, token)
                  redis.evalsha(sha_for(:renew), keys: [key], argv: [token])
                rescue Redis::CommandError => e
                  raise unless e.message =~ /NOSCRIPT/
                  @shas.clear
                  retry
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def release(key, token):
                    return r.↓evalsha(RELEASE_SHA, 1, key, token)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                release_script = r.register_script(RELEASE)
                def release(key, token):
                    try:
                        return r.evalsha(RELEASE_SHA, 1, key, token)
                    except redis.exceptions.NoScriptError:
                        return r.eval(RELEASE, 1, key, token)
                def release2(key, token):
                    return release_script(keys=[key], args=[token])
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function release(key: string, token: string) {
                  return redis.↓evalsha(releaseSha, 1, key, token);
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function release(key: string, token: string) {
                  try {
                    return await redis.evalsha(releaseSha, 1, key, token);
                  } catch (err) {
                    if (!String(err).includes("NOSCRIPT")) throw err;
                    releaseSha = await redis.script("LOAD", RELEASE);
                    return redis.evalsha(releaseSha, 1, key, token);
                  }
                }
                """),
            .triggering(.swift, """
                import RediStack
                func release(_ key: String, connection: RedisConnection) async throws {
                    _ = try await connection.send(command: ↓"EVALSHA", with: [.init(from: releaseSHA), .init(from: 1), .init(from: key)]).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func release(_ key: String, connection: RedisConnection) async throws {
                    _ = try await connection.send(command: "EVAL", with: [.init(from: releaseScript), .init(from: 1), .init(from: key)]).get()
                }
                """),
        ],
        tags: ["scripts", "availability"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            // Looked for only in a trace that sends EVALSHA (most send none), by command number: comparing
            // every op's name with three others, in every trace, was most of the rule's time.
            lazy var fallback = traces[position].ops.indices.contains { index in
                let id = commandIDs.id(trace: position, op: index)
                return Self.evalIDs.contains(id, traces[position].ops[index].command)
                    || (Self.scriptIDs.contains(id, traces[position].ops[index].command) && traces[position].ops[index].subcommand == "LOAD")
            }
            // (Not the file's top level, whose span is the whole file: a mention in any function would count.)
            lazy var handlesNoScript = traces[position].kind != .topLevel
                && Self.namesNoScript(context.file.source.bytes, in: traces[position].span, comments: context.file.comments)
            for opIndex in traces[position].ops.indices where Self.shaCommandIDs.contains(commandIDs.id(trace: position, op: opIndex), traces[position].ops[opIndex].command) && traces[position].ops[opIndex].confidence >= .medium && traces[position].ops[opIndex].context != .lua && traces[position].ops[opIndex].viaHelper == nil {
                if fallback || handlesNoScript { break }
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)` in `\(traces[position].name)` has no EVAL or SCRIPT LOAD fallback: it fails with NOSCRIPT after a restart, failover or SCRIPT FLUSH",
                    hint: "catch NOSCRIPT and retry with EVAL (or SCRIPT LOAD), or use the client's script object (register_script, defineCommand, defineScript)",
                    key: op.keys.first))
            }
        }
        return findings
    }

    /// The function's text names the `NOSCRIPT` error in any case, outside comments (`rescue … =~ /NOSCRIPT/` then
    /// `retry`, `except NoScriptError`, `err.message.includes("NOSCRIPT")`): a handler that reloads the script through
    /// code the trace cannot follow (resque-scheduler's `send("#{script}_sha", refresh)`). A `# TODO: NOSCRIPT` says
    /// nothing is handled yet. Asked only of a function about to be reported.
    static func namesNoScript(_ bytes: [UInt8], in span: Range<Int>, comments: [Range<Int>] = []) -> Bool {
        let word = Array("noscript".utf8)
        let span = span.clamped(to: 0..<bytes.count)
        guard span.count >= word.count else { return false }
        return (span.lowerBound...(span.upperBound - word.count)).contains { start in
            word.indices.allSatisfy { bytes[start + $0] | 0x20 == word[$0] } && !inComment(start, comments)
        }
    }

    /// `offset` lies in one of `comments` (in source order, as the lexers give them; found by bisection).
    static func inComment(_ offset: Int, _ comments: [Range<Int>]) -> Bool {
        let after = comments.partitionPoint { $0.lowerBound > offset }
        return after > 0 && comments[after - 1].contains(offset)
    }
}
