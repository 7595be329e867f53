import Testing
@testable import RedisLint

/// Receiver and argument cases found on real code (minimal repros from the evaluation runs).
@Suite struct ReceiverTests {
    func ops(_ language: Language, _ code: String, path: String? = nil) -> [RedisOp] {
        let source = SourceFile(path: path ?? "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8))
        return FrontEnd.analyze(source).traces.flatMap(\.ops)
    }

    @Test func collectionsOfClientsAreNotClients() {
        let code = "import RediStack\nstruct P {\n    var available: ArraySlice<RedisConnection> = []\n    mutating func f(c: RedisConnection) {\n        self.available.append(c)\n    }\n}\n"
        #expect(ops(.swift, code).isEmpty)
    }

    @Test func keyNamedLikeAnOptionIsNotAnOption() {
        let found = ops(.ruby, "redis = Redis.new\nredis.set(\"count\", 1)\nredis.del(\"count\")\n")
        #expect(found.map(\.command) == ["SET", "DEL"])
        #expect(found.allSatisfy { !$0.options.contains("COUNT") })
    }

    @Test func accessorsSendNothing() {
        #expect(ops(.python, "import redis\nr = redis.Redis()\np = r.pubsub()\n").isEmpty)
        #expect(ops(.ruby, "redis = Redis.new\nredis.client.disconnect\n").isEmpty)
    }

    @Test func chainedTransactionStaysATransaction() {
        let found = ops(.javascript, "import Redis from \"ioredis\";\nconst client = new Redis();\nconst multi = client.multi().get(\"k\");\nmulti.pttl(\"k\");\n")
        #expect(found.map(\.command) == ["GET", "PTTL"])
        #expect(found.allSatisfy { $0.context == .transaction })
    }

    @Test func typeScriptHasNoJSX() {
        let code = "import Redis from \"ioredis\";\nconst redis = new Redis();\nfunction f(x: unknown) { return <Opts>x; }\nasync function g() { await redis.hset(\"h\", \"f\", 1); }\n"
        let model = FrontEnd.analyze(SourceFile(path: "x.ts", language: .javascript, bytes: Array(code.utf8)))
        #expect(model.notes.isEmpty)
        #expect(model.traces.first { $0.name == "g" }?.ops.map(\.command) == ["HSET"])
    }
}
