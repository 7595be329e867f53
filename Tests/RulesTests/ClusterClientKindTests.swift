import Testing
import RedisLint
@testable import Rules

/// In `auto` cluster mode, calls through a client the code itself makes for one server (or declares as such)
/// are not checked for slots, even in a project that builds a cluster client elsewhere.
@Suite struct ClusterClientKindTests {
    static let clusterConfig = SourceFile(path: "config/cluster.py", language: .python, bytes: Array("""
        from redis.cluster import RedisCluster
        rc = RedisCluster(host="10.0.0.1", port=7000)
        """.utf8))

    static func slotRules(_ source: SourceFile, _ mode: ClusterMode = .auto) -> [Finding] {
        ClusterModeTests.findings([clusterConfig, source], mode).filter { $0.path == source.path }
    }

    static func file(_ path: String, _ language: Language, _ text: String) -> SourceFile {
        SourceFile(path: path, language: language, bytes: Array(text.utf8))
    }

    @Test func aFileOfStandaloneClientsIsNotChecked() {
        let sources = [
            Self.file("a.py", .python, "import redis\nr = redis.Redis(host=\"cache\")\nr.mget(\"user:1\", \"user:2\")\n"),
            Self.file("b.rb", .ruby, "redis = Redis.new(url: \"redis://cache\")\nredis.mget(\"user:1\", \"user:2\")\n"),
            Self.file("c.ts", .javascript, "import Redis from \"ioredis\";\nconst r = new Redis();\nawait r.mget(\"user:1\", \"user:2\");\n"),
            Self.file("d.js", .javascript, "import { createClient } from \"redis\";\nconst c = createClient();\nawait c.mGet([\"user:1\", \"user:2\"]);\n"),
        ]
        for source in sources {
            #expect(FrontEnd.analyze(source).clientKinds == .standalone, "\(source.path)")
            #expect(Self.slotRules(source).isEmpty, "\(source.path)")
            // `--cluster on` says every client is a cluster client.
            #expect(Self.slotRules(source, .on).map(\.ruleID) == ["RL601"], "\(source.path)")
        }
    }

    @Test func aFileThatAlsoBuildsAClusterClientIsChecked() {
        let both = Self.file("both.py", .python, """
            import redis
            from redis.cluster import RedisCluster
            r = redis.Redis(host="cache")
            rc = RedisCluster(host="10.0.0.1", port=7000)
            rc.mget("user:1", "user:2")
            """)
        #expect(FrontEnd.analyze(both).clientKinds == [.standalone, .cluster])
        #expect(Self.slotRules(both).map(\.ruleID) == ["RL601"])
    }

    @Test func aFunctionThatBuildsItsOwnStandaloneClientIsNotChecked() {
        let mixed = Self.file("mixed.py", .python, """
            import redis
            from redis.cluster import RedisCluster
            rc = RedisCluster(host="10.0.0.1", port=7000)

            def cached_names():
                r = redis.Redis(host="cache")
                return r.mget("user:1", "user:2")

            def names():
                return rc.mget("user:1", "user:2")
            """)
        let found = Self.slotRules(mixed)
        #expect(found.map(\.ruleID) == ["RL601"])
        #expect(found.map(\.start.line) == [10])
    }

    /// A construction counts in the innermost function around it: the file's top level is still checked.
    @Test func aConstructionInAFunctionLeavesTheTopLevelChecked() {
        let file = Self.file("t.py", .python, """
            import redis
            from redis.cluster import RedisCluster

            def cached():
                r = redis.Redis(host="cache")
                return r.mget("user:1", "user:2")

            def names(rc: RedisCluster):
                return rc.mget("user:1", "user:2")

            redis_cluster.mget("user:1", "user:2")
            """)
        #expect(FrontEnd.analyze(file).clientKinds == [.standalone, .cluster])
        #expect(Self.slotRules(file).map(\.start.line) == [9, 11])
    }

