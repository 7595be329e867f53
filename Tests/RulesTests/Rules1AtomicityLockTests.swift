import Testing
import RedisLint
@testable import Rules

/// Behaviour of the atomicity (RL2xx) and lock (RL3xx) rules beyond their documented examples:
/// each pair of ops goes to one rule only, advice follows the minimum Redis version, fixes are exact.
@Suite struct Rules1AtomicityLockTests {
    static let family: [any Rule] = RuleRegistry.all.filter { $0.description.id.hasPrefix("RL2") || $0.description.id.hasPrefix("RL3") }

    static func scan(_ language: Language, _ code: String, rules: [any Rule] = family, minimum: RedisVersion = RedisVersion(7, 0)) -> [Finding] {
        let source = SourceFile(path: "t.\(language.exampleExtension)", language: language, bytes: Array(code.utf8))
        let options = Scanner.Options(jobs: 1, settings: RuleSettings(minimumRedisVersion: minimum))
        return Scanner(rules: rules, options: options).scan(sources: [source]).findings
    }

    static func ids(_ findings: [Finding]) -> [String] { findings.map(\.ruleID).sorted() }

    @Test func incrThenUnconditionalExpireIsOnlyAWindowReset() {
        let code = """
            redis = Redis.new
            def allow?(redis, ip)
              count = redis.incr("rate:#{ip}")
              redis.expire("rate:#{ip}", 60)
              count < 10
            end
            """
        #expect(Self.ids(Self.scan(.ruby, code)) == ["RL203"])
    }

    @Test func incrThenFirstHitExpireIsOnlyExpireNotAtomic() {
        let code = """
            import redis
            r = redis.Redis()
            def allow(ip):
                n = r.incr(f"rate:{ip}")
                if n == 1:
                    r.expire(f"rate:{ip}", 60)
                return n < 10
            """
        #expect(Self.ids(Self.scan(.python, code)) == ["RL202"])
    }

    @Test func createThenExpireInAPipelineIsOnlyPipelineAssumedAtomic() {
        let code = """
            import Redis from "ioredis";
            const redis = new Redis();
            async function add(key: string) {
              const p = redis.pipeline();
              p.sadd(key, "x");
              p.expire(key, 60);
              await p.exec();
            }
            """
        #expect(Self.ids(Self.scan(.javascript, code)) == ["RL204"])
    }

    @Test func windowResetAdviceFollowsTheMinimumRedisVersion() throws {
        let code = """
            import redis
            r = redis.Redis()
            def allow(ip):
                n = r.incr(f"rate:{ip}")
                r.expire(f"rate:{ip}", 60)
                return n < 10
            """
        let modern = try #require(Self.scan(.python, code, rules: [RateWindowReset()]).first)
        #expect(modern.hint?.contains("NX") == true)
        let fix = try #require(modern.fix)
        #expect(fix.replacements == [Fix.Replacement(start: Position(line: 5, column: 30), end: Position(line: 5, column: 30), text: ", nx=True")])

        let old = try #require(Self.scan(.python, code, rules: [RateWindowReset()], minimum: RedisVersion(6, 2)).first)
        #expect(old.fix == nil)
        #expect(old.hint?.contains("Lua script") == true)
        #expect(old.hint?.contains("6.2") == true)
    }

