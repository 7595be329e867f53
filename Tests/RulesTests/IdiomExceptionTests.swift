import Testing
import RedisLint
@testable import Rules

/// Idioms of real code that look like a rule's pattern and are not (each from a reviewed project), each
/// beside its near twin that the rule still reports: the exception is as narrow as the idiom.
@Suite struct IdiomExceptionTests {
    static func scan(_ rule: any Rule, _ path: String, _ language: Language, _ code: String) -> [Finding] {
        Rules2Tests.scan(rule, [(path, language, code)])
    }

    /// RL401: a blocking pop that waits for a wake-up token (huey's result notification, python-redis-lock's signal list).
    @Test func wakeUpListIsNotAQueue() {
        func waiter(pushing value: String) -> String {
            """
            import redis
            r = redis.Redis()
            def notify(task_id, result):
                r.lpush("done:" + task_id, \(value))
                r.expire("done:" + task_id, 60)
            def wait(task_id):
                return r.blpop("done:" + task_id, timeout=30)
            """
        }
        #expect(Self.scan(UnreliableQueue(), "w.py", .python, waiter(pushing: "1")).isEmpty)
        #expect(Self.scan(UnreliableQueue(), "w.py", .python, waiter(pushing: "b'1'")).isEmpty)
        // The push carries a value computed at run time: a job.
        #expect(Self.scan(UnreliableQueue(), "w.py", .python, waiter(pushing: "result")).count == 1)
        // A constant stop marker pushed onto a queue that the file never expires: still a queue.
        let stopMarker = "import redis\nr = redis.Redis()\ndef stop():\n    r.lpush(\"jobs\", \"__STOP__\")\ndef work():\n    while True:\n        job = r.brpop(\"jobs\", 5)\n        handle(job)\n"
        #expect(Self.scan(UnreliableQueue(), "s.py", .python, stopMarker).count == 1)
        #expect(Self.scan(UnreliableQueue(), "s.py", .python, stopMarker.replacingOccurrences(of: "\"jobs\"", with: "\"trade_signals\"")).count == 1)
        #expect(Self.scan(UnreliableQueue(), "s.py", .python, stopMarker.replacingOccurrences(of: "\"jobs\"", with: "\"queue:signal-processing\"")).count == 1)
        let signal = """
            import redis
            r = redis.Redis()
            class Lock:
                def __init__(self, name):
                    self._signal = "lock-signal:" + name
                def acquire(self, timeout):
                    return r.blpop(self._signal, timeout)
            """
        #expect(Self.scan(UnreliableQueue(), "lock.py", .python, signal).isEmpty)
        #expect(Self.scan(UnreliableQueue(), "lock.py", .python, signal.replacingOccurrences(of: "_signal", with: "_jobs")).count == 1)
        // No push in the file: the list may carry anything.
        #expect(Self.scan(UnreliableQueue(), "w.py", .python, "import redis\nr = redis.Redis()\ndef wait(k):\n    return r.blpop(\"done:\" + k, timeout=30)\n").count == 1)
    }

    /// RL403: a sorted set that lists time buckets whose events live in per-tick lists (resque-scheduler).
    @Test func sortedSetOfTimeBucketsKeepsEventsApart() {
        func push(into key: String) -> String {
            """
            redis = Redis.new
            def delayed_push(timestamp, item)
              redis.rpush("\(key)", item)
              redis.zadd(:delayed_queue_schedule, timestamp.to_i, timestamp.to_i)
            end
            """
        }
        #expect(Self.scan(SortedSetMemberCollision(), "d.rb", .ruby, push(into: "delayed:#{timestamp.to_i}")).isEmpty)
        #expect(Self.scan(SortedSetMemberCollision(), "d.rb", .ruby, push(into: "delayed:#{item}")).count == 1)
        // A counter or a read keyed by the tick stores no event: the events still collide.
        let counted = push(into: "delayed:#{item}").replacingOccurrences(of: "  redis.rpush", with: "  redis.incr(\"hits:#{timestamp.to_i}\")\n  redis.rpush")
        #expect(Self.scan(SortedSetMemberCollision(), "d.rb", .ruby, counted).count == 1)
        // One value keyed by the tick beside a limiter's ZADD is no bucket.
        let lastSeen = "redis = Redis.new\ndef hit(user, now)\n  redis.set(\"last_seen:#{now}\", user)\n  redis.zadd(\"rate:#{user}\", now, now)\nend\n"
        #expect(Self.scan(SortedSetMemberCollision(), "d.rb", .ruby, lastSeen).count == 1)
    }

