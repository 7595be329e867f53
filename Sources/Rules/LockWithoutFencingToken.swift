import RedisLint

/// RL304 (opt-in note): a lock with a TTL guards work, and no fencing counter is issued with it.
public struct LockWithoutFencingToken: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL304",
        name: "lock-without-fencing-token",
        severity: .note,
        summary: "A lock with a TTL guards work but no fencing token (an INCR'd counter) is issued with it",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            A function that takes an expiring lock (`SET key token NX PX ttl`) and runs code depending on it, \
            without also taking an ever-increasing fencing number (`INCR fence:…`) it could pass to the resource \
            it protects. Off by default: the linter cannot see whether the protected resource is outside Redis or \
            whether a fencing token is passed in some other way, so it only points at places worth a look. Test files and test functions are skipped.
            """,
        whyItIsAProblem: """
            An expiring lock is only a hint when the protected work touches another system: a holder paused past \
            the TTL (GC, swap, a slow network) wakes up and writes after a new holder has taken the lock, and the \
            database accepts the late write. Martin Kleppmann's analysis of Redlock describes the failure.
            """,
        useInstead: """
            Take a fencing token with the lock (`INCR fence:name`) in the same script or transaction, pass it with \
            every write to the protected resource, and have that resource reject tokens lower than the highest it \
            has seen. If the resource cannot check tokens, treat the lock as an efficiency optimisation only.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                def sync(redis, account, token)
                  if redis.↓set("lock:sync:#{account}", token, nx: true, px: 30_000)
                    Ledger.write(account)
                  end
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                def sync(redis, account, token)
                  if redis.set("lock:sync:#{account}", token, nx: true, px: 30_000)
                    fence = redis.incr("fence:sync:#{account}")
                    Ledger.write(account, fence: fence)
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def sync(account, token):
                    if r.↓set(f"lock:sync:{account}", token, nx=True, px=30000):
                        ledger.write(account)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def sync(account, token):
                    if r.set(f"lock:sync:{account}", token, nx=True, px=30000):
                        fence = r.incr(f"fence:sync:{account}")
                        ledger.write(account, fence)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function sync(account: string, token: string) {
                  const ok = await redis.↓set(`lock:sync:${account}`, token, "PX", 30000, "NX");
                  if (ok) {
                    await ledger.write(account);
                  }
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                async function sync(account: string, token: string) {
                  const ok = await redis.set(`lock:sync:${account}`, token, "PX", 30000, "NX");
                  if (ok) {
                    const fence = await redis.incr(`fence:sync:${account}`);
                    await ledger.write(account, fence);
                  }
                }
                """),
            .triggering(.swift, """
                import RediStack
                func sync(connection: RedisConnection, account: String, token: String) async throws {
                    let ok = try await connection.↓set(RedisKey("lock:sync:\\(account)"), to: token, onCondition: .keyDoesNotExist, expiration: .seconds(30)).get()
                    if ok == .ok {
                        try await ledger.write(account)
                    }
                }
                """),
            .clean(.swift, """
                import RediStack
                func sync(connection: RedisConnection, account: String, token: String) async throws {
                    let ok = try await connection.set(RedisKey("lock:sync:\\(account)"), to: token, onCondition: .keyDoesNotExist, expiration: .seconds(30)).get()
                    if ok == .ok {
                        let fence = try await connection.increment(RedisKey("fence:sync:\\(account)")).get()
                        try await ledger.write(account, fence: fence)
                    }
                }
                """),
        ],
        tags: ["lock"],
        enabledByDefault: false,
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // By command number: the names, in the ops' shapes, are read only for the ops these can be.
        let commandIDs = FileCommandIDs.of(context), fileTraces = RaceFacts.traceIndices(context)
        let raceTraces = RaceFacts.traces(context)
        // Each trace read in place through its index: binding one (`for (position, trace) in …enumerated()`) copied
        // it (its lists retained and released).
        for position in raceTraces.indices {
            let fileTrace = fileTraces[position]
            // A fencing counter anywhere in the function counts: the linter cannot follow it further.
            if raceTraces[position].ops.indices.contains(where: { RaceFacts.counterIDs.contains(commandIDs.id(trace: fileTrace, op: $0), raceTraces[position].ops[$0].command) }) { continue }
            commandIDs.forEachReportedOp(raceTraces, position, fileTrace: fileTrace, sending: CommandSet.set) { opIndex in
                guard RaceFacts.hasOption(raceTraces[position].ops[opIndex], "NX") else { return }
                let op = raceTraces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard let key = op.keys.first, RaceFacts.hasExpiryOption(op),
                      RaceFacts.lockNamed(key) else { return }
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "lock `\(key.display)` expires after its TTL but no fencing token is taken with it: a paused holder can still write after another process took the lock",
                    hint: "take `INCR fence:…` with the lock and have the protected resource reject stale tokens",
                    key: key))
            }
        }
        return findings
    }
}
