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
    /// RL401: a function that empties a queue or puts its jobs back pops on purpose (swift-jobs' `removeSet`, `rerunSet`).
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
        for name in ["removeSet", "rerunSet", "purge_queue", "cleanupStale"] {
            #expect(Self.scan(UnreliableQueue(), "q.swift", .swift, drain(name)).isEmpty, "\(name)")
        }
        for name in ["work", "processJobs", "run"] {
            #expect(Self.scan(UnreliableQueue(), "q.swift", .swift, drain(name)).count == 1, "\(name)")
        }
        #expect(WordList.leadingWord(ofFunction: "Queue.rerunSet") == "rerun")
        #expect(WordList.leadingWord(ofFunction: "purge_queue") == "purge")
        #expect(WordList.leadingWord(ofFunction: "") == nil)
        #expect(WordList.leadingWord(ofFunction: "<top level>") == "top")
        #expect(WordList.leadingWord(ofFunction: "__init__") == "init")
    }
}