    @Test func typedParametersSayWhichClient() {
        let standalone = Self.file("s.py", .python, "import redis\n\ndef names(r: redis.Redis):\n    return r.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(standalone).clientKinds == .standalone)
        #expect(Self.slotRules(standalone).isEmpty)
        let cluster = Self.file("c.py", .python, "from redis.cluster import RedisCluster\n\ndef names(r: RedisCluster):\n    return r.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(cluster).clientKinds == .cluster)
        #expect(Self.slotRules(cluster).map(\.ruleID) == ["RL601"])
        // A union that may be a cluster client.
        let union = Self.file("u.ts", .javascript, "import Redis, { Cluster } from \"ioredis\";\nexport async function names(c: Redis | Cluster) {\n  return c.mget(\"user:1\", \"user:2\");\n}\n")
        #expect(FrontEnd.analyze(union).clientKinds.contains(.cluster))
        // An alias or protocol may hold either kind (`type RedisClient = Redis | Cluster`): no evidence.
        let alias = Self.file("a.ts", .javascript, "import type { RedisClient } from \"./clients\";\nexport async function names(redis: RedisClient) {\n  return redis.mget(\"user:1\", \"user:2\");\n}\n")
        #expect(FrontEnd.analyze(alias).clientKinds.isEmpty)
        #expect(Self.slotRules(alias).map(\.ruleID) == ["RL601"])
        // A collection of clients declares no client (`isClientType`).
        let list = Self.file("l.py", .python, "import redis\n\ndef names(rs: list[redis.Redis], redis):\n    return redis.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(list).clientKinds.isEmpty)
    }

    @Test func constructorsThatMayMakeEitherAreNoEvidence() {
        // A `Redis` in a file that imports no module named like Redis, and a Ruby client made from options built elsewhere.
        let unimported = Self.file("w.ts", .javascript, "import { Redis } from \"./store\";\nconst redis = new Redis();\nawait redis.mget(\"user:1\", \"user:2\");\n")
        #expect(!FrontEnd.analyze(unimported).clientKinds.contains(.standalone))
        let options = Self.file("o.rb", .ruby, "redis = Redis.new(REDIS_OPTIONS)\nredis.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(options).clientKinds.isEmpty)
        #expect(Self.slotRules(options).map(\.ruleID) == ["RL601"])
    }

    @Test func clientsMadeElsewhereAreNoEvidence() {
        // `Redis.current` and `Redis::Namespace.new` may hand out a cluster client made elsewhere.
        let ruby = Self.file("n.rb", .ruby, "NS = Redis::Namespace.new(\"app\", redis: Redis.current)\nNS.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(ruby).clientKinds.isEmpty)
        let untyped = Self.file("u.py", .python, "def names(r):\n    return r.mget(\"user:1\", \"user:2\")\n")
        #expect(FrontEnd.analyze(untyped).clientKinds.isEmpty)
    }

    /// redis-py's `RedisCluster.pipeline()` queues without MULTI unless `transaction=True`; `Redis.pipeline()`
    /// is a transaction unless `transaction=False`.
    @Test func aClusterPipelineIsATransactionOnlyWhenAskedFor() {
        func contexts(_ text: String) -> [ExecutionContext] {
            FrontEnd.analyze(Self.file("p.py", .python, text)).traces.flatMap(\.ops).map(\.context)
        }
        let module = "from redis.cluster import RedisCluster\nrc = RedisCluster(host=\"h\")\n"
        #expect(contexts(module + "def f():\n    p = rc.pipeline()\n    p.set(\"a\", 1)\n    p.execute()\n").first == .pipeline)
        #expect(contexts(module + "def f():\n    p = rc.pipeline(transaction=True)\n    p.set(\"a\", 1)\n    p.execute()\n").first == .transaction)
        #expect(contexts("from redis.cluster import RedisCluster\ndef f(rc: RedisCluster):\n    p = rc.pipeline()\n    p.set(\"a\", 1)\n    p.execute()\n").first == .pipeline)
        // A standalone client, or a name also given another value: a transaction, as before.
        #expect(contexts("import redis\nr = redis.Redis()\ndef f():\n    p = r.pipeline()\n    p.set(\"a\", 1)\n    p.execute()\n").first == .transaction)
        #expect(contexts(module + "rc = redis.Redis()\ndef f():\n    p = rc.pipeline()\n    p.set(\"a\", 1)\n    p.execute()\n").first == .transaction)
    }
}
