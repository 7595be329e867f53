import Testing
import RedisLint
import RedisTestSupport
@testable import Rules

/// Rules answer some questions from facts gathered once instead of asking the ops again and again. Each
/// shortcut must give the answer the direct question gives, checked here on many generated files.
@Suite struct RuleShortcutEquivalenceTests {
    static let keys = ["'s:1'", "f's:{a}'", "f's:{b}'", "k", "f'{k}'", "'t:x'", "f'lock:{n}'", "'lock:1'", "f'{a}:{b}'"]
    static let calls = [
        "r.set(K, v)", "r.set(K, v, ex=5)", "r.setex(K, 5, v)", "r.expire(K, 5)", "r.get(K)", "r.getex(K, ex=5)",
        "r.set(K, v, nx=True)", "r.set(K, 1, nx=True)", "r.setnx(K, 1)", "r.getset(K, 1)", "r.incr(K)", "r.delete(K)",
        "r.set(K, v, keepttl=True)", "r.pexpire(K, 5)", "r.unlink(K)",
    ]

    /// Python files of a few functions, each a random run of commands on a few keys.
    static func files(count: Int, seed: UInt64) -> [FileModel] {
        var random = SeededRandom(state: seed)
        return (0..<count).map { number in
            var text = "import redis\nr = redis.Redis()\n"
            for function in 0..<(1 + random.below(4)) {
                text += "def f\(function)(a, b, k, n, v):\n"
                for _ in 0..<(1 + random.below(12)) {
                    text += "    " + random.pick(calls).replacingOccurrences(of: "K", with: random.pick(keys)) + "\n"
                }
            }
            return FrontEnd.analyze(path: "g\(number).py", language: .python, bytes: Array(text.utf8))
        }
    }

    @Test func setClearsTTLsRearmCheckAsksTheLaterOps() {
        var asked = 0
        for file in Self.files(count: 120, seed: 501) {
            let ttlOps = SetClearsTTL.ttlOps(file.traces, FileCommandIDs(file.traces))
            for (position, trace) in file.traces.enumerated() {
                for index in trace.ops.indices {
                    // The trace's TTL ops answer for each op as the op itself does.
                    #expect(SetClearsTTL.isTTLOp(ttlOps[position], index) == TTLFacts.setsTTL(trace.ops[index]))
                    for shape in ["s:*", "t:x", "lock:*", "*:*", "s:1"] {
                        // The question as it was asked before: every later op of the trace.
                        let direct = trace.ops[(index + 1)...].contains { later in
                            TTLFacts.setsTTL(later) && later.keys.first.flatMap(TTLFacts.shape) == shape
                        }
                        #expect(SetClearsTTL.rearmed(ttlOps[position], after: index, shape: shape) == direct)
                        asked += direct ? 1 : 0
                    }
                }
            }
        }
        #expect(asked > 100, "the generated files re-arm TTLs often enough to tell the answers apart")
    }
}

extension RuleShortcutEquivalenceTests {
    static let shapeKeys: [KeyExpr] = [
        .literal("lock:1"), .literal("lock:"), .hole("n"), .hole("k"), .literal(""),
        KeyExpr(parts: [.literal(Array("lock:".utf8)), .hole("n")]), KeyExpr(parts: [.literal(Array("lock:".utf8)), .hole("job")]),
        KeyExpr(parts: [.literal(Array("lock:".utf8)), .hole("n"), .literal(Array(":x".utf8))]),
        KeyExpr(parts: [.hole("n"), .literal(Array(":lock".utf8))]), KeyExpr(parts: [.hole("a"), .hole("b")]),
        KeyExpr(parts: [.hole("a"), .literal(Array(":".utf8)), .hole("b")]), KeyExpr(parts: [.hole("c"), .literal(Array(":".utf8)), .hole("d")]),
    ]

    @Test func keyShapesAnswerAsComparingWithEachKey() {
        var random = SeededRandom(state: 301)
        var found = 0
        for _ in 0..<400 {
            let members = (0..<random.below(5)).map { _ in random.pick(Self.shapeKeys) }
            var shapes = RaceFacts.KeyShapes()
            members.forEach { shapes.insert($0) }
            for key in Self.shapeKeys {
                let direct = members.contains { RaceFacts.sameShape($0, key) }
                #expect(shapes.containsSameShape(key) == direct, "\(members.map(\.display)) \(key.display)")
                found += direct ? 1 : 0
            }
        }
        #expect(found > 300)
    }

