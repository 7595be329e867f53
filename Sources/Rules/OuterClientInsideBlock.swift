import RedisLint

/// RL504: redis-rb commands sent on the outer client inside a `multi`/`pipelined` block instead of
/// the block's argument.
public struct OuterClientInsideBlock: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL504",
        name: "outer-client-inside-block",
        severity: .error,
        summary: "A command meant for a transaction or pipeline is sent on the outer client, outside it",
        languages: [.ruby, .python, .javascript],
        whatItFinds: """
            Inside `redis.multi do … end` or `redis.pipelined do … end`, a command called on the client the \
            block was opened on (or another shared client: `@redis`, `$redis`, a constant) instead of the object \
            the block yields (`|tx|`, `|pipeline|`). The same mistake with ioredis, node-redis and redis-py \
            pipeline objects (`const m = redis.multi()`, `with r.pipeline() as pipe:`): a write sent on a client \
            between two commands queued on the object, in the same block, is reported as a warning (reads whose \
            reply the code keeps are left alone: reading first is often deliberate). Test files are skipped.
            """,
        whyItIsAProblem: """
            Up to redis-rb 4.x such commands were silently queued into the transaction (deprecated in 4.6). \
            Since redis-rb 5.0 they are sent at once, outside the transaction or pipeline: the `SET` and the \
            `EXPIRE` that were meant to be atomic are two separate round trips again, a crash between them \
            leaves a key without TTL, and `multi` returns replies that do not include them. Nothing fails, so \
            the upgrade goes unnoticed.
            """,
        useInstead: """
            Take the block argument and send every command on it: \
            `redis.multi do |tx| tx.set(key, 1); tx.expire(key, 60) end` (and `|pipeline|` for `pipelined`). \
            With pipeline objects, queue the command on the object: `m.incr(key)`, `pipe.incr(key)`.
            """,
        examples: [
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function checkout(cart: string, user: string) {
                  const m = redis.multi();
                  m.del(`cart:${cart}`);
                  await redis.↓incr(`orders:${user}`);
                  m.sadd("checkouts", cart);
                  await m.exec();
                }
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                export async function checkout(cart: string, user: string) {
                  const m = redis.multi();
                  m.del(`cart:${cart}`);
                  m.incr(`orders:${user}`);
                  const owner = await redis.get(`owner:${cart}`);
                  m.sadd("checkouts", cart);
                  await m.exec();
                }
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def checkout(cart, user):
                    with r.pipeline() as pipe:
                        pipe.delete(f"cart:{cart}")
                        r.↓incr(f"orders:{user}")
                        pipe.sadd("checkouts", cart)
                        pipe.execute()
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def checkout(cart, user):
                    with r.pipeline() as pipe:
                        pipe.delete(f"cart:{cart}")
                        pipe.incr(f"orders:{user}")
                        pipe.sadd("checkouts", cart)
                        pipe.execute()
                    r.incr("checkouts:total")
                """),
            .triggering(.ruby, """
                $redis = Redis.new
                def throttle(key, seconds)
                  $redis.multi do
                    $redis.↓set key, 1
                    $redis.↓expire key, seconds
                  end
                end
                """),
            .clean(.ruby, """
                $redis = Redis.new
                def throttle(key, seconds)
                  $redis.multi do |tx|
                    tx.set key, 1
                    tx.expire key, seconds
                  end
                end
                def increment(key)
                  pipelined do |redis|
                    redis.incrby(key, 1)
                    redis.expire(key, 60)
                  end
                end
                """),
            .triggering(.ruby, """
                class Counter
                  def bump(id)
                    @redis.pipelined do |pipeline|
                      pipeline.incr("hits:#{id}")
                      @redis.↓expire("hits:#{id}", 60)
                    end
                  end
                end
                """),
            .clean(.ruby, """
                class Counter
                  def bump(id)
                    Sidekiq.redis do |conn|
                      conn.pipelined do |pipeline|
                        pipeline.incr("hits:#{id}")
                        pipeline.expire("hits:#{id}", 60)
                      end
                      conn.get("hits:#{id}")
                    end
                  end
                end
                """),
        ],
        tags: ["client", "transactions"],
        reads: .traces
    )

    /// Instance variables, globals and constants are shared clients, never block arguments.
    static func isSharedName(_ receiver: String) -> Bool {
        guard let first = receiver.unicodeScalars.first else { return false }
        return first == "@" || first == "$" || ("A"..."Z").contains(first)
    }

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces are read (by both forms): a file without any (most) costs no per-file fact.
        if context.file.traces.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        switch context.file.source.language {
        case .ruby: return rubyBlocks(context)
        case .python, .javascript: return pipelineObjects(context)
        default: return []
        }
    }

    /// redis-rb: the block runs on the outer client.
    func rubyBlocks(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let traces = context.file.traces
        // Each trace read in place through its index: `for trace in …traces` copied every trace (its lists
        // retained and released).
        for traceIndex in traces.indices {
            // Made when a queued op of a long trace asks, from the ops read in place (filtering the ops copied each
            // of them). (An optional, not a `lazy var`, which costs a box and a closure per trace.) A short trace's
            // plain ops are searched instead: a set of their receivers cost ~700 instructions per trace asked.
            var plainReceivers: Set<String>?
            for opIndex in traces[traceIndex].ops.indices where (traces[traceIndex].ops[opIndex].context == .transaction || traces[traceIndex].ops[opIndex].context == .pipeline) && traces[traceIndex].ops[opIndex].viaHelper == nil && traces[traceIndex].ops[opIndex].confidence >= .medium {
                let op = traces[traceIndex].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                guard !Self.transactionControlIDs.contains(op.commandID, op.command) else { continue }
                // The block's own argument is a local name used only inside the block.
                // A local name could be the block argument shadowing the client (`pipelined do |redis|`),
                // so locals count only when the same function also uses them outside the block.
                if !Self.isSharedName(op.receiver) {
                    if traces[traceIndex].ops.count <= TraceKeyIndex.directSearchLimit {
                        guard traces[traceIndex].ops.indices.contains(where: {
                            traces[traceIndex].ops[$0].context == .plain && traces[traceIndex].ops[$0].receiver == op.receiver
                        }) else { continue }
                    } else {
                        if plainReceivers == nil {
                            var receivers: Set<String> = []
                            for index in traces[traceIndex].ops.indices where traces[traceIndex].ops[index].context == .plain {
                                receivers.insert(traces[traceIndex].ops[index].receiver)
                            }
                            plainReceivers = receivers
                        }
                        guard plainReceivers!.contains(op.receiver) else { continue }
                    }
                }
                let block = op.context == .transaction ? "multi" : "pipelined"
                findings.append(context.finding(
                    description, span: op.nameSpan,
                    message: "`\(op.command)` is sent on `\(op.receiver)` inside a `\(block)` block: since redis-rb 5.0 it runs at once, outside the \(op.context == .transaction ? "transaction" : "pipeline")",
                    hint: "take the block argument (`do |\(op.context == .transaction ? "tx" : "pipeline")|`) and call the command on it",
                    key: op.keys.first))
            }
        }
        return findings
    }

    /// The commands that open, close or guard a transaction, by command number (as `AwaitInsideTransaction`
    /// asks its own).
    static let transactionControlIDs = CommandSet(["MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH"])

    /// ioredis, node-redis, redis-py: a write sent on a client while a pipeline or transaction object of the
    /// same function is being filled — between two commands queued on it, in the same block — runs at once,
    /// outside it. Reads whose reply the code keeps are left alone (reading first is often deliberate).
    func pipelineObjects(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let traces = context.file.traces
        // Each trace read in place through its index: `for trace in …traces` copied every trace (its lists
        // retained and released).
        for traceIndex in traces.indices {
            // The queued ops of each pipeline object: a plain local name (`m`, `pipe`, `self.pipe`), not a chain.
            var queued = QueuedOps()
            // By index: `enumerated()` copied every op of every trace.
            for index in traces[traceIndex].ops.indices where (traces[traceIndex].ops[index].context == .transaction || traces[traceIndex].ops[index].context == .pipeline)
                && traces[traceIndex].ops[index].viaHelper == nil && traces[traceIndex].ops[index].confidence >= .medium && Self.isObjectName(traces[traceIndex].ops[index].receiver) {
                queued.add(index, on: traces[traceIndex].ops[index].receiver)
            }
            if queued.names.isEmpty { continue }  // most traces queue nothing: nothing to sort
            for slot in queued.names.indices.sorted(by: { queued.names[$0] < queued.names[$1] }) where queued.lists[slot].count >= 2 {
                let pipeline = queued.names[slot], indices = queued.lists[slot]
                for (before, after) in zip(indices, indices.dropFirst()) where after > before + 1 {
                    let first = traces[traceIndex].ops[before], next = traces[traceIndex].ops[after]
                    guard first.loopDepth == next.loopDepth, first.conditions == next.conditions else { continue }
                    for index in (before + 1)..<after {
                        let op = traces[traceIndex].ops[index]
                        guard op.context == .plain, op.confidence >= .medium, op.viaHelper == nil, op.receiver != pipeline,
                              Self.isObjectName(op.receiver), op.loopDepth == first.loopDepth, op.conditions == first.conditions,
                              op.assignedTo == nil, CommandTable.command(named: op.command)?.isWrite == true else { continue }
                        let kind = first.context == .transaction ? "transaction" : "pipeline"
                        let firstLine = context.line(of: first.nameSpan.lowerBound), nextLine = context.line(of: next.nameSpan.lowerBound)
                        findings.append(context.finding(
                            description, span: op.nameSpan,
                            message: "`\(RaceFacts.label(op))` is sent on `\(op.receiver)` while \(kind) `\(pipeline)` is being filled (`\(first.command)` line \(firstLine), `\(next.command)` line \(nextLine)): it runs at once, outside the \(kind)",
                            severity: .warning,
                            hint: "queue it on `\(pipeline)` like the commands around it",
                            related: [context.related(first.nameSpan, "queued on `\(pipeline)`"), context.related(next.nameSpan, "queued on `\(pipeline)`")],
                            key: op.keys.first))
                    }
                }
            }
        }
        return findings
    }

    /// A trace's queued ops by pipeline object, in the order the names first appear. A trace queues on one
    /// object or two: the names are compared one by one (a table by name was made, grown and hashed for every
    /// trace that queues anything), and kept in a table only past a dozen.
    struct QueuedOps {
        private(set) var names: [String] = []
        private(set) var lists: [[Int]] = []
        private var slots: [String: Int]?

        mutating func add(_ index: Int, on name: String) {
            let slot: Int?
            if let slots { slot = slots[name] } else { slot = names.firstIndex(of: name) }
            if let slot {
                lists[slot].append(index)
                return
            }
            names.append(name)
            lists.append([index])
            if slots != nil {
                slots![name] = names.count - 1
            } else if names.count > 12 {
                slots = Dictionary(uniqueKeysWithValues: zip(names, names.indices))
            }
        }
    }

    /// `m`, `pipe`, `self.pipe`, `this.tx`: a name, not a call chain or subscript.
    static func isObjectName(_ receiver: String) -> Bool {
        !receiver.isEmpty && receiver.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95 || byte == 46 || byte == 36
        }
    }
}
