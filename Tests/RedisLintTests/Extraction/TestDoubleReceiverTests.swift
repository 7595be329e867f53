import Testing
@testable import RedisLint

/// Test doubles and classes about Redis that are not clients (found by a hand-checked sample on
/// bullmq, celery and resque): their calls are not Redis commands.
extension ForeignConstructionTests {
    @Test func mocksAreNotClients() {
        let python = """
            from unittest.mock import MagicMock
            import redis
            def test_x(self):
                self.b.client.pipeline.return_value.rpush().llen().execute.return_value = (1, 1)
                client = MagicMock()
                client.hincrby("a", "b", 1)
                r = redis.Redis()
                r.hincrby("a", "b", 1)
            """
        #expect(commands(.python, python) == ["HINCRBY high"])
        let javascript = "import Redis from 'ioredis';\nconst client = createMockClusterClient();\nclient.bzpopmin('marker', 1);\nconst stubbed = sinon.stub();\nstubbed.hincrby('a', 'b', 1);\nconst redis = new Redis();\nredis.bzpopmin('marker', 1);\n"
        #expect(commands(.javascript, javascript) == ["BZPOPMIN high"])
        let ruby = "require 'redis'\nredis = instance_double(Redis)\nredis.hincrby('a', 'b', 1)\n"
        #expect(commands(.ruby, ruby).isEmpty)
    }

    /// Redis-compatible fakes (the mock_redis gem, fakeredis) stay clients: their calls are Redis commands.
    @Test func redisFakesStayClients() {
        #expect(commands(.ruby, "require 'redis'\n@redis = MockRedis.new\n@redis.hincrby('a', 'b', 1)\n") == ["HINCRBY low"])
        #expect(commands(.python, "import fakeredis\nr = fakeredis.FakeRedis()\nr.hincrby('a', 'b', 1)\n") == ["HINCRBY low"])
    }

    /// `Resque::Failure::RedisMultiQueue.new(…)`: a class named after Redis that is a queue, not a client.
    @Test func redisNamedClassesThatAreNotClients() {
        let ruby = """
            require "redis"
            @redis_backend = Resque::Failure::RedisMultiQueue.new(exception, worker)
            @redis_backend.save
            @redis = Redis::Namespace.new(:ns, redis: Redis.new)
            @redis.save
            """
        #expect(commands(.ruby, ruby) == ["SAVE high"])
    }
}

extension ForeignConstructionTests {
    /// `new RateLimiterRedis({ storeClient })`: a rate limiter over Redis, whose `get` is its own.
    @Test func classesNamedWithRedisAndAnotherRoleAreNotClients() {
        let javascript = "const Redis = require('ioredis');\nconst rlRedis = new RateLimiterRedis({ storeClient: new Redis() });\nrlRedis.get('k');\nconst redisClient = new Redis();\nredisClient.get('k');\n"
        #expect(commands(.javascript, javascript) == ["GET high"])
        #expect(ClientEvidence.isAboutRedisButNotAClient("Resque::Failure::RedisMultiQueue"))
        #expect(!ClientEvidence.isAboutRedisButNotAClient("Redis::Namespace"))
        #expect(!ClientEvidence.isAboutRedisButNotAClient("RedisClusterClient"))
    }

    /// `opts.get("connection", {})`: an entry of a mapping that defaults to a mapping is not a client.
    @Test func mappingEntriesWithCollectionDefaultsAreNotClients() {
        let python = "import redis\ndef f(opts):\n    connection = opts.get(\"connection\", {})\n    connection.get(\"port\")\n    conn = opts.get(\"c\")\n    conn.get(\"x\")\n"
        #expect(commands(.python, python) == ["GET low"])
    }
}

extension ForeignConstructionTests {
    /// `adapter.ttl` (an attribute reader, flipper's RedisCache) is no TTL: a keyed command needs arguments.
    @Test func keyedCommandsWithoutArgumentsAreNotCommands() {
        #expect(commands(.ruby, "require 'redis'\nadapter = described_class.new(memory_adapter, client, 10)\nadapter.ttl\nredis = Redis.new\nredis.ttl('k')\nredis.keys\n")
                == ["TTL high", "KEYS high"])
    }

    /// redis-py's `zrange(k, a, b, desc=True)` sends ZREVRANGE (rq cron.py), unless a BYSCORE/BYLEX form is asked for.
    @Test func redisPyDescendingRangeIsZrevrange() {
        let ops = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(
            "import redis\nr = redis.Redis()\nr.zrange('k', 0, 10, desc=True)\nr.zrange('k', 0, 10, desc=True, byscore=True)\nr.zrange('k', 0, 10, desc=False)\n".utf8)))
            .traces.flatMap(\.ops).map(\.command)
        #expect(ops == ["ZREVRANGE", "ZRANGE", "ZRANGE"])
    }
}

extension ForeignConstructionTests {
    /// redis-py `lmove(src, dst)` sends `LMOVE src dst LEFT RIGHT`: both lists are keys though the call
    /// leaves the directions to the client's defaults (rq's intermediate queue).
    @Test func keysAtFixedPlacesBeforeClientDefaults() {
        let ops = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(
            "import redis\nr = redis.Redis()\nr.lmove('a', 'b')\nr.blmove('a', 'b', 5)\nr.set('k', 'v')\n".utf8)))
            .traces.flatMap(\.ops).map { "\($0.command) \($0.keys.map(\.display).joined(separator: ","))" }
        #expect(ops == ["LMOVE a,b", "BLMOVE a,b", "SET k"])
    }
}
