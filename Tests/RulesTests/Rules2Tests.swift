import Testing
import RedisLint
@testable import Rules

/// Behaviour of the Rules II family (RL1xx operations, RL4xx lifecycle, RL5xx client misuse, RL8xx
/// deprecations) that the per-rule examples cannot show: project-wide facts, settings, path scoping and
/// the small parsers the rules use.
@Suite struct Rules2Tests {
    static func scan(_ rule: any Rule, _ files: [(String, Language, String)], settings: RuleSettings = RuleSettings()) -> [Finding] {
        let sources = files.map { SourceFile(path: $0.0, language: $0.1, bytes: Array($0.2.utf8)) }
        return Scanner(rules: [rule], options: Scanner.Options(jobs: 1, settings: settings)).scan(sources: sources).findings
    }

    @Test func streamAcknowledgedInAnotherFileIsNotReported() {
        let consumer = ("worker.py", Language.python, """
            import redis
            r = redis.Redis()
            def consume():
                return r.xreadgroup("billing", "w1", {"invoices": ">"}, count=10)
            """)
        let acker = ("ack.py", Language.python, """
            import redis
            r = redis.Redis()
            def ack(message_id):
                r.xack("invoices", "billing", message_id)
            """)
        let otherStream = ("ack.py", Language.python, """
            import redis
            r = redis.Redis()
            def ack(message_id):
                r.xack("payments", "billing", message_id)
            """)
        #expect(Self.scan(StreamWithoutAck(), [consumer]).count == 1)
        #expect(Self.scan(StreamWithoutAck(), [consumer, acker]).isEmpty)
        let stillUnacked = Self.scan(StreamWithoutAck(), [consumer, otherStream])
        #expect(stillUnacked.map(\.path) == ["worker.py"])
        #expect(stillUnacked.first?.message.contains("`invoices`") == true)
    }

    /// RL504 in a redis-rb block: a local client counts only when the function also uses it outside the block,
    /// asked by a search of a short trace's ops and through a set of a long trace's receivers alike.
    @Test func outerLocalClientInsideBlockCountsWhenUsedOutside() {
        for padding in [0, 40] {
            let filler = (0..<padding).map { "  redis.get(\"p\($0)\")\n" }.joined()
            let code = "def save(key)\n  redis = Redis.new\n  conn = Redis.new\n  redis.get(\"warm\")\n" + filler
                + "  redis.multi do\n    redis.set key, 1\n    conn.set key, 2\n  end\nend\n"
            let findings = Self.scan(OuterClientInsideBlock(), [("save.rb", .ruby, code)])
            #expect(findings.map(\.start.line) == [6 + padding], "padding \(padding)")
            #expect(findings.first?.message.contains("on `redis`") == true, "padding \(padding)")
        }
    }

    @Test func deprecatedReplacementNewerThanMinimumVersionIsNotSuggested() {
        let code = ("q.ts", Language.javascript, """
            import Redis from "ioredis";
            const redis = new Redis();
            await redis.rpoplpush("jobs", "done");
            await redis.setnx("k", "1");
            await redis.quit();
            await redis.getset("counter", "0");
            """)
        let modern = Self.scan(DeprecatedCommand(), [code])
        #expect(modern.count == 3, "QUIT is the client's close, not a command choice: \(modern.map(\.message))")
        #expect(modern.first?.message.contains("LMOVE") == true)
        #expect(modern.map(\.severity) == [.warning, .note, .warning])
        #expect(modern.last?.message.contains("`SET` with the `GET` argument") == true)
        let old = Self.scan(DeprecatedCommand(), [code], settings: RuleSettings(minimumRedisVersion: RedisVersion(6, 0)))
        #expect(old.count == 1, "LMOVE and SET … GET need 6.2, so a 6.0 project keeps RPOPLPUSH and GETSET: \(old.map(\.message))")
        #expect(old.first?.message.contains("SETNX") == true)
    }