    @Test func lockPairsAnswerAsComparingWithEachAcquireAndDelete() {
        var asked = 0
        for file in Self.files(count: 120, seed: 302) {
            let pairs = RaceFacts.LockPairs(RuleContext(file: file, project: ProjectModel(files: [file]), settings: RuleSettings()))
            // The question as it was asked before: every acquire and delete of the file's traces.
            let ops = RaceFacts.traces(file).flatMap(\.ops).filter(RaceFacts.usable)
            // An acquire with NX, or with GETSET / SET GET when the key is named like a lock or the reply is tested.
            let acquired = RaceFacts.traces(file).flatMap { trace in
                trace.ops.indices.compactMap { index -> KeyExpr? in
                    let op = trace.ops[index]
                    guard RaceFacts.usable(op), RaceFacts.isAcquire(op), let key = op.keys.first,
                          RaceFacts.isExclusiveAcquire(op) || RaceFacts.lockNamed(key) || RaceFacts.replyIsTested(trace, index) else { return nil }
                    return key
                }
            }
            let deleted = ops.filter { RaceFacts.deletes.contains($0.command) }.flatMap(\.keys)
            for key in Self.shapeKeys + file.traces.flatMap(\.ops).flatMap(\.keys) {
                let directAcquired = acquired.contains { RaceFacts.sameShape($0, key) }
                #expect(pairs.acquired(key) == directAcquired)
                #expect(pairs.isLockKey(key) == (RaceFacts.lockNamed(key) || (directAcquired && deleted.contains { RaceFacts.sameShape($0, key) })))
                asked += directAcquired ? 1 : 0
            }
        }
        #expect(asked > 100)
    }
}

extension RuleShortcutEquivalenceTests {
    static let pathParts = [
        "test", "tests", "Tests", "TEST", "spec", "specs", "__tests__", "__test__", "testing", "bench", "benchmarks", "bin", "t", "T",
        "src", "lib", "app", "e2e", "fixtures", "myTests", "FooTestUtils", "test_utils", "TestSupport", "examples", "x_test.py",
        "test_x.py", "Test_X.py", "a.test.ts", "a.spec.js", "a.Spec.js", "ATests.swift", "conftest.py", "ConfTest.py", "benchmark_x.rb",
        "foo_spec.rb", "foo_test.rb", "BarTestCase.swift", "BarTest.swift", "thing.py", "..", ".", ".hidden.py", "a..b", "test-x.js",
        "x-test.js", "x_spec.rb", "Xtests.py", "test", "testx", ".test.", "..test..", "tests.swift", "x.test", "test_", "é", "tést",
    ]

    @Test func testPathsAnswerAsTheStringFormsDo() {
        var random = SeededRandom(state: 404)
        var tests = (0, 0)
        for _ in 0..<3000 {
            var path = (0..<(1 + random.below(4))).map { _ in random.pick(Self.pathParts) }.joined(separator: random.below(8) == 0 ? "//" : "/")
            if random.below(10) == 0 { path = "/" + path }
            if random.below(10) == 0 { path += "/" }
            let contains = TestPaths.computeContains(path), isTestFile = RaceFacts.computeIsTestFile(path)
            #expect(contains == TestPaths.computeContainsByString(path), "\(path)")
            #expect(isTestFile == RaceFacts.computeIsTestFileByString(path), "\(path)")
            tests.0 += contains ? 1 : 0
            tests.1 += isTestFile ? 1 : 0
        }
        #expect(tests.0 > 500 && tests.0 < 2500 && tests.1 > 500 && tests.1 < 2500, "both answers are given often")
        #expect(TestPaths.computeContains("") == false && RaceFacts.computeIsTestFile("") == false)
    }
}