    /// RL502: a function that rescues NOSCRIPT, reloads through code the trace cannot follow, and retries.
    @Test func noScriptHandlerIsAFallback() {
        func evalsha(rescuing error: String) -> String {
            """
            redis = Redis.new
            def locked?(key)
              redis.evalsha(send("locked_sha", @refresh), keys: [key], argv: [])
            rescue Redis::CommandError => e
              if e.message =~ /\(error)/
                @refresh = true
                retry
              end
              raise
            end
            """
        }
        #expect(Self.scan(EvalshaWithoutFallback(), "l.rb", .ruby, evalsha(rescuing: "NOSCRIPT")).isEmpty)
        #expect(Self.scan(EvalshaWithoutFallback(), "l.rb", .ruby, evalsha(rescuing: "READONLY")).count == 1)
        // A comment that names it handles nothing; nor does a mention elsewhere in the file for its top level.
        let todo = "redis = Redis.new\ndef locked?(key)\n  # TODO: handle NOSCRIPT\n  redis.evalsha(LOCKED_SHA, keys: [key], argv: [])\nend\n"
        #expect(Self.scan(EvalshaWithoutFallback(), "l.rb", .ruby, todo).count == 1)
        let topLevel = "redis = Redis.new\nredis.evalsha(LOCKED_SHA, keys: [\"k\"], argv: [])\ndef other\n  raise unless error =~ /NOSCRIPT/\nend\n"
        #expect(Self.scan(EvalshaWithoutFallback(), "l.rb", .ruby, topLevel).count == 1)
        #expect(EvalshaWithoutFallback.namesNoScript(Array("x NoScriptError".utf8), in: 0..<15))
        #expect(!EvalshaWithoutFallback.namesNoScript(Array("x NoScriptError".utf8), in: 0..<9))
        #expect(!EvalshaWithoutFallback.namesNoScript([], in: 0..<40))
    }

    /// RL404: a temporary list built and renamed into place in one MULTI (split's `persist_list`).
    @Test func temporaryKeyRenamedIntoPlaceDoesNotStay() {
        func persist(renaming key: String) -> String {
            """
            redis = Redis.new
            def persist_list(list_name, values)
              redis.multi do |multi|
                tmp_list = "#{list_name}_tmp"
                multi.rpush(tmp_list, values)
                multi.rename(\(key), list_name)
              end
            end
            """
        }
        #expect(Self.scan(NoTTL(), "r.rb", .ruby, persist(renaming: "tmp_list")).isEmpty)
        #expect(Self.scan(NoTTL(), "r.rb", .ruby, persist(renaming: "other_list")).count == 1)
        // Renamed onto a key named like a cache, or renamed away before the write: the temporary data stays.
        #expect(Self.scan(NoTTL(), "r.rb", .ruby, persist(renaming: "tmp_list").replacingOccurrences(of: ", list_name)", with: ", \"cache:list\")")).count == 1)
        let renamedFirst = "redis = Redis.new\ndef reset(ip)\n  redis.rename(\"ratelimit:#{ip}\", \"old:#{ip}\")\n  redis.incr(\"ratelimit:#{ip}\")\nend\n"
        #expect(Self.scan(NoTTL(), "r.rb", .ruby, renamedFirst).count == 1)
        // RENAMENX renames nothing when the destination exists: the temporary key may stay.
        #expect(Self.scan(NoTTL(), "r.rb", .ruby, persist(renaming: "tmp_list").replacingOccurrences(of: "multi.rename(", with: "multi.renamenx(")).count == 1)
    }
}