    @Test func testAndToolPathsAreSkipped() {
        #expect(TestPaths.contains("spec/models/user_spec.rb"))
        #expect(TestPaths.contains("app/tests/test_cache.py"))
        #expect(TestPaths.contains("src/__tests__/cache.ts"))
        #expect(TestPaths.contains("Sources/RediStackTestUtils/RedisIntegrationTestCase.swift"))
        #expect(TestPaths.contains("bin/bench"))
        #expect(TestPaths.contains("src/cache.test.ts"))
        #expect(TestPaths.contains("t/integration/tasks.py"))
        #expect(!TestPaths.contains("app/services/latest_cache.rb"))
        #expect(!TestPaths.contains("lib/contest/scores.py"))
        let flush = ("tests/test_admin.py", Language.python, "import redis\nr = redis.Redis()\nr.flushdb()\n")
        #expect(Self.scan(DangerousCommand(), [flush]).isEmpty)
        #expect(Self.scan(DangerousCommand(), [("app/admin.py", .python, flush.2)]).count == 1)
    }

    @Test func redisPyAsynchronousFlagIsAsync() {
        let code = ("admin.py", Language.python, "import redis\nr = redis.Redis()\nr.flushdb(asynchronous=True)\nr.flushall(asynchronous=False)\n")
        let findings = Self.scan(DangerousCommand(), [code])
        #expect(findings.map(\.start.line) == [4])
    }

    @Test func comprehensionIterableRunsOnce() {
        let code = ("groups.py", Language.python, """
            import redis
            r = redis.Redis()
            def members(ids):
                names = [n.decode() for n in r.smembers(f"group:{ids[0]}")]
                return [r.get(f"user:{i}") for i in ids]
            """)
        let findings = Self.scan(CommandsInLoop(), [code])
        #expect(findings.map(\.start.line) == [5])
    }

    @Test func loopInvariantKeys() {
        #expect(CommandsInLoop.isLoopInvariant("self.key"))
        #expect(CommandsInLoop.isLoopInvariant("@queue"))
        #expect(CommandsInLoop.isLoopInvariant("REDIS_GROUP_KEY"))
        #expect(!CommandsInLoop.isLoopInvariant("self.key_for(id)"))
        #expect(!CommandsInLoop.isLoopInvariant("id"))
    }

    @Test func sortedSetMemberForms() {
        #expect(SortedSetMemberCollision.sameValue(member: "str(now)", score: "now"))
        #expect(SortedSetMemberCollision.sameValue(member: "now.to_s", score: "now"))
        #expect(SortedSetMemberCollision.sameValue(member: "`${now}`", score: "now"))
        #expect(SortedSetMemberCollision.sameValue(member: "\"\\(now)\"", score: "now"))
        #expect(!SortedSetMemberCollision.sameValue(member: "`${now}-${Math.random()}`", score: "now"))
        #expect(!SortedSetMemberCollision.sameValue(member: "\"#{now}-#{id}\"", score: "now"))
        #expect(!SortedSetMemberCollision.sameValue(member: "\"1\"", score: "1"))
        let pairs = SortedSetMemberCollision.pairs(in: "{str(now):now,\"x\":1}")
        #expect(pairs.map(\.member) == ["str(now)", "\"x\""])
        #expect(SortedSetMemberCollision.pairs(in: "[{score:now,value:String(now)}]").map(\.member) == ["String(now)"])
        // Deep nesting stops at a depth limit instead of recursing without bound.
        let deep = String(repeating: "[x,", count: 10_000) + "y" + String(repeating: "]", count: 10_000)
        #expect(SortedSetMemberCollision.pairs(in: deep).isEmpty)
    }

    @Test func noTTLUnderstandsKeyNames() {
        #expect(NoTTL.temporaryWord(.literal("rate_limit:1")) == "ratelimit")
        #expect(NoTTL.temporaryWord(.literal("rateLimit:1")) == "ratelimit")
        #expect(NoTTL.temporaryWord(KeyExpr(parts: [.literal(Array("cache:user:".utf8)), .hole("id")])) == "cache")
        #expect(NoTTL.temporaryWord(.hole("session_key")) == "session")
        #expect(NoTTL.temporaryWord(.literal("cachet:1")) == nil)
        #expect(NoTTL.temporaryWord(KeyExpr(parts: [.literal(Array("user:".utf8)), .hole("cache")])) == nil)
    }

