import RedisLint

/// RL505: reading the reply of a command queued in MULTI or a pipeline before EXEC.
public struct AwaitInsideTransaction: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL505",
        name: "await-inside-transaction",
        severity: .error,
        summary: "The reply of a command queued in MULTI or a pipeline is read before EXEC",
        languages: [.python, .javascript],
        whatItFinds: """
            A command queued on a transaction or pipeline object whose reply is used before the batch is \
            executed: `const v = await tx.get(k)` on an ioredis or node-redis `multi()`/`pipeline()`, \
            `v = pipe.get(k)` or `if pipe.get(k) == …` on a redis-py pipeline. redis-py pipelines that `WATCH` \
            (where commands run immediately until `multi()`) are not reported. Ruby is not covered: a redis-rb \
            future read after the block is correct.
            """,
        whyItIsAProblem: """
            Queued commands have no reply until `EXEC`/`execute()`. In ioredis and node-redis the promise of a \
            queued command settles only when the batch runs, so awaiting it before `exec()` never returns: the \
            request hangs. In redis-py the call returns the pipeline object itself, so the code compares or \
            stores a `Pipeline` instead of the value, and the condition it guards is always wrong.
            """,
        useInstead: """
            Read what you need before the transaction (with `WATCH` if the decision must be atomic), or queue \
            everything and read the replies from the result of `exec()`/`execute()`; for read-decide-write use \
            a Lua script.
            """,
        examples: [
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def move(src, dst):
                    with r.pipeline() as pipe:
                        value = pipe.↓get(src)
                        pipe.set(dst, value)
                        pipe.execute()
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def move(src, dst):
                    with r.pipeline() as pipe:
                        pipe.watch(src)
                        value = pipe.get(src)
                        pipe.multi()
                        pipe.set(dst, value)
                        pipe.execute()
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function move(src: string, dst: string) {
                  const tx = redis.multi();
                  const value = await tx.↓get(src);
                  tx.set(dst, value);
                  await tx.exec();
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function move(src: string, dst: string) {
                  const value = await redis.get(src);
                  const tx = redis.multi();
                  tx.set(dst, value);
                  const replies = await tx.exec();
                }
                """),
        ],
        tags: ["client", "transactions"],
        reads: .traces
    )

    /// `EXEC`, `MULTI` and `WATCH`: the transaction's own commands, never awaited for a reply.
    static let transactionControlIDs = CommandSet(["EXEC", "MULTI", "WATCH"])

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read: a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var findings: [Finding] = []
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for traceIndex in traces.indices {
            // Built for a trace's first queued op (most traces have none): building them for every trace, with
            // a copy of every op to find the WATCHes, was most of the rule's time. (Optionals, not `lazy var`s,
            // which cost a box and a closure per trace.)
            var inCondition: Set<Int>?
            // Receivers that WATCH: their commands run immediately until `multi()`.
            var watching: Set<String>?
            for index in traces[traceIndex].ops.indices where traces[traceIndex].ops[index].context == .transaction || traces[traceIndex].ops[index].context == .pipeline {
                let op = traces[traceIndex].ops[index]  // bound only when wanted: `for op in trace.ops` copied every op
                guard op.confidence >= .medium, op.viaHelper == nil else { continue }
                // By command number (each op's name was read and compared as a string).
                // In a loop: the lazy filter and map that made it each copied the file's trace list into their closures.
                if watching == nil {
                    var receivers: Set<String> = []
                    for other in traces[traceIndex].ops.indices
                    where ClusterSupport.watchID.contains(traces[traceIndex].ops[other].commandID, traces[traceIndex].ops[other].command) {
                        receivers.insert(traces[traceIndex].ops[other].receiver)
                    }
                    watching = receivers
                }
                let watched = watching!
                guard !watched.contains(op.receiver) else { continue }
                guard !Self.transactionControlIDs.contains(op.commandID, op.command) else { continue }
                // A chain (`redis.multi().get(k).exec()`) reads the replies from exec. `(` searched bytewise, in
                // the string's own storage when it has one (the UTF-8 view's iterator cost ~280 instructions an op).
                let receiver = op.receiver
                if receiver.utf8.withContiguousStorageIfAvailable({ $0.contains(0x28) }) ?? receiver.utf8.contains(0x28) { continue }
                if op.assignedTo == nil {
                    let conditioned = inCondition ?? Set(traces[traceIndex].conditions.flatMap(\.ops))
                    inCondition = conditioned
                    guard conditioned.contains(index) else { continue }
                }
                let key = op.keys.first.map { " " + $0.display } ?? ""
                let what = context.file.source.language == .python
                    ? "returns the pipeline, not the reply: the value is only known after `execute()`"
                    : "is queued: its promise settles only when `exec()` runs, so awaiting it here never returns"
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)\(key)` on `\(op.receiver)` \(what)",
                    hint: "read the value before the transaction (WATCH it if needed) or from the result of exec()/execute()",
                    key: op.keys.first))
            }
        }
        return findings
    }
}