extension IdiomExceptionTests {
    /// RL303: a key-value store's insert-if-absent (hummingbird's persist driver) is not a lock; a function named to
    /// take one, or a key named like one, still is.
    @Test func insertIfAbsentIsNotALock() {
        func store(inserting name: String, key: String = "RedisKey(key)") -> String {
            """
            import RediStack
            func \(name)(connection: RedisConnection, key: String, value: String) async throws -> Bool {
                try await connection.set(\(key), to: value, onCondition: .keyDoesNotExist, expiration: .seconds(300)).get() == .ok
            }
            func remove(connection: RedisConnection, key: String) async throws {
                _ = try await connection.delete(\(key)).get()
            }
            """
        }
        #expect(Self.scan(UnsafeLockRelease(), "p.swift", .swift, store(inserting: "create")).isEmpty)
        #expect(Self.scan(UnsafeLockRelease(), "p.swift", .swift, store(inserting: "insertRecord")).isEmpty)
        #expect(Self.scan(UnsafeLockRelease(), "p.swift", .swift, store(inserting: "acquire")).count == 1)
        #expect(Self.scan(UnsafeLockRelease(), "p.swift", .swift, store(inserting: "createLock")).count == 1)
        #expect(Self.scan(UnsafeLockRelease(), "p.swift", .swift, store(inserting: "create", key: "RedisKey(\"lock:\\(key)\")")).count == 1)
        #expect(RaceFacts.insertsRecord("Store.add_item"))
        #expect(!RaceFacts.insertsRecord("addLock"))
        #expect(!RaceFacts.insertsRecord(""))
        #expect(!RaceFacts.insertsRecord("<top level>"))
    }
}

extension IdiomExceptionTests {
    /// RL401: a function that empties a queue pops on purpose (swift-jobs' `removeSet`); one that flushes buffered
    /// events elsewhere or puts jobs back consumes them.
    @Test func purgeAndRequeuePopsAreNotConsumers() {
        func drain(_ name: String) -> String {
            """
            import Valkey
            func \(name)(client: ValkeyClient, key: ValkeyKey) async throws {
                while true {
                    guard let ids = try await client.rpop(key, count: 100) else { break }
                    try await handle(ids)
                }
            }
            """
        }
        for name in ["removeSet", "purge_queue", "cleanupStale", "deleteAll"] {
            #expect(Self.scan(UnreliableQueue(), "q.swift", .swift, drain(name)).isEmpty, "\(name)")
        }
        for name in ["work", "processJobs", "run", "flushEvents", "rerunSet", "reset_counters_and_process"] {
            #expect(Self.scan(UnreliableQueue(), "q.swift", .swift, drain(name)).count == 1, "\(name)")
        }
        #expect(WordList.leadingWord(ofFunction: "Queue.rerunSet") == "rerun")
        #expect(WordList.leadingWord(ofFunction: "purge_queue") == "purge")
        #expect(WordList.leadingWord(ofFunction: "") == nil)
        #expect(WordList.leadingWord(ofFunction: "<top level>") == "top")
        #expect(WordList.leadingWord(ofFunction: "__init__") == "init")
    }