    @Test func cacheAsideByFlowNeedsAMissAndRespectsOtherFiles() {
        let reader = ("stats.py", Language.python, """
            import redis
            r = redis.Redis()
            def score(uid):
                s = r.get(f"score:{uid}")
                if s is None:
                    s = compute(uid)
                    r.set(f"score:{uid}", s)
                return s
            def hit_branch(uid):
                s = r.get(f"rank:{uid}")
                if s:
                    r.set(f"rank:{uid}", rerank(s))
                return s
            """)
        let findings = Self.scan(NoTTL(), [reader])
        #expect(findings.map(\.start.line) == [7], "only the write in the miss branch: \(findings.map(\.message))")
        #expect(findings.first?.related.first?.start.line == 4)
        let incrementer = ("points.py", Language.python, "import redis\nr = redis.Redis()\ndef add(uid):\n    r.incrby(f\"score:{uid}\", 5)\n")
        #expect(Self.scan(NoTTL(), [reader, incrementer]).isEmpty, "a key incremented elsewhere is data the code owns")
        let expirer = ("sweep.py", Language.python, "import redis\nr = redis.Redis()\ndef sweep(uid):\n    r.expire(f\"score:{uid}\", 60)\n")
        #expect(Self.scan(NoTTL(), [reader, expirer]).isEmpty)
    }