extension RuleShortcutEquivalenceTests {
    /// `TTLFacts.hasShape` says whether a key has a shape without making it: for keys of holes only, of empty
    /// and non-ASCII literals, and of every generated file's keys.
    @Test func hasShapeAnswersAsMakingTheShapeDoes() {
        var keys: [KeyExpr] = [KeyExpr(parts: []), KeyExpr(parts: [.hole("id")]), KeyExpr(parts: [.hole("a"), .hole("b")]),
                               KeyExpr(parts: [.literal([])]), KeyExpr(parts: [.literal(Array("é:".utf8)), .hole("id")]),
                               KeyExpr(parts: [.hole("id"), .literal(Array(":x".utf8))])]
        for file in Self.files(count: 20, seed: 7) {
            for trace in file.traces { for op in trace.ops { keys += op.keys } }
        }
        for key in keys { #expect(TTLFacts.hasShape(key) == (TTLFacts.shape(key) != nil), "\(key)") }
    }

    @Test func writtenKeysCountShapesAsCountingEachWriteDoes() {
        let files = Self.files(count: 60, seed: 777)
        let project = ProjectModel(files: files)
        let written = CacheAsideFlow.WrittenKeys(project)
        // The counts as they were taken before: one shape per write, and the keys in a dictionary.
        var shapes: [String: Int] = [:], exact: [KeyExpr: Int] = [:]
        for command in ProjectCommandIndex.valueWriters {
            project.forEachFirstKey(command) { key in
                guard let key else { return }
                exact[key, default: 0] += 1
                if let shape = CacheAsideFlow.WrittenKeys.shape(key) { shapes[shape, default: 0] += 1 }
            }
        }
        #expect(written.shapes == shapes && shapes.count > 3)
        #expect(exact.allSatisfy { written.exact.count(of: $0.key) == $0.value } && written.exact.keys.count == exact.count)
    }
}

extension RuleShortcutEquivalenceTests {
    @Test func commandSetsAnswerAsTheirNameSetsDo() {
        let sets: [Set<String>] = [
            NoTTL.writes, RaceFacts.reads, RaceFacts.expires, RaceFacts.relativeExpires, RaceFacts.stores, UnreliableQueue.blockingPops.union(UnreliableQueue.pops),
            DynamicScriptSource.scriptCommands.union(["SCRIPT"]), EvalshaWithoutFallback.shaCommands,
            ["XACKDEL", "NOT-A-COMMAND", "GET"], [], ["ACL", "CONFIG"],
        ]
        let names = CommandTable.all.map { $0.name.uppercased() } + ["XACKDEL", "NOT-A-COMMAND", "", "get", "CONFIG|SET", "CONFIG SET"]
        for set in sets {
            let commands = CommandSet(set)
            for name in names { #expect(commands.contains(CommandIDs.id(name), name) == set.contains(name), "\(name) in \(set.sorted())") }
        }
        #expect(CommandIDs.byName.count > 200 && CommandIDs.id("XACKDEL") == -1 && CommandIDs.id("SET") >= 0)
    }

    @Test func fileCommandIDsNumberEveryOp() {
        for file in Self.files(count: 20, seed: 5) {
            let ids = FileCommandIDs(file.traces)
            for (position, trace) in file.traces.enumerated() {
                for (index, op) in trace.ops.enumerated() {
                    #expect(ids.id(trace: position, op: index) == CommandIDs.id(op.command) && CommandIDs.id(op.command) >= 0)
                }
            }
        }
    }
}

extension RuleShortcutEquivalenceTests {
    @Test func onlyTheCommandsThatMayGiveATTLAreAsked() {
        // Every command, with every TTL option and argument: those that give a TTL are in `mayGiveTTL`.
        let options: Set<String> = ["EX", "PX", "EXAT", "PXAT", "KEEPTTL", "NX", "XX", "GET", "PERSIST"]
        var giving = 0
        for name in CommandTable.all.map({ $0.name.uppercased() }) + ["XACKDEL", "NOT-A-COMMAND"] {
            let op = RedisOp(command: name, keys: [.literal("k")], arguments: [.literal(Array("ex".utf8)), .literal(Array("KEEPTTL".utf8))],
                             options: options, method: name.lowercased(), receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
            #expect(TTLFacts.setsTTL(op, id: CommandIDs.id(name)) == TTLFacts.setsTTL(op), "\(name)")
            giving += op.givesTTL ? 1 : 0
        }
        #expect(giving >= 9)
        for file in Self.files(count: 30, seed: 9) {
            let ids = FileCommandIDs(file.traces)
            for (position, trace) in file.traces.enumerated() {
                for (index, op) in trace.ops.enumerated() { #expect(TTLFacts.setsTTL(op, id: ids.id(trace: position, op: index)) == op.givesTTL) }
            }
        }
    }
}
