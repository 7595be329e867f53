import RedisLint

/// RL402: XREADGROUP consumers whose messages are never acknowledged anywhere in the project.
public struct StreamWithoutAck: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "RL402",
        name: "stream-without-ack",
        severity: .warning,
        summary: "XREADGROUP reads messages that no code in the project ever acknowledges with XACK",
        languages: [.ruby, .python, .javascript, .swift, .lua],
        whatItFinds: """
            `XREADGROUP` without `NOACK` in a project where no file (host code or Lua) sends `XACK` for that \
            stream, or for any stream when the stream name is not known at lint time. The whole project is \
            searched, so an acknowledgement in another worker file counts.
            """,
        whyItIsAProblem: """
            Every message delivered to a consumer group stays in the group's pending entries list (PEL) until \
            it is acknowledged. Without `XACK` the PEL grows for ever (memory that `XTRIM` does not free), \
            `XPENDING`/`XAUTOCLAIM` report every message as stuck, and a recovering consumer that reads its \
            history (`ID 0`) processes everything again.
            """,
        useInstead: """
            Acknowledge each message after it has been processed: `XACK stream group id` (or `XACKDEL` where \
            available), and reclaim messages of dead consumers with `XAUTOCLAIM`. If the messages really need no \
            acknowledgement, say so with `NOACK` (`noack=True`, `noack: true`).
            """,
        examples: [
            .triggering(.ruby, """
                redis = Redis.new
                loop do
                  batch = redis.↓xreadgroup("mailers", "worker-1", "emails", ">", count: 10, block: 5000)
                  batch.each_value { |messages| messages.each { |id, fields| deliver(fields) } }
                end
                """),
            .clean(.ruby, """
                redis = Redis.new
                loop do
                  batch = redis.xreadgroup("mailers", "worker-1", "emails", ">", count: 10, block: 5000)
                  batch.each_value do |messages|
                    messages.each do |id, fields|
                      deliver(fields)
                      redis.xack("emails", "mailers", id)
                    end
                  end
                end
                """),
            .triggering(.python, """
                import redis
                r = redis.Redis()
                def consume():
                    while True:
                        for stream, messages in r.↓xreadgroup("email_workers", "w1", {"events": ">"}, count=10, block=5000):
                            for message_id, data in messages:
                                process_message(data)
                """),
            .clean(.python, """
                import redis
                r = redis.Redis()
                def consume():
                    while True:
                        for stream, messages in r.xreadgroup("email_workers", "w1", {"events": ">"}, count=10, block=5000):
                            for message_id, data in messages:
                                process_message(data)
                                r.xack("events", "email_workers", message_id)
                def tail():
                    return r.xreadgroup("audit", "w1", {"audit": ">"}, noack=True)
                """),
            .triggering(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const reply = await redis.↓xreadgroup("GROUP", "billing", "w1", "COUNT", 10, "STREAMS", "invoices", ">");
                """),
            .clean(.javascript, """
                import Redis from "ioredis";
                const redis = new Redis();
                const reply = await redis.xreadgroup("GROUP", "billing", "w1", "COUNT", 10, "STREAMS", "invoices", ">");
                for (const [id] of reply[0][1]) await redis.xack("invoices", "billing", id);
                """),
            .triggering(.swift, """
                import RediStack
                func consume(connection: RedisConnection) async throws {
                    let reply = try await connection.send(command: ↓"XREADGROUP", with: ["GROUP", "billing", "w1", "STREAMS", "invoices", ">"].map { RESPValue(from: $0) }).get()
                }
                """),
            .clean(.swift, """
                import RediStack
                func consume(connection: RedisConnection) async throws {
                    let reply = try await connection.send(command: "XREADGROUP", with: ["GROUP", "billing", "w1", "STREAMS", "invoices", ">"].map { RESPValue(from: $0) }).get()
                    _ = try await connection.send(command: "XACK", with: ["invoices", "billing", "0-1"].map { RESPValue(from: $0) }).get()
                }
                """),
            .triggering(.lua, """
                local batch = ↓redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 10, 'STREAMS', KEYS[1], '>')
                return batch
                """),
            .clean(.lua, """
                local batch = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 10, 'STREAMS', KEYS[1], '>')
                for _, entry in ipairs(batch[1][2]) do redis.call('XACK', KEYS[1], ARGV[1], entry[1]) end
                return batch
                """),
        ],
        tags: ["lifecycle", "streams"],
        reads: [.traces, .scripts]
    )

    /// What the project acknowledges: literal stream names, and whether any XACK's stream is unknown.
    struct Acknowledged {
        var streams: Set<KeyExpr> = []
        var any = false
        /// An XACK whose stream is not known at lint time (a variable, a Lua script): it may ack anything.
        var unknown = false
    }

    static func acknowledged(in project: ProjectModel) -> Acknowledged {
        var found = Acknowledged()
        for op in project.ops("XACK") + project.ops("XACKDEL") {
            found.any = true
            if let key = op.keys.first, key.isFullyLiteral { found.streams.insert(key) } else { found.unknown = true }
        }
        if !project.scripts(calling: "XACK").isEmpty || !project.scripts(calling: "XACKDEL").isEmpty {
            found.any = true
            found.unknown = true
        }
        return found
    }

    /// The stream read (the front-ends take every client's stream names as keys).
    static func stream(of op: RedisOp) -> KeyExpr? { op.keys.first }

    static let readGroupID = CommandSet(["XREADGROUP"])

    public func check(_ context: RuleContext) -> [Finding] {
        // Only the file's traces and scripts are read: a file without either (most) costs no per-file fact.
        if context.file.traces.isEmpty && context.file.scripts.isEmpty { return [] }
        if TestPaths.contains(context) { return [] }
        var reads: [(span: Range<Int>, stream: String, key: KeyExpr?)] = []
        let commandIDs = FileCommandIDs.of(context)
        let traces = context.file.traces
        // Each trace read in place through its index: binding it in the loop copied every trace (its lists
        // retained and released).
        for position in traces.indices {
            commandIDs.forEachReportedOp(traces, position, fileTrace: position, sending: Self.readGroupID) { opIndex in
                let op = traces[position].ops[opIndex]  // bound only when wanted: `for op in trace.ops` copied every op
                if RaceFacts.hasOption(op, "NOACK") || op.arguments.contains(.literal(Array("NOACK".utf8))) { return }
                let stream = Self.stream(of: op)
                reads.append((op.nameSpan, stream.map { " on `\($0.display)`" } ?? "", stream))
            }
        }
        context.forEachScript { script in
            for call in script.script.redisCalls where call.command == "XREADGROUP" {
                let noack = call.arguments.contains { if case .string(let text) = $0.value { return text.uppercased() == "NOACK" } else { return false } }
                if noack { continue }
                reads.append((script.hostRange(call.span), " in a Lua script", nil))
            }
        }
        guard !reads.isEmpty else { return [] }
        let acked = Self.acknowledged(in: context.project)
        // An XACK whose stream is unknown, or any XACK at all when the read's stream is unknown: assume it pairs.
        if acked.unknown { return [] }
        var findings: [Finding] = []
        for read in reads {
            if let key = read.key, acked.streams.contains(key) { continue }
            if read.key == nil || read.key?.isFullyLiteral == false, acked.any { continue }
            findings.append(context.finding(
                description, span: read.span,
                message: "`XREADGROUP`\(read.stream) but no code in the project acknowledges its messages with `XACK`; the pending entries list grows for ever",
                hint: "call XACK after processing each message, or pass NOACK if acknowledgement is not wanted",
                key: read.key))
        }
        return findings
    }
}