    /// The leading word is found in an ASCII name's bytes (`leadingWordRange`) as `split` by characters finds it:
    /// trailing and repeated dots, names without a word, long names; a non-ASCII name goes by its characters.
    @Test func leadingWordByBytesMatchesSplit() {
        func bySplit(_ name: String) -> String? {
            guard let last = name.split(separator: ".").last else { return nil }
            return RaceFacts.words(String(last)).first
        }
        let long = String(repeating: "a.", count: 10_000) + "createItem"
        let names = ["", ".", "...", "a.b..", "Store.create_item", "Store..add", "x.", ".insert", "<top level>", "__init__",
                     "rerunSet", "Q.9lives", "a-b.c_d", long, String(repeating: ".", count: 20_000), "café.add_item", "add.\u{301}x"]
        let inserts = WordList(["create", "add", "insert"])
        for name in names {
            #expect(WordList.leadingWord(ofFunction: name) == bySplit(name), "\(name.prefix(40))")
            #expect(inserts.containsLeadingWord(ofFunction: name) == (bySplit(name).map { ["create", "add", "insert"].contains($0) } ?? false),
                    "\(name.prefix(40))")
        }
        #expect(inserts.containsLeadingWord(ofFunction: long))
        #expect(inserts.containsLeadingWord(ofFunction: "Store.ADD_item"))
        #expect(!inserts.containsLeadingWord(ofFunction: "Store.adder"))
    }
}

extension IdiomExceptionTests {
    /// The exceptions' facts are made once per function or file: on a generated function of thousands of candidates
    /// the answers are each candidate's own.
    @Test func exceptionsHoldOnGeneratedFunctions() {
        let count = 3_000
        var zadds = "redis = Redis.new\ndef push(ts, item)\n"
        for n in 0..<count { zadds += "  redis.rpush(\"delayed:#{t\(n)}\", item)\n  redis.zadd(\"schedule\", t\(n), t\(n))\n" }
        zadds += "  redis.zadd(\"rate\", now, now)\nend\n"
        #expect(Self.scan(SortedSetMemberCollision(), "z.rb", .ruby, zadds).map(\.start.line) == [2 * count + 3])
        var pops = "import redis\nr = redis.Redis()\ndef f(item):\n"
        for n in 0..<count { pops += "    r.lpush(\"done:\(n)\", 1)\n    r.expire(\"done:\(n)\", 5)\n    r.blpop(\"done:\(n)\", 5)\n" }
        pops += "    r.lpush(\"jobs\", item)\n    r.blpop(\"jobs\", 5)\n"
        #expect(Self.scan(UnreliableQueue(), "p.py", .python, pops).map(\.start.line) == [3 * count + 5])
        var writes = "redis = Redis.new\ndef persist(values)\n"
        for n in 0..<count { writes += "  redis.rpush(\"tmp:\(n)\", values)\n  redis.rename(\"tmp:\(n)\", \"list:\(n)\")\n" }
        writes += "  redis.rpush(\"tmp:last\", values)\nend\n"
        #expect(Self.scan(NoTTL(), "w.rb", .ruby, writes).map(\.start.line) == [2 * count + 3])
    }
}

extension IdiomExceptionTests {
    /// RL801: a deprecated command on one side of a branch on the server's version is the fallback for old servers (saq).
    @Test func deprecatedCommandForOldServersIsTheirFallback() {
        func dequeue(_ condition: String) -> String {
            """
            import redis
            r = redis.Redis()
            async def dequeue(self, timeout):
                if \(condition):
                    return await r.brpoplpush("jobs", "active", timeout)
                return await r.blmove("jobs", "active", timeout, "RIGHT", "LEFT")
            """
        }
        #expect(Self.scan(DeprecatedCommand(), "q.py", .python, dequeue("await self.version() < (6, 2, 0)")).isEmpty)
        #expect(Self.scan(DeprecatedCommand(), "q.py", .python, dequeue("self.server_version < 6")).isEmpty)
        #expect(Self.scan(DeprecatedCommand(), "q.py", .python, dequeue("self.legacy")).count == 1)
        #expect(Self.scan(DeprecatedCommand(), "q.py", .python, dequeue("self.versions")).count == 1)
        // A branch on the application's version that sends no replacement: reported.
        let appVersion = "import redis\nr = redis.Redis()\ndef save(app_version, d):\n    if app_version >= 2:\n        r.hmset(\"user:1\", d)\n"
        #expect(Self.scan(DeprecatedCommand(), "s.py", .python, appVersion).count == 1)
    }
}
