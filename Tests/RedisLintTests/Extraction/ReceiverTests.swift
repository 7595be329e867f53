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

    /// How many conditions guard each command of the first Ruby method.
    func conditionCounts(ruby code: String) -> [String: Int] {
        let trace = FrontEnd.analyze(SourceFile(path: "x.rb", language: .ruby, bytes: Array(code.utf8))).traces.first
        return Dictionary(uniqueKeysWithValues: (trace?.ops ?? []).map { ($0.command, $0.conditions.count) })
    }

    @Test func ensureRunsWhateverTheEarlyExit() {
        let code = "def perform(id)\n  redis = Redis.new\n  raise \"gone\" if redis.get(\"job\").nil?\n  redis.set(\"a\", 1)\nensure\n  redis.incr(\"done\")\nend\n"
        let byCommand = conditionCounts(ruby: code)
        #expect(byCommand["SET"] == 1, "the rest of the method is guarded by the early exit")
        #expect(byCommand["INCR"] == 0, "the ensure clause is not")
    }

    /// A `rescue` modifier in the middle of a line (`v = parse(id) rescue nil`) does not end the code an early
    /// exit guards; a `rescue` clause starting a line does.
    @Test func rescueModifierKeepsTheEarlyExitGuard() {
        let code = "def perform(id)\n  redis = Redis.new\n  raise \"gone\" if redis.get(\"stop\")\n  v = parse(id) rescue nil\n  redis.set(\"a\", 1)\nrescue\n  redis.incr(\"failed\")\nend\n"
        let byCommand = conditionCounts(ruby: code)
        #expect(byCommand["SET"] == 1, "still guarded by the early exit")
        #expect(byCommand["INCR"] == 0, "the rescue clause is not")
    }

    @Test func evalCallSitesCountArguments() {
        let code = "import redis\nr = redis.Redis()\nr.eval(\"return redis.call('SET', KEYS[1], ARGV[2])\", 1, \"k\", \"v\")\n"
        let sites = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8))).scripts.first?.callSites ?? []
        #expect(sites.map(\.numberOfKeys) == [1])
        #expect(sites.map(\.argumentCount) == [1])
    }

    @Test func transactionPassedToAHelperKeepsItsContext() {
        let code = "const Redis = require('ioredis'); const client = new Redis();\nfunction save(multi, k) { multi.hset(k, 'a', 1); }\nasync function run(k) {\n  const multi = client.multi();\n  save(multi, k);\n  await multi.exec();\n}\n"
        let run = FrontEnd.analyze(SourceFile(path: "x.js", language: .javascript, bytes: Array(code.utf8))).traces.first { $0.name == "run" }
        #expect(run?.ops.map(\.context) == [.transaction])
        #expect(run?.ops.first?.confidence == .high)
    }

    @Test func keywordSplatsAreNotKeysAndSpreadKeysAreKept() {
        let found = ops(.python, "import redis\nclient = redis.Redis()\nclient.hset(*args, **kwargs)\nclient.sdiffstore(dest, *keys)\n")
        // HSET has one key: the spread's first element (django-redis forwards `set(*args, **kwargs)`).
        #expect(found.map { $0.keys.map(\.display) } == [["${args[0]}"], ["${dest}", "${*keys}"]])
    }

    /// Lists joined with a list literal give the literal's elements and spread the rest (RediStack's tests:
    /// `connection.mget(keys + ["empty"])`); strings joined with `+` stay one key.
    @Test func listsJoinedWithALiteralSpreadTheRest() {
        let swift = "import RediStack\nfunc f(connection: RedisConnection, keys: [RedisKey]) throws {\n    _ = try connection.mget(keys + [\"empty\"]).wait()\n}\n"
        #expect(ops(.swift, swift).map { $0.keys.map(\.display) } == [["empty", "${*keys}"]])
        let ruby = "require \"redis\"\ndef f(keys)\n  r = Redis.new\n  r.del(keys + [\"x\"])\n  r.mget([\"a\"] + [\"b\"])\n  r.set(\"a\" + k, 1)\nend\n"
        #expect(ops(.ruby, ruby).map { $0.keys.map(\.display) } == [["x", "${*keys}"], ["a", "b"], ["a${k}"]])
    }

    /// A single key at a fixed place before a spread is still a key (`bitop(op, dest, *keys)` in
    /// sidekiq-unique-jobs); a spread of counted keys is kept beside the destination; a spread before the
    /// fixed places hides which argument is which.
    @Test func fixedKeysBeforeASpreadAreKept() {
        let ruby = "def f(op, dest, keys, pair)\n  conn = Redis.new\n  conn.bitop(op, dest, *keys)\n  conn.zunionstore(\"d\", *keys)\n  conn.smove(*pair, \"m\")\nend\n"
        #expect(ops(.ruby, ruby).map { $0.keys.map(\.display) } == [["${dest}", "${*keys}"], ["d", "${*keys}"], ["${*pair}"]])
        let python = "import redis\nr = redis.Redis()\nr.bitop(\"OR\", \"out\", *sources)\n"
        #expect(ops(.python, python).map { $0.keys.map(\.display) } == [["out", "${*sources}"]])
    }

    /// `call("EVALSHA", sha, keys.size, *keys, *argv)` (Sidekiq's scheduler): the counted spread holds the
    /// keys, the spread after it the script's arguments. With a literal count the split is unknown: both.
    @Test func keyCountNamingASpreadTakesThatSpreadAsTheKeys() {
        let ruby = "def f(conn, keys, argv)\n  conn = Redis.new\n  conn.call(\"EVALSHA\", sha, keys.size, *keys, *argv)\n  conn.call(\"EVALSHA\", sha, 2, *keys, *argv)\nend\n"
        #expect(ops(.ruby, ruby).map { $0.keys.map(\.display) } == [["${*keys}"], ["${*keys}", "${*argv}"]])
        let python = "import redis\nr = redis.Redis()\nr.execute_command(\"EVALSHA\", sha, len(ks), *ks, *args)\n"
        #expect(ops(.python, python).map { $0.keys.map(\.display) } == [["${*ks}"]])
        let javascript = "const Redis = require('ioredis'); const r = new Redis();\nr.call('EVAL', s, keys.length, ...keys, ...argv);\nr.call('EVAL', s, argv.length, ...keys, ...argv);\n"
        #expect(ops(.javascript, javascript).map { $0.keys.map(\.display) } == [["${*keys}"], ["${*keys}", "${*argv}"]])
    }
}

/// A regex after a capitalised method name opening a statement (Cucumber steps) is a regex.
@Suite struct RubyRegexArgumentTests {
    @Test func cucumberStepRegexDoesNotSwallowTheFile() {
        let code = "When /^I say \"([^\"]*)\"$/ do |text|\nend\ndef f(redis)\n  redis.hsetnx(\"k\", \"f\", 1)\nend\n"
        let model = FrontEnd.analyze(SourceFile(path: "steps.rb", language: .ruby, bytes: Array(code.utf8)))
        #expect(model.notes.isEmpty)
        #expect(model.traces.flatMap(\.ops).map(\.command) == ["HSETNX"])
    }
}