    @Test func windowResetFixIsSpelledPerClient() throws {
        let ruby = try #require(Self.scan(.ruby, """
            redis = Redis.new
            n = redis.incr("rate:#{ip}")
            redis.expire("rate:#{ip}", 60)
            """, rules: [RateWindowReset()]).first?.fix)
        #expect(ruby.replacements.map(\.text) == [", nx: true"])
        #expect(ruby.replacements.first?.start == Position(line: 3, column: 30))
        let ts = try #require(Self.scan(.javascript, """
            import Redis from "ioredis";
            const redis = new Redis();
            const n = await redis.incr(`rate:${ip}`);
            await redis.expire(`rate:${ip}`, 60);
            """, rules: [RateWindowReset()]).first?.fix)
        #expect(ts.replacements.map(\.text) == [", \"NX\""])
    }

    @Test func messagesNameKeyCommandsAndLines() throws {
        let finding = try #require(Self.scan(.ruby, """
            redis = Redis.new
            def bump(redis, id)
              n = redis.get("count:#{id}").to_i
              redis.set("count:#{id}", n + 1)
            end
            """, rules: [CheckThenAct()]).first)
        #expect(finding.message.contains("`GET count:${id}` (line 3)"))
        #expect(finding.message.contains("`SET count:${id}` (line 4)"))
        #expect(finding.related.map(\.start.line) == [4])
        #expect(finding.key == "count:${id}")
    }

    @Test func helperOpsAreReportedInsideTheHelperOnly() {
        let code = """
            require "redis"
            class Jobs
              def initialize
                @redis = Redis.new
              end
              def take(name)
                @redis.setnx("lock:#{name}", 1)
              end
              def hit(ip)
                n = @redis.incr("rate:#{ip}")
                @redis.expire("rate:#{ip}", 60) if n == 1
                n
              end
              def run(name)
                take(name)
                hit(name)
              end
            end
            """
        let findings = Self.scan(.ruby, code)
        #expect(findings.allSatisfy { $0.start.line < 14 }, "\(findings.map { "\($0.ruleID) \($0.start)" })")
        // (RL301 needs a release somewhere: this lock is never deleted, and RL302 says it never expires.)
        #expect(Self.ids(findings) == ["RL202", "RL302"])
    }

    @Test func watchBeforeTheReadMakesCheckThenActClean() {
        let code = """
            redis = Redis.new
            def withdraw(redis, id, amount)
              redis.watch("balance:#{id}") do
                balance = redis.get("balance:#{id}").to_i
                redis.multi { |tx| tx.set("balance:#{id}", balance - amount) }
              end
            end
            """
        #expect(Self.scan(.ruby, code, rules: [CheckThenAct()]).isEmpty)
    }

    @Test func fencingNoteIsOffByDefault() {
        #expect(!LockWithoutFencingToken().description.enabledByDefault)
        #expect(RuleRegistry.enabledByDefault.contains { $0.description.id == "RL303" })
    }

    @Test func lockWordsSplitIdentifiersAndIgnoreLookalikes() {
        #expect(RaceFacts.lockNamed(.hole("lockKey")))
        #expect(RaceFacts.lockNamed(.hole("job_lock")))
        #expect(RaceFacts.lockNamed(.hole("self.get_locking_key(name)")))
        #expect(RaceFacts.lockNamed(KeyExpr.literal("app:mutex:1")))
        #expect(!RaceFacts.lockNamed(KeyExpr.literal("blocklist:ip")))
        #expect(!RaceFacts.lockNamed(KeyExpr.literal("clock:skew")))
    }

    @Test func testCodeIsSkipped() {
        let code = """
            import redis
            r = redis.Redis()
            def test_setnx():
                r.set("lock:a", 1, nx=True)
                r.delete("lock:a")
            """
        #expect(Self.scan(.python, code).isEmpty)
        let source = SourceFile(path: "spec/lock_spec.rb", language: .ruby, bytes: Array("redis = Redis.new\nredis.setnx(\"lock:a\", 1)\n".utf8))
        #expect(Scanner(rules: Self.family).scan(sources: [source]).findings.isEmpty)
        #expect(RaceFacts.isTestFile("app/__tests__/lock.ts"))
        #expect(RaceFacts.isTestFile("Tests/AppTests/LockTests.swift"))
        #expect(!RaceFacts.isTestFile("lib/contest/lock.rb"))
    }

    @Test func bareDeleteIsAReleaseOnlyWhenTheFileTakesTheLock() {
        let admin = """
            redis = Redis.new
            def delete_by_digest(redis, digest)
              redis.unlink("#{digest}:LOCKED")
            end
            """
        #expect(Self.scan(.ruby, admin, rules: [UnsafeLockRelease()]).isEmpty)
        let paired = """
            redis = Redis.new
            def take(redis, digest, token)
              redis.set("#{digest}:LOCKED", token, nx: true, ex: 30)
            end
            def drop(redis, digest)
              redis.unlink("#{digest}:LOCKED")
            end
            """
        #expect(Self.scan(.ruby, paired, rules: [UnsafeLockRelease()]).map(\.start.line) == [6])
    }

    @Test func oneFindingPerWriteWhenSeveralChecksGuardIt() {
        let code = """
            import redis
            r = redis.Redis()
            def register(key):
                if r.exists(key) and not r.hexists(key, "death"):
                    raise ValueError("taken")
                r.hset(key, "birth", "now")
            """
        #expect(Self.scan(.python, code, rules: [CheckThenAct()]).count == 1)
    }

    @Test func variableKeysInDifferentLoopsAreNotPaired() {
        let code = """
            r = Redis.new
            def fill(r, n)
              (1..n).each { |id| r.set(id, "foo") }
              (1..n).each { |id| r.expire(id, 1000 + id) }
            end
            """
        #expect(Self.scan(.ruby, code, rules: [ExpireNotAtomic()]).isEmpty)
        #expect(RaceFacts.isTestFile("utils/lru/test-lru.rb"))
    }

    @Test func windowResetInAMultiChainIsFoundAndItsFixTargetsTheExpireCall() throws {
        let code = """
            import { createClient } from "redis";
            const client = createClient();
            const [n] = await client.multi().incr(`rate:${ip}`).expire(`rate:${ip}`, 60).exec();
            """
        let finding = try #require(Self.scan(.javascript, code, rules: [RateWindowReset()]).first)
        let replacement = try #require(finding.fix?.replacements.first)
        let line = code.split(separator: "\n")[2]
        let before = line.utf8.prefix(replacement.start.column - 1)
        #expect(String(decoding: before, as: UTF8.self).hasSuffix("`rate:${ip}`, 60"))
        #expect(replacement.text == ", \"NX\"")
    }
}
