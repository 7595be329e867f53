import RedisLint

/// RL401: a list consumer that pops jobs (BRPOP/BLPOP, or RPOP/LPOP in a loop or job) with no
/// processing list, so a crash between pop and done loses the job.
public struct UnreliableQueue: Rule {
    public init() {}

    static let blockingPops: Set<String> = ["BRPOP", "BLPOP", "BLMPOP"]
    static let pops: Set<String> = ["RPOP", "LPOP", "LMPOP"]
    /// Both, for the loop over every op.
    static let popIDs = CommandSet(blockingPops.union(pops))
    /// Reliable-queue moves: a project that uses them on the same list has a processing list.
    static let moves: Set<String> = ["LMOVE", "BLMOVE", "RPOPLPUSH", "BRPOPLPUSH"]

    public let description = RuleDescription(
        id: "RL401",
        name: "unreliable-queue",
        severity: .warning,
        summary: "Jobs popped from a list are lost if the consumer dies before finishing them",
        languages: [.ruby, .python, .javascript, .swift],
        whatItFinds: """
            Consumers that take work off a Redis list with `BRPOP`/`BLPOP`/`BLMPOP`, or with `RPOP`/`LPOP` \
            inside a loop or a background job, where the popped value is kept (assigned or used) — a queue \
            consumer. The pop removes the job from Redis before it is processed. A blocking pop of a wake-up \
            list is a wait, not a job, and is not reported: a list whose every push in the file pushes a constant \
            and which the file expires (`LPUSH done:<id> 1`, `EXPIRE done:<id> 60`), or a variable whose name ends \
            with `signal`. Nor are the pops of a function that empties a queue, named so (`remove…`, `delete…`, \
            `clear…`, `purge…`, `reset…`, `cleanup…`, with no word such as `process` or `handle`).
            """,
        whyItIsAProblem: """
            Between the pop and the end of processing the job exists only in the consumer's memory. A crash, \
            a deploy that kills the worker, an OOM kill or a timeout in the middle loses it for good, with no \
            trace in Redis: nothing can retry it and nobody can tell it is gone. The articles this rule comes \
            from call this out as the limit of list queues.
            """,
        useInstead: """
            Move the job atomically to a per-worker processing list with `BLMOVE pending processing:<worker> \
            RIGHT LEFT timeout` (`LMOVE` for non-blocking), remove it with `LREM processing:<worker> 1 job` once \
            done, and run a reaper that moves jobs of dead workers back to `pending`. Or use Streams with a \
            consumer group (`XREADGROUP` + `XACK` + `XAUTOCLAIM`), or a job library that does this for you.
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                loop do
                  _queue, payload = redis.↓brpop("jobs", timeout: 5)
                  perform(payload) if payload
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                loop do
                  payload = redis.blmove("jobs", "jobs:processing:1", "RIGHT", "LEFT", timeout: 5)
                  next unless payload
                  perform(payload)
                  redis.lrem("jobs:processing:1", 1, payload)
                end
                """),
            .triggering(.python, """
                import json
                import redis
                cache = redis.Redis()
                while True:
                    job_data = cache.↓brpop("job_queue", timeout=5)
                    if job_data:
                        process_job(json.loads(job_data[1]))
                """),
            .clean(.python, """
                import json
                import redis
                cache = redis.Redis()
                while True:
                    job_data = cache.blmove("job_queue", "job_queue:processing", 5, "RIGHT", "LEFT")
                    if job_data:
                        process_job(json.loads(job_data))
                        cache.lrem("job_queue:processing", 1, job_data)

                def notify(task_id):
                    with cache.pipeline() as pipe:
                        pipe.lpush("done:" + task_id, 1)
                        pipe.expire("done:" + task_id, 60)
                        pipe.execute()

                def wait(task_id):
                    return cache.blpop("done:" + task_id, timeout=30) is not None
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function work() {
                  for (;;) {
                    const job = await redis.↓lpop("emails");
                    if (job) await send(JSON.parse(job));
                  }
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function work() {
                  for (;;) {
                    const job = await redis.lmove("emails", "emails:processing", "LEFT", "RIGHT");
                    if (job) { await send(JSON.parse(job)); await redis.lrem("emails:processing", 1, job); }
                  }
                }
                export async function trim() {
                  await redis.rpop("recent:visits");
                }
                """),
            .triggering(.swift, """
                import RediStack
                func work(connection: RedisConnection) async throws {
                    while true {
                        let job = try await connection.↓brpop(from: "jobs", timeout: .seconds(5)).get()
                        handle(job)
                    }
                }
                """),
            .clean(.swift, """
                import RediStack
                func work(connection: RedisConnection) async throws {
                    while true {
                        let job = try await connection.send(command: "BLMOVE", with: ["jobs", "jobs:processing", "RIGHT", "LEFT", "5"].map { RESPValue(from: $0) }).get()
                        handle(job)
                    }
                }
                """),
        ],
        tags: ["lifecycle", "queues"],
        reads: .traces
    )

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        lazy var constantPushes = Self.constantPushes(traces)  // made at the file's first blocking pop, if any
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            // The trace's facts, made at its first pop, if any (asked of every op for every pop, a generated function
            // of 3,000 pops cost 8.9G instructions).
            lazy var recovers = traces[position].ops.contains { Self.moves.contains($0.command) || $0.command == "LREM" }
            lazy var forwarded = Self.forwardedNames(traces[position].ops)
            for opIndex in traces[position].ops.indices where Self.popIDs.contains(commandIDs.id(trace: position, op: opIndex), traces[position].ops[opIndex].command)
                && traces[position].ops[opIndex].confidence >= .medium && traces[position].ops[opIndex].context == .plain && traces[position].ops[opIndex].viaHelper == nil {
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                let blocking = Self.blockingPops.contains(op.command)
                let polling = Self.pops.contains(op.command) && (op.loopDepth > 0 || traces[position].kind == .job)
                guard blocking || polling, op.assignedTo != nil || blocking else { continue }
                // The same function pushes the value back or moves it: it has its own recovery.
                if recovers { continue }
                // Popping to push the value on elsewhere is a transfer (compaction, re-queue), not a consumer.
                if let name = op.assignedTo, forwarded.contains(name) { continue }
                if blocking, let key = op.keys.first, Self.isWakeUpList(key, constantPushes: constantPushes) { continue }
                // A function that empties a queue (swift-jobs' `removeSet` pops job ids to delete them): its pops are the
                // point. (Not `flush`: a function that flushes buffered events to a database is a consumer.)
                if Self.purges(traces[position].name) { continue }
                let list = op.keys.map { " " + $0.display }.joined()
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)\(list)` removes the job before it is processed; a crash in between loses it",
                    hint: "move it to a processing list with BLMOVE/LMOVE and LREM it when done (with a reaper for dead workers), or use Streams with XACK",
                    key: op.keys.first))
            }
        }
        return findings
    }

    static let pushes: Set<String> = ["LPUSH", "RPUSH", "LPUSHX", "RPUSHX"]

    /// The function's name starts with a verb that empties (`removeSet`, `purge_queue`) and no word of it says it also
    /// works the jobs (`reset_counters_and_process`). (Asked as the lock rules ask `RaceFacts.insertsRecord`.)
    static func purges(_ functionName: String) -> Bool {
        purgeWords.containsLeadingWord(ofFunction: functionName) && !consumerWords.containsWord(of: functionName)
    }

    static let purgeWords = WordList(["remove", "delete", "clear", "purge", "reset", "cleanup"])
    static let consumerWords = WordList(["process", "handle", "consume", "perform", "run", "work", "execute", "dispatch", "deliver", "send"])

    /// The names whose values the trace pushes on to another collection (`LPUSH`, `RPUSH`, `ZADD`, `SADD`).
    static func forwardedNames(_ ops: [RedisOp]) -> Set<String> {
        var names: Set<String> = []
        for op in ops where forwards.contains(op.command) { names.formUnion(op.argumentNames) }
        return names
    }

    static let forwards: Set<String> = ["LPUSH", "RPUSH", "ZADD", "SADD"]

    /// A list that wakes a waiter rather than carrying jobs: a variable named for a signal (python-redis-lock's
    /// `self._signal`, its `lock-signal:<name>`; `namedSignal`), or the file pushes it, every push is of constants only and
    /// the file expires it (huey's result notification: `LPUSH huey.notify.<id> 1`, `EXPIRE` it; `constantPushes`). A
    /// job queue's pushes carry the job, a value computed at run time, and a queue is not expired (a worker's file
    /// that pushes only a constant stop marker onto its queue does not expire the queue).
    static func isWakeUpList(_ key: KeyExpr, constantPushes: [KeyExpr: Bool]) -> Bool {
        namedSignal(key) || constantPushes[key] == true
    }

    /// The key is a variable whose name ends with the word `signal` (`self._signal`; not `queue:signal-processing`, a
    /// queue of signal work, nor `signal_queue`).
    static func namedSignal(_ key: KeyExpr) -> Bool {
        guard key.parts.count == 1, case .hole(let name) = key.parts[0] else { return false }
        var last: String?
        var text = name
        text.withUTF8 { bytes in
            WordList.forEachWord(in: bytes) { range in
                last = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased()
                return false
            }
        }
        return last == "signal"
    }

    /// Each key the file's traces push onto a list and expire, and whether every such push is of constants only. Made
    /// once per file (asked of every op for every pop, a generated file of 3,000 pops and pushes was quadratic).
    static func constantPushes(_ traces: [Trace]) -> [KeyExpr: Bool] {
        var pushed: [KeyExpr: Bool] = [:]
        var expired: Set<KeyExpr> = []
        for trace in traces {
            for op in trace.ops {
                guard let key = op.keys.first else { continue }
                if expires.contains(op.command) { expired.insert(key) }
                guard pushes.contains(op.command) else { continue }
                let constant = op.argumentNames.isEmpty && op.arguments.allSatisfy {
                    if case .dynamic = $0 { return false }
                    return true
                }
                pushed[key] = (pushed[key] ?? true) && constant
            }
        }
        return pushed.filter { expired.contains($0.key) }
    }

    static let expires: Set<String> = ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"]
}
