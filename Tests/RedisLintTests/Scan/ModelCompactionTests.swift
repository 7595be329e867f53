import Testing
import Foundation
import RedisTestSupport
import LuaParse
@testable import RedisLint

/// Models kept for phase 2 are compacted (`FileModel.compact()`): equal values share one buffer and
/// arrays lose their spare room. Nothing a rule reads may change, and value semantics must hold.
@Suite struct ModelCompactionTests {
    static let code = """
        import redis
        r = redis.Redis()
        def handler(user_id, payload):
            key = "session:" + user_id + ":state"
            if not r.exists(key):
                r.set(key, payload, nx=True, ex=60)
            r.set(key, payload, nx=True, ex=60)
            r.hset("user:" + user_id, "name", payload)
            r.hset("user:" + user_id, "name", payload)
            for item in payload:
                r.sadd("items:" + user_id, item)
            n = r.incr("counter:%s" % user_id)
            r.expire("counter:%s" % user_id, 60)
            r.eval("return redis.call('GET', KEYS[1])", 1, key)
        """

    static func model() -> FileModel {
        FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(code.utf8))
    }

    /// Every field of every op, condition and call site, sets sorted: what rules can read.
    static func describe(_ model: FileModel) -> String {
        var lines: [String] = []
        for trace in model.traces {
            lines.append("trace \(trace.name) \(trace.kind) \(trace.span)")
            for condition in trace.conditions {
                lines.append("  condition \(condition.text) \(condition.span) \(condition.negated) \(condition.ops) \(condition.names.sorted())")
            }
            for op in trace.ops {
                lines.append("  op \(op.command) \(op.subcommand ?? "-") \(op.keys.map(\.parts)) \(op.arguments) \(op.options.sorted())")
                lines.append("     \(op.method) \(op.receiver) \(op.confidence) \(op.span) \(op.nameSpan) \(op.context) \(op.loopDepth)")
                lines.append("     \(op.conditions) \(op.assignedTo ?? "-") \(op.argumentNames.sorted()) \(op.viaHelper ?? "-")")
                lines.append("     \(String(describing: op.helperSpan)) \(op.mayBeQueued) \(op.keyVariesInLoop)")
            }
        }
        for script in model.scripts {
            lines.append("script \(script.span) \(Array(script.sourceOffsets)) \(script.script.redisCalls.map(\.command))")
            for site in script.callSites { lines.append("  site \(site.span) \(site.numberOfKeys ?? -1) \(site.keys.map(\.parts)) \(site.argumentCount ?? -1)") }
        }
        lines.append("comments \(model.comments) notes \(model.notes.map(\.message)) bytes \(model.byteCount)")
        return lines.joined(separator: "\n")
    }

    @Test func compactionChangesNothingRulesRead() {
        let model = Self.model()
        #expect(model.traces.flatMap(\.ops).count >= 8)
        #expect(Self.describe(model.compactedCopy()) == Self.describe(model))
        #expect(IRDump.render([model.compactedCopy()]) == IRDump.render([model]))
    }

    @Test(arguments: ["python/redis_py.py", "ruby/sidekiq_worker.rb", "javascript/ioredis.ts", "swift/vapor.swift"])
    func compactionKeepsTheIRFixtures(_ file: String) throws {
        let url = Golden.repository.appendingPathComponent("fixtures/ir").appendingPathComponent(file)
        let model = try IRGoldenTests.model(url)
        #expect(Self.describe(model.compactedCopy()) == Self.describe(model))
    }

    @Test func equalKeysShareOneBufferAndStayValues() throws {
        var compacted = Self.model().compactedCopy()
        let ops = compacted.traces.flatMap(\.ops).filter { $0.command == "HSET" }
        try #require(ops.count == 2)
        // The two `"user:" + user_id` keys are one buffer now…
        let addresses = ops.map { op in op.keys.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(addresses[0] == addresses[1])
        #expect(ops[0].options == ops[1].options)
        // …yet changing one op's key leaves the other alone.
        let traceIndex = try #require(compacted.traces.firstIndex { $0.ops.contains { $0.command == "HSET" } })
        let opIndex = try #require(compacted.traces[traceIndex].ops.firstIndex { $0.command == "HSET" })
        compacted.traces[traceIndex].ops[opIndex].keys[0].parts.append(.literal(Array(":changed".utf8)))
        let after = compacted.traces[traceIndex].ops.filter { $0.command == "HSET" }
        #expect(after[0].keys[0].display == "user:${user_id}:changed")
        #expect(after[1].keys[0].display == "user:${user_id}")
        #expect(ops[0].keys[0].display == "user:${user_id}")
    }

    @Test func keptArraysHaveNoSpareRoom() {
        var key = KeyExpr(parts: [.literal(Array("a:".utf8)), .hole("id")])
        key.parts.reserveCapacity(64)
        var op = RedisOp(command: "GET", keys: [key], method: "get", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
        op.keys.reserveCapacity(64)
        var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
        model.traces = [Trace(name: "<top level>", kind: .topLevel, span: 0..<1, ops: [op])]
        model.traces.reserveCapacity(64)
        let compacted = model.compactedCopy()
        #expect(compacted.traces.capacity < 8)
        #expect(compacted.traces[0].ops[0].keys.capacity < 8)
        #expect(compacted.traces[0].ops[0].keys[0].parts.capacity < 8)
        #expect(compacted.traces[0].ops[0].keys == [key])
    }

    @Test func interningReturnsEqualValues() {
        var interner = ValueInterner()
        let long = String(repeating: "receiver.", count: 4)
        #expect(interner.intern(long) == long)
        #expect(interner.intern(String(repeating: "receiver.", count: 4)) == long)
        #expect(interner.intern(Set(["NX", "EX"])) == Set(["EX", "NX"]))
        #expect(interner.intern([1, 2, 3]) == [1, 2, 3])
        #expect(interner.intern([UInt8]()) == [])
        let args: [ArgumentValue] = [.literal([0x61]), .number("1"), .dynamic("x")]
        #expect(interner.intern(args) == args)
    }

    @Test func scriptOffsetsReadLikeTheArrayTheyWereBuiltFrom() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<200 {
            var offsets: [Int32] = []
            var next = Int32(Int.random(in: 0..<1000, using: &random))
            for _ in 0..<Int.random(in: 0..<60, using: &random) {
                // Mostly consecutive, as in a literal; now and then a jump (an escape, a joined literal).
                next += Int.random(in: 0..<5, using: &random) == 0 ? Int32(Int.random(in: 0..<7, using: &random)) : 1
                offsets.append(next)
            }
            let compact = ScriptOffsets(offsets)
            #expect(compact.count == offsets.count)
            #expect(Array(compact) == offsets)
            #expect(compact.first == offsets.first && compact.last == offsets.last)
        }
        let embedded = EmbeddedScript(script: LuaScript(source: Array("return 1".utf8)), sourceOffsets: [10, 11, 12, 20, 21, 22, 23, 24], span: 10..<25)
        #expect(embedded.hostRange(0..<3) == 10..<13)
        #expect(embedded.hostRange(2..<5) == 12..<22)
        #expect(ScriptOffsets([]).isEmpty)
    }

    @Test func equalValuesHashAlike() {
        let joined = KeyExpr(parts: [.literal(Array("ab".utf8)), .hole("id")])
        let split = KeyExpr(parts: [.literal(Array("a".utf8)), .literal(Array("b".utf8)), .hole("id")])
        #expect(joined == split && joined.hashValue == split.hashValue)
        #expect(Set([joined, split, KeyExpr(parts: [.hole("ab"), .hole("id")])]).count == 2)
        let arguments: [ArgumentValue] = [.literal(Array("1".utf8)), .number("1"), .dynamic("1"), .number("1")]
        #expect(Set(arguments).count == 3)
        #expect(ArgumentValue.literal([0x61, 0x62]).hashValue == ArgumentValue.literal(Array("ab".utf8)).hashValue)
    }

    @Test func filesOfOneScanShareKeyListsAndStayValues() throws {
        let shared = SharedKeyLists()
        var first = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8)).compactedCopy(sharing: shared)
        let second = FrontEnd.analyze(path: "b.py", language: .python, bytes: Array(Self.code.utf8)).compactedCopy(sharing: shared)
        let unshared = FrontEnd.analyze(path: "c.py", language: .python, bytes: Array(Self.code.utf8)).compactedCopy()
        func hsetKeys(_ model: FileModel) -> [KeyExpr] { model.traces.flatMap(\.ops).first { $0.command == "HSET" }!.keys }
        let address = { (keys: [KeyExpr]) in keys.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(address(hsetKeys(first)) == address(hsetKeys(second)))
        #expect(address(hsetKeys(first)) != address(hsetKeys(unshared)))
        #expect(Self.describe(second) == Self.describe(unshared).replacingOccurrences(of: "c.py", with: "b.py"))
        // A change to one file's op leaves the other file's equal key alone.
        let traceIndex = try #require(first.traces.firstIndex { $0.ops.contains { $0.command == "HSET" } })
        let opIndex = try #require(first.traces[traceIndex].ops.firstIndex { $0.command == "HSET" })
        first.traces[traceIndex].ops[opIndex].keys = [.literal("other")]
        #expect(hsetKeys(first).map(\.display) == ["other"])
        #expect(hsetKeys(second).map(\.display) == ["user:${user_id}"])
    }

    @Test func concurrentFilesAgreeOnOneSharedList() {
        let shared = SharedKeyLists()
        let lists = parallelMap(count: 64, jobs: 4) { index -> [KeyExpr] in
            var interner = ValueInterner(sharing: shared)
            return interner.intern([KeyExpr(parts: [.literal(Array("k:".utf8)), .hole("id")]), .literal("k\(index % 2)")])
        }
        let addresses = Set(lists.map { list in list.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(addresses.count == 2)
        #expect(lists.allSatisfy { $0[0].display == "k:${id}" })
    }
}