    @Test func delOfAGrowingCollectionOffersUnlinkOnlyWhereTheServerHasIt() throws {
        let code = ("queue.py", Language.python, """
            import redis
            r = redis.Redis()
            def push(items):
                r.rpush("backlog", *items)
            def purge():
                r.delete("backlog")
            """)
        let finding = try #require(Self.scan(DelGrowingCollection(), [code]).first)
        #expect(finding.start.line == 6)
        #expect(finding.fix?.replacements.map(\.text) == ["unlink"])
        #expect(finding.fix?.replacements.first?.start == Position(line: 6, column: 7))
        #expect(finding.fix?.replacements.first?.end == Position(line: 6, column: 13))
        #expect(Self.scan(DelGrowingCollection(), [code], settings: RuleSettings(minimumRedisVersion: RedisVersion(3, 2))).isEmpty,
                "UNLINK needs Redis 4.0")
        let record = ("users.py", Language.python, "import redis\nr = redis.Redis()\ndef save(uid):\n    r.hset(f\"user:{uid}\", \"name\", \"x\")\ndef drop(uid):\n    r.delete(f\"user:{uid}\")\n")
        #expect(Self.scan(DelGrowingCollection(), [record]).isEmpty, "a fixed record hash")
    }

    @Test func dynamicScriptSourceReadsTheRenderedScriptArgument() {
        #expect(DynamicScriptSource.runtimeValues(in: "\"return ${limit}\"") == ["limit"])
        #expect(DynamicScriptSource.runtimeValues(in: "\"return ${LIMIT}\"") == nil, "a constant")
        #expect(DynamicScriptSource.runtimeValues(in: "\"return ${Config::MAX * 2}\"") == nil, "constants and numbers only")
        #expect(DynamicScriptSource.runtimeValues(in: "\"return %d\" % n") == ["n"])
        #expect(DynamicScriptSource.runtimeValues(in: "\"return '{}', {}\".format(a, b)") == ["a", "b"])
        #expect(DynamicScriptSource.runtimeValues(in: "format(\"return %d\", count)") == ["count"])
        #expect(DynamicScriptSource.runtimeValues(in: "\"return '100%'\"") == nil, "a percent sign inside the literal formats nothing")
        #expect(DynamicScriptSource.runtimeValues(in: "SCRIPT") == nil, "a variable is not followed")
        #expect(DynamicScriptSource.runtimeValues(in: "load_script(\"x\")") == nil)
    }

    @Test func workerAckOnItsOwnConnectionIsNotStalledTraffic() {
        let worker = """
            import Redis from "ioredis";
            const worker = new Redis();
            export async function next() {
              const item = await worker.blmove("q", "q:processing", "RIGHT", "LEFT", 5);
              if (item) await worker.lrem("q:processing", 1, item);
            }
            """
        #expect(Self.scan(BlockingCommandOnSharedClient(), [("w.ts", .javascript, worker)]).isEmpty)
        let shared = worker + "\nexport async function peek() { return worker.llen(\"q\"); }\n"
        #expect(Self.scan(BlockingCommandOnSharedClient(), [("w.ts", .javascript, shared)]).map(\.start.line) == [4],
                "another function's command on the same client stalls behind the pop")
    }

    @Test func keysThroughAHelperIsReportedAtTheCallOnlyWhenTheCallIsHot() {
        let code = """
            import redis
            r = redis.Redis()
            def sessions():
                return r.keys("session:*")
            def report():
                return sessions()
            def sweep(shards):
                for shard in shards:
                    sessions()
            """
        let findings = Self.scan(KeysCommand(), [("admin.py", .python, code)])
        #expect(findings.map(\.start.line) == [4, 9], "\(findings.map(\.message))")
        #expect(findings.last?.severity == .error)
        #expect(findings.last?.message.contains("through `sessions`") == true)
    }

    @Test func checkThenActLeavesAReassignedCacheAsideAlone() {
        let code = """
            import redis
            r = redis.Redis()
            def card(uid):
                v = r.get(f"card:{uid}")
                if v is None:
                    v = render(uid)
                    r.set(f"card:{uid}", v, ex=60)
                return v
            def bump(uid):
                n = r.get(f"count:{uid}")
                r.set(f"count:{uid}", int(n) + 1)
            """
        #expect(Self.scan(CheckThenAct(), [("c.py", .python, code)]).map(\.start.line) == [10])
    }

    @Test func traceKeyIndexAnswersWithTheNearestLaterOpsOfAKey() {
        func op(_ command: String, _ key: String) -> RedisOp {
            RedisOp(command: command, keys: [.literal(key)], method: command.lowercased(), receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
        }
        var ops = [op("WATCH", "a"), op("GET", "a"), op("GET", "b")]
        ops += (0..<200).map { op("SET", $0 % 2 == 0 ? "a" : "b") }
        let index = TraceKeyIndex(ops: ops)
        let later = Array(index.later(.literal("a"), after: 1))
        #expect(later.first == 3, "the nearest SET of `a` after the GET")
        #expect(later.count == TraceKeyIndex.limit, "bounded per read, so a long function stays linear")
        #expect(later.allSatisfy { ops[$0].keys == [.literal("a")] })
        #expect(Array(index.later(.literal("c"), after: 0)).isEmpty)
        #expect(index.watched(.literal("a"), before: 1))
        #expect(!index.watched(.literal("a"), before: 0))
        #expect(!index.watched(.literal("b"), before: 100))
    }

    /// Short traces are searched directly, long ones indexed: both answer as a plain search of the ops does.
    @Test func traceKeyIndexAnswersAlikeForShortAndLongTraces() {
        func op(_ command: String, _ keys: [String]) -> RedisOp {
            RedisOp(command: command, keys: keys.map { .literal($0) }, method: command.lowercased(), receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
        }
        let watching = [op("GET", ["a"]), op("WATCH", ["b", "a"]), op("SET", ["b"]), op("MSET", ["a", "c"]), op("DEL", ["c"]), op("WATCH", ["c"])]
        // (A short trace with no WATCH answers `watched` without searching its ops.)
        let unwatched = [op("GET", ["a"]), op("SET", ["b"]), op("MSET", ["a", "c"])]
        let counts = [5, TraceKeyIndex.directSearchLimit, TraceKeyIndex.directSearchLimit + 1, 150]
        for (pattern, count) in [watching, unwatched].flatMap({ pattern in counts.map { (pattern, $0) } }) {
            let ops = (0..<count).map { pattern[$0 % pattern.count] }
            let index = TraceKeyIndex(ops: ops)
            for key in ["a", "b", "c", "d"].map(KeyExpr.literal) {
                for position in 0...count {
                    let expected = ops.indices.filter { $0 > position && ops[$0].keys.contains(key) }.prefix(TraceKeyIndex.limit)
                    #expect(Array(index.later(key, after: position)) == Array(expected), "\(count) ops, \(key.display) after \(position)")
                    let watched = ops.indices.contains { $0 < position && ops[$0].command == "WATCH" && ops[$0].keys.contains(key) }
                    #expect(index.watched(key, before: position) == watched, "\(count) ops, \(key.display) before \(position)")
                }
            }
        }
    }

    @Test func ttlGivenInAnotherFileCounts() {
        let writer = ("otp.ts", Language.javascript, """
            import Redis from "ioredis";
            const redis = new Redis();
            export async function save(phone: string, code: string) { await redis.set(`otp:${phone}`, code); }
            """)
        let expirer = ("expire.ts", Language.javascript, """
            import Redis from "ioredis";
            const redis = new Redis();
            export async function arm(p: string) { await redis.expire(`otp:${p}`, 300); }
            """)
        #expect(Self.scan(NoTTL(), [writer]).count == 1)
        #expect(Self.scan(NoTTL(), [writer, expirer]).isEmpty)
    }

    @Test func projectIndexAnswersCrossFileQuestions() {
        let a = FrontEnd.analyze(SourceFile(path: "a.py", language: .python, bytes: Array("""
            import redis
            r = redis.Redis()
            def f(sid, mid):
                r.set(f"session:{sid}", 1, ex=60)
                r.xack("events", "g", mid)
            """.utf8)))
        let b = FrontEnd.analyze(SourceFile(path: "b.py", language: .python, bytes: Array("""
            import redis
            r = redis.Redis()
            def g(k):
                r.expire(f"otp:{k}", 30)
                r.set("plain", 1)
            """.utf8)))
        let project = ProjectModel(files: [a, b])
        #expect(project.ops("XACK").count == 1)
        #expect(project.ops("SET").count == 2)
        #expect(project.index.shapesGivenTTL == ["session:*", "otp:*"])
        #expect(!project.index.keysGivenTTL.contains(.literal("plain")))
    }

    @Test func luaDeprecatedCommandsGetAMechanicalFix() {
        let code = "local old = redis.call('GETSET', KEYS[1], ARGV[1])\nredis.call(\"SETEX\", KEYS[2], ARGV[2], ARGV[3])\nredis.call('HMSET', KEYS[3], 'a', 1)\n"
        let findings = Self.scan(DeprecatedCommand(), [("s.lua", .lua, code)])
        #expect(findings.count == 3)
        #expect(findings[0].fix?.replacements.map(\.text) == ["'SET', KEYS[1], ARGV[1], 'GET'"])
        #expect(findings[0].fix?.replacements.first?.start == Position(line: 1, column: 24))
        #expect(findings[1].fix?.replacements.map(\.text) == ["\"SET\", KEYS[2], ARGV[3], \"EX\", ARGV[2]"])
        #expect(findings[2].fix == nil, "HSET replies a count where HMSET replied OK: no automatic rewrite")
        let old = Self.scan(DeprecatedCommand(), [("s.lua", .lua, code)], settings: RuleSettings(minimumRedisVersion: RedisVersion(6, 0)))
        #expect(!old.contains { $0.message.contains("GETSET") }, "SET … GET needs 6.2")
    }
}

extension Rules2Tests {
    /// KEYS that cleans a test database (exercism's test_helper.rb) blocks no production Redis.
    @Test func keysInTestCodeIsNotReported() {
        let code = "require \"redis\"\ndef reset_redis!\n  redis = Redis.new(db: 1)\n  redis.del(*redis.keys(\"test:*\"))\nend\n"
        #expect(Self.scan(KeysCommand(), [("test/test_helper.rb", .ruby, code)]).isEmpty)
        #expect(Self.scan(KeysCommand(), [("lib/cleanup.rb", .ruby, code)]).count == 1)
    }
}
