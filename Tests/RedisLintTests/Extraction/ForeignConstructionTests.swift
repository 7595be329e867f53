import Testing
@testable import RedisLint

/// A receiver built by another class's constructor (`@client = Client.new(url:)`, `new MemoryStorage()`,
/// `backend = DatabaseBackend(app)`) is not a Redis client, whatever its name or its method names
/// (found on flipper, celery, node-rate-limiter-flexible).
@Suite struct ForeignConstructionTests {
    func commands(_ language: Language, _ code: String) -> [String] { commandsWithConfidence(language, code) }

    @Test func otherClassesInstancesAreNotClients() {
        #expect(commands(.ruby, "class Http\n  def initialize(o)\n    @client = Client.new(url: o)\n  end\n  def get(path)\n    @client.get(path)\n  end\nend\n").isEmpty)
        #expect(commands(.ruby, "def t\n  adapter = described_class.new(memory, cache, expires_in: 10)\n  adapter.ttl\nend\n").isEmpty)
        #expect(commands(.javascript, "class L {\n  constructor() { this._storage = new MemoryStorage(); }\n  f(k) { this._storage.incrby(k, 1); }\n}\n").isEmpty)
        #expect(commands(.python, "def f(app, ids):\n    backend = DatabaseBackend(app)\n    backend.mget(ids)\n").isEmpty)
    }

    @Test func redisClassesAndWrappersStayClients() {
        #expect(commands(.ruby, "def f\n  c = Redis.new\n  c.ttl(\"k\")\n  w = MyRedisWrapper.new\n  w.hincrby(\"h\", \"f\", 1)\nend\n") == ["TTL high", "HINCRBY low"])
        #expect(commands(.javascript, "import Redis from 'ioredis';\nconst c = new Redis();\nc.incrby('k', 1);\n") == ["INCRBY high"])
        #expect(commands(.python, "def f():\n    pool = ConnectionPool(host='x')\n    pool.hincrby('h', 'f', 1)\n") == ["HINCRBY low"])
    }
}

/// Names of settings about Redis are not clients, and keyword options a command does not have do
/// not count as its arguments (found on rq and celery).
@Suite struct SettingsAndForeignOptionsTests {
    func commands(_ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8)), prefilter: false)
            .traces.flatMap(\.ops).map { "\($0.command) \($0.options.sorted().joined(separator: ","))" }
    }

    @Test func settingsNamedAfterRedisAreNotClients() {
        #expect(commands("def f(redis_kwargs, redis_config):\n    redis_kwargs.get('retry')\n    redis_config.get('host')\n").isEmpty)
        #expect(commands("def f(redis_conn):\n    redis_conn.get('k')\n") == ["GET "])
    }

    @Test func optionsOutsideTheCommandAreDropped() {
        #expect(commands("def f(r, c):\n    r.get(timeout=10)\n").isEmpty, "AsyncResult.get(timeout=…) is not GET")
        #expect(commands("import redis\nr = redis.Redis()\nr.set('k', 1, ex=30, nx=True)\nr.brpop(['q'], timeout=5)\n") == ["SET EX,NX", "BRPOP "])
    }
}
