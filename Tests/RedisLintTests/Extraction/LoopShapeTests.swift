import Testing
@testable import RedisLint

/// How many loops repeat a command (found by a hand-checked sample of ops on rq, django-redis,
/// sidekiq, RediStack and bullmq): closures that iterate without parentheses, `Array.from`
/// callbacks, and loops the code leaves right after the command.
@Suite struct LoopShapeTests {
    /// "COMMAND key loopDepth" for every op, in order.
    func ops(_ language: Language, _ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)), prefilter: false)
            .traces.flatMap(\.ops).map { "\($0.command) \($0.keys.map(\.display).joined(separator: ",")) \($0.loopDepth)" }
    }

    @Test func swiftTrailingIterationClosuresAreLoops() {
        let code = """
            import RediStack
            func f(connection: RedisConnection, ids: [Int]) {
                ids.forEach { n in _ = connection.get("a") }
                _ = (0..<10).map { n in connection.sadd([n], to: "b") }
                [1, 2].forEach { n in _ = connection.get("c") }
            }
            """
        #expect(ops(.swift, code) == ["GET a 1", "SADD b 1", "GET c 1"])
    }

    /// NIO's `map`/`flatMap` on a future runs its closure once.
    @Test func swiftFutureMapIsNotALoop() {
        let code = """
            import RediStack
            func f(connection: RedisConnection) {
                let future = connection.get("k")
                _ = future.map { v in connection.set("x", to: "v") }
                _ = connection.get("k").flatMap { v in connection.set("y", to: "v") }
            }
            """
        #expect(ops(.swift, code).allSatisfy { $0.hasSuffix(" 0") })
        #expect(ops(.swift, code).contains("SET x 0"))
    }

    /// `RedisKey.init(_:)` is a reference to an initialiser, not the start of one: the loop after it
    /// stays in the function it is written in.
    @Test func swiftInitReferenceIsNotADeclaration() {
        let code = """
            import RediStack
            func test_mget(connection: RedisConnection) throws {
                let keys = ["one", "two"].map(RedisKey.init(_:))
                for key in keys { _ = try connection.set(key, to: "v").wait() }
            }
            """
        let traces = FrontEnd.analyze(SourceFile(path: "x.swift", language: .swift, bytes: Array(code.utf8)), prefilter: false).traces
        #expect(traces.map(\.name) == ["test_mget"])
        #expect(traces.first?.ops.map(\.loopDepth) == [1])
    }

    @Test func javaScriptArrayFromCallbackIsALoop() {
        let code = """
            const Redis = require('ioredis'); const client = new Redis();
            function f(ids) {
              Array.from({ length: 10 }, (_, i) => client.get(`c:${i}`));
              Array.from(ids);
              client.get('d');
            }
            """
        #expect(ops(.javascript, code) == ["GET c:${i} 1", "GET d 0"])
    }

    @Test func leavingTheLoopRightAfterTheCommandDoesNotRepeatIt() {
        let python = """
            from redis import Redis
            def set_value(client: Redis, key, value):
                while True:
                    try:
                        return bool(client.set(key, value, px=1000))
                    except ConnectionError:
                        continue
            def first(client: Redis, keys):
                for key in keys:
                    client.delete(key)
                    client.incr('deleted')
                    return key
            """
        // A `try` whose handler goes round again repeats the command (rq's worker loop); RL103 still leaves
        // the retry alone, as its key is the same on every round.
        #expect(ops(.python, python) == ["SET ${key} 1", "DEL ${key} 0", "INCR deleted 0"])
        let ruby = """
            require "redis"
            def delete_by_jid(name, jid)
              conn = Redis.new
              conn.zrange(name, 0, -1).each do |element|
                if element.index(jid)
                  ret = conn.zrem(name, element)
                  break ret
                end
              end
            end
            """
        #expect(ops(.ruby, ruby) == ["ZRANGE ${name} 0", "ZREM ${name} 0"])
        let javascript = """
            const Redis = require('ioredis'); const redis = new Redis();
            async function f(ids) {
              for (const id of ids) {
                while (true) {
                  await redis.set(`a:${id}`, 1);
                  break;
                }
              }
            }
            """
        #expect(ops(.javascript, javascript) == ["SET a:${id} 1"])
    }

    /// Clean twins: the loop goes on after the command, or the exit is conditional, or it leaves only a callback.
    @Test func loopsThatGoOnStillRepeatTheCommand() {
        let python = """
            from redis import Redis
            def f(client: Redis, keys):
                for key in keys:
                    client.delete(key)
                return len(keys)
            def g(client: Redis, keys):
                for key in keys:
                    client.delete(key)
                    if key == 'x':
                        break
            """
        #expect(ops(.python, python) == ["DEL ${key} 1", "DEL ${key} 1"])
        let ruby = """
            require "redis"
            def f(ids)
              redis = Redis.new
              ids.each do |id|
                redis.get("a:#{id}")
                break if id == 3
              end
              ids.each { |id| redis.get("b:#{id}"); next }
            end
            """
        #expect(ops(.ruby, ruby) == ["GET a:${id} 1", "GET b:${id} 1"])
        let javascript = """
            const Redis = require('ioredis'); const redis = new Redis();
            function f(ids) {
              ids.forEach((id) => { return redis.get(`a:${id}`); });
              return ids.map((id) => { return redis.get(`b:${id}`) });
            }
            """
        #expect(ops(.javascript, javascript) == ["GET a:${id} 1", "GET b:${id} 1"])
    }

    /// `for client in connection.client_list()`: the loop variable is a reply entry, not a client.
    @Test func loopVariablesNamedLikeClientsAreNotClients() {
        let python = """
            from redis import Redis
            def ip_address(connection: Redis, name):
                return [c["addr"] for client in connection.client_list() if client.get("name") == name]
            def g(items):
                for client in items:
                    client.get("x")
            def h():
                client.get("y")
            """
        #expect(ops(.python, python).map { $0.split(separator: " ")[0] } == ["CLIENT", "GET"])
        let javascript = "import Redis from 'ioredis';\nfunction f(list) {\n  for (const client of list) client.get('x');\n}\n"
        #expect(ops(.javascript, javascript).isEmpty)
    }

    /// A call in a `while`/`until` condition runs before every pass (Sidekiq's scheduler:
    /// `while !@done && (job = zpopbyscore(conn, …))` inside `sorted_sets.each`); a call after the loop, or in a
    /// one-line loop's body, is counted once.
    @Test func whileConditionsRepeat() {
        let ruby = """
            require "redis"
            def enqueue(conn)
              SETS.each do |set|
                while !@done && (job = zpop(conn, set))
                  push(job)
                end
              end
              until conn.get("stop")
                sleep 1
              end
              conn.get("once")
            end
            def zpop(conn, set)
              conn.call("EVALSHA", @sha, 1, set)
            end
            """
        #expect(ops(.ruby, ruby) == ["EVALSHA ${set} 2", "GET stop 1", "GET once 0", "EVALSHA ${set} 0"])
        let python = "import redis\nr = redis.Redis()\ndef f():\n    while r.llen(\"q\") > 0:\n        r.rpop(\"q\")\n    while True: r.get(\"a\")\n    r.get(\"b\")\n"
        #expect(ops(.python, python) == ["LLEN q 1", "RPOP q 1", "GET a 1", "GET b 0"])
        let javascript = """
            const Redis = require('ioredis'); const r = new Redis();
            async function f() {
              while ((await r.llen('q')) > 0) { await r.rpop('q'); }
              do { await r.incr('n'); } while (await r.get('go'));
              await r.get('after');
            }
            """
        #expect(ops(.javascript, javascript) == ["LLEN q 1", "RPOP q 1", "INCR n 1", "GET go 1", "GET after 0"])
        let swift = """
            import RediStack
            func f(r: RedisConnection) async throws {
                while try await r.llen(of: "q").get() > 0 { _ = try await r.rpop(from: "q").get() }
                _ = try await r.get("after").get()
            }
            """
        #expect(ops(.swift, swift) == ["LLEN q 1", "RPOP q 1", "GET after 0"])
    }

    /// A callback given to a function of the file that calls it once per element repeats (RediStack's
    /// tests: `runOperation { conn.subscribe(to: $0) }` over `(0...100_000).reduce`); one it calls once does not.
    @Test func callbacksCalledInALoopByTheirFunctionRepeat() {
        let swift = """
            import RediStack
            final class T {
                let connection: RedisConnection
                func test() throws {
                    func runOperation(_ factory: (String) -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
                        .andAllSucceed((0...100).reduce(into: []) { result, index in result.append(factory("c-\\(index)")) }, on: self.connection.eventLoop)
                    }
                    func once(_ body: () -> Void) { body() }
                    try runOperation { self.connection.publish("m", to: RedisChannelName($0)) }.wait()
                    once { _ = self.connection.publish("m", to: "c") }
                }
            }
            """
        #expect(ops(.swift, swift).map { $0.split(separator: " ").first! + " \($0.split(separator: " ").last!)" } == ["PUBLISH 1", "PUBLISH 0"])
        let ruby = """
            class Sweeper
              def each_shard
                SHARDS.each { |s| yield s }
              end
              def each_queue(&block)
                QUEUES.each { |q| block.call(q) }
              end
              def with_lock
                yield
              end
              def sweep
                redis = Redis.new
                each_shard { |s| redis.del("shard:#{s}") }
                each_queue do |q|
                  redis.del("queue:#{q}")
                end
                with_lock { redis.del("lock") }
              end
            end
            """
        #expect(ops(.ruby, ruby) == ["DEL shard:${s} 1", "DEL queue:${q} 1", "DEL lock 0"])
        let javascript = """
            const Redis = require('ioredis'); const redis = new Redis();
            function eachShard(cb) { for (const s of SHARDS) cb(s); }
            function once(cb) { cb('x'); }
            function sweep() {
              eachShard((s) => redis.del(`shard:${s}`));
              once((s) => redis.del(`one:${s}`));
            }
            """
        #expect(ops(.javascript, javascript) == ["DEL shard:${s} 1", "DEL one:${s} 0"])
    }

    /// A name last assigned a mapping or list literal holds no client, whatever it is called (bullmq's
    /// `client = {}` filled from `CLIENT LIST` lines, then `for client in clients`); assigned a client, it is one.
    @Test func namesAssignedCollectionLiteralsAreNotClients() {
        let python = """
            from redis import Redis
            def parse(lines):
                clients = []
                for line in lines:
                    client = {}
                    clients.append(client)
                for client in clients:
                    name = client.get("name")
            def real():
                client = {}
                client = Redis()
                client.get("k")
            """
        #expect(ops(.python, python) == ["GET k 0"])
        let ruby = "def f(r)\n  redis = []\n  redis.get(\"a\")\n  redis = Redis.new\n  redis.get(\"b\")\nend\n"
        #expect(ops(.ruby, ruby) == ["GET b 0"])
    }

    /// A cache backend over Redis (django-redis `RedisCache`) is a cache abstraction, not a client.
    @Test func redisCacheBackendIsNotAClient() {
        let python = """
            from django_redis.cache import RedisCache
            from redis import Redis
            def test_touch(cache: RedisCache, r: Redis):
                cache.touch("k", 1)
                r.touch("k")
            """
        #expect(ops(.python, python) == ["TOUCH k 0"])
    }

    /// The exit statement holds its own loop (`return [r.get(k) for k in ks]`): that loop repeats the call,
    /// the loops around the statement do not.
    @Test func loopsInsideTheExitingStatementRepeat() {
        let python = "import redis\nr = redis.Redis()\ndef f(ids, groups):\n    for g in groups:\n        return [r.get(f\"user:{i}\") for i in ids]\n"
        #expect(ops(.python, python) == ["GET user:${i} 1"])
        let javascript = "import Redis from 'ioredis';\nconst redis = new Redis();\nfunction f(ids) {\n  while (true) {\n    return ids.map((id) => redis.get(`a:${id}`));\n  }\n}\n"
        #expect(ops(.javascript, javascript) == ["GET a:${id} 1"])
    }

    /// A future chain continued on the next line (`\n.flatMap { … }`) is NIO's, once (queues-redis-driver).
    @Test func swiftFutureChainOnTheNextLineIsNotALoop() {
        let code = """
            import RediStack
            func push(client: RedisClient) -> EventLoopFuture<Void> {
                client.lpush("a", into: "q")
                    .flatMap { _ in client.lrem("a", from: "p") }
            }
            """
        #expect(ops(.swift, code) == ["LPUSH q 0", "LREM p 0"])
    }

    /// `10.times do |i|`, `50.times { … }`: a number literal's iteration method (sidekiq, resque tests).
    @Test func rubyTimesOnANumberIsALoop() {
        let code = "require 'redis'\ndef f\n  conn = Redis.new\n  10.times do |i|\n    conn.sadd(\"processes\", [\"p-#{i}\"])\n  end\n  50.times { conn.get(\"x\") }\n  conn.get(\"y\")\nend\n"
        #expect(ops(.ruby, code) == ["SADD processes 1", "GET x 1", "GET y 0"])
    }

    func keysVary(_ language: Language, _ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)), prefilter: false)
            .traces.flatMap(\.ops).filter { $0.loopDepth > 0 }.map { "\($0.command) \($0.keyVariesInLoop)" }
    }

    /// A key built from names the loop binds varies; one built before the loop is the same key every time
    /// (redash's WATCH retry loop on `lock_key(h)`, polling `lock:%s`).
    @Test func keysVaryOnlyWithTheLoopsNames() {
        let python = """
            import redis
            r = redis.Redis()
            def f(h, ids):
                k = "lock:%s" % h
                while True:
                    r.get(k)
                    r.get(lock_key(h))
                    key = queue.pop()
                    r.get(key)
                for i in ids:
                    r.get(f"user:{i}")
                names = [r.get(f"u:{i}") for i in ids]
            """
        #expect(keysVary(.python, python) == ["GET false", "GET false", "GET true", "GET true", "GET true"])
        let javascript = """
            import Redis from 'ioredis';
            const redis = new Redis();
            async function f(ids, k) {
              for (let i = 0; i < ids.length; i++) await redis.get(`a:${i}`);
              for (const id of ids) await redis.get(k);
              ids.forEach((id) => redis.get(`b:${id}`));
            }
            """
        #expect(keysVary(.javascript, javascript) == ["GET true", "GET false", "GET true"])
        let ruby = "require 'redis'\ndef f(ids, k)\n  redis = Redis.new\n  ids.each { |id| redis.get(\"a:#{id}\") }\n  ids.each { |id| redis.get(k) }\nend\n"
        #expect(keysVary(.ruby, ruby) == ["GET true", "GET false"])
        let swift = "import RediStack\nfunc f(ids: [String], k: RedisKey, connection: RedisConnection) {\n    for id in ids { _ = connection.get(RedisKey(\"a:\\(id)\")) }\n    for _ in ids { _ = connection.get(k) }\n}\n"
        #expect(keysVary(.swift, swift) == ["GET true", "GET false"])
    }

    /// `if stale: r.delete(k)` between the command and the `break` does not keep the loop going.
    @Test func branchesBeforeTheExitStillLeave() {
        let python = """
            import redis
            r = redis.Redis()
            def f(k, ks):
                while True:
                    v = r.get(k)
                    if v == b"stale":
                        r.delete(k)
                    break
                for x in ks:
                    v = r.get(x)
                    if not v:
                        continue
                    break
            """
        #expect(ops(.python, python) == ["GET ${k} 0", "DEL ${k} 1", "GET ${x} 1"])
        let javascript = "import Redis from 'ioredis';\nconst redis = new Redis();\nasync function f(k) {\n  while (true) {\n    const v = await redis.get(k);\n    if (v) { log(v); } else { log(k); }\n    break;\n  }\n}\n"
        #expect(ops(.javascript, javascript) == ["GET ${k} 0"])
    }

    /// Ruby's implicit block parameters (`_1`, 3.4's `it`) are the block's first parameter (feedbin).
    @Test func rubyImplicitBlockParameters() {
        let code = "require 'redis'\ndef a\n  Sidekiq.redis { |r| r.hincrby(\"h\", \"f\", 1) }\n  Sidekiq.redis { _1.hincrby(\"h\", \"f\", 1) }\n  Sidekiq.redis { it.hincrby(\"h\", \"f\", 1) }\nend\n"
        let confidences = FrontEnd.analyze(SourceFile(path: "x.rb", language: .ruby, bytes: Array(code.utf8)), prefilter: false)
            .traces.flatMap(\.ops).map(\.confidence)
        #expect(confidences == [.high, .high, .high])
    }

    /// redis-py's `pipe.reset()` clears the pipeline object; it sends no RESET.
    @Test func pipelineResetIsNotACommand() {
        let code = "import redis\nr = redis.Redis()\ndef f(k):\n    pipe = r.pipeline()\n    pipe.watch(k)\n    pipe.reset()\n"
        #expect(ops(.python, code) == ["WATCH ${k} 0"])
    }

    /// `while True: try: heartbeat…; break / except DequeueTimeout: pass` (rq): the loop goes round again
    /// whenever the handler runs, so the command repeats; `filter_map` iterates (sidekiq-unique-jobs).
    @Test func handledTryKeepsTheLoopAndFilterMapIterates() {
        let python = "import redis\nr = redis.Redis()\ndef work(k):\n    while True:\n        try:\n            r.hset(k, 'beat', 1)\n            job = dequeue()\n            break\n        except DequeueTimeout:\n            pass\n"
        #expect(ops(.python, python) == ["HSET ${k} 1"])
        let ruby = "require 'redis'\ndef f(entries)\n  conn = Redis.new\n  entries.filter_map { |d| conn.pttl(\"lock:#{d}\") }\nend\n"
        #expect(ops(.ruby, ruby) == ["PTTL lock:${d} 1"])
    }

    /// A Ruby parameter hides the method of its name: `process_count * 5` reads the parameter (sidekiq).
    @Test func rubyLocalsHideHelperMethods() {
        let code = "require 'redis'\nclass S\n  def process_count\n    Sidekiq.redis { |conn| conn.scard('processes') }\n  end\n  def interval(process_count)\n    process_count * 5\n  end\n  def other\n    process_count * 2\n  end\nend\n"
        let traces = FrontEnd.analyze(SourceFile(path: "x.rb", language: .ruby, bytes: Array(code.utf8)), prefilter: false).traces
        #expect(traces.map(\.name) == ["process_count", "other"])
    }

    /// redis-py WATCH mode: `pipe.unwatch(); continue` in a branch is sent at once and ends the watch on
    /// that path only, so the commands after the branch still run at once (rq's registry).
    @Test func unwatchInAnExitingBranchKeepsWatchMode() {
        let code = "import redis\nr = redis.Redis()\ndef f(key, jobs):\n    for job in jobs:\n        with r.pipeline() as pipe:\n            pipe.watch(key)\n            if pipe.zscore(key, job) is None:\n                pipe.unwatch()\n                continue\n            status = pipe.hget(job, 'status')\n            pipe.multi()\n            pipe.zrem(key, job)\n            pipe.execute()\n"
        let contexts = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8)), prefilter: false)
            .traces.flatMap(\.ops).map { "\($0.command) \($0.context)" }
        #expect(contexts == ["WATCH plain", "ZSCORE plain", "UNWATCH plain", "HGET plain", "ZREM transaction"])
    }

    /// `return true if digest_in_queue?(q, d)` runs the call on every round and returns only sometimes
    /// (sidekiq-unique-jobs' reaper); `self.mget(ids)` on a class that defines `mget` is its own method (celery).
    @Test func modifierExitsAndOwnMethods() {
        let ruby = "require 'redis'\ndef enqueued?(queues, d)\n  queues.each do |queue|\n    return true if digest_in_queue?(queue, d)\n  end\n  false\nend\ndef digest_in_queue?(queue, d)\n  conn = Redis.new\n  conn.llen(queue)\nend\n"
        #expect(ops(.ruby, ruby) == ["LLEN ${queue} 1", "LLEN ${queue} 0"])
        let python = "import redis\nclass Base:\n    def mget(self, keys):\n        raise NotImplementedError\n    def get_many(self, ids):\n        while ids:\n            self.mget([k for k in ids])\n"
        #expect(ops(.python, python).isEmpty)
        // A class method calling the class's own `lmove` (rq's `Queue.dequeue_any`): the helper's commands, not LMOVE.
        let classMethod = "import redis\nclass Queue:\n    @classmethod\n    def lmove(cls, connection, key, timeout):\n        return connection.blmove(key, 'tmp', timeout)\n"
            + "    @classmethod\n    def dequeue(cls, connection, key):\n        return cls.lmove(connection, key, 5)\n"
        #expect(ops(.python, classMethod).map { $0.split(separator: " ").first! } == ["BLMOVE", "BLMOVE"])
    }
}
