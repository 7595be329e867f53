import Testing
@testable import RedisLint

/// Script calls whose keys come as lists (node-redis `{ keys, arguments }`, redis-rb positional
/// arrays) and redis-client's blocking calls with a timeout first (issue 3, item 8).
@Suite struct ScriptCallFormTests {
    func analyze(_ language: Language, _ code: String) -> FileModel {
        FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)), prefilter: false)
    }

    func keys(_ model: FileModel) -> [String] {
        model.traces.flatMap(\.ops).map { "\($0.command) \($0.keys.map(\.display).joined(separator: ","))" }
    }

    @Test func nodeRedisOptionObjectKeys() {
        let code = "import { createClient } from 'redis';\nconst client = createClient();\nexport async function f(k: string, ks: string[]) {\n"
            + "  await client.evalSha('abc', { keys: [k, 'b'], arguments: ['1'] });\n"
            + "  await client.eval(\"return redis.call('GET', KEYS[1])\", { keys: [k], arguments: ['x', 'y'] });\n"
            + "  await client.evalSha('abc', { keys: ks });\n  await client.evalSha('abc', { arguments: ['1'] });\n}\n"
        let model = analyze(.javascript, code)
        #expect(keys(model) == ["EVALSHA ${k},b", "EVAL ${k}", "EVALSHA ${*ks}", "EVALSHA "])
        let site = model.scripts.first?.callSites.first
        #expect(site?.numberOfKeys == 1)
        #expect(site?.argumentCount == 2)
    }

    @Test func redisRbPositionalArrays() {
        let code = "def f(k, ks, sha)\n  redis = Redis.new\n  redis.evalsha(sha, [k, \"b\"], [\"1\"])\n"
            + "  redis.eval(\"return redis.call('GET', KEYS[1])\", [k], [\"x\", \"y\"])\n  redis.evalsha(sha, ks)\n"
            + "  redis.eval(\"return 1\", keys: [k], argv: [1])\nend\n"
        let model = analyze(.ruby, code)
        #expect(keys(model) == ["EVALSHA ${k},b", "EVAL ${k}", "EVALSHA ${*ks}", "EVAL ${k}"])
        let sites = model.scripts.flatMap(\.callSites)
        #expect(sites.map(\.numberOfKeys) == [1, 1])
        #expect(sites.map(\.argumentCount) == [2, 1])
    }

    @Test func redisClientBlockingCallsSkipTheTimeout() {
        let code = "def f(timeout, k)\n  rc = RedisClient.new\n  rc.blocking_call(timeout, \"BLMOVE\", \"src\", \"dst\", \"LEFT\", \"RIGHT\", 0)\n"
            + "  rc.blocking_call_v(5, [\"BLPOP\", \"q\", 0])\n  rc.call_v([\"SET\", k, \"v\", \"NX\"])\nend\n"
        #expect(keys(analyze(.ruby, code)) == ["BLMOVE src,dst", "BLPOP q", "SET ${k}"])
        // Sidekiq's fetch: a splat of queues, then the timeout (not a key).
        let splat = "def f(conn, qs)\n  conn.blocking_call(TIMEOUT, \"brpop\", *qs, TIMEOUT)\n  conn.brpop(\"a\", *qs, 2)\n  conn.del(\"k\", *qs)\nend\n"
        #expect(keys(analyze(.ruby, splat)) == ["BRPOP ${*qs}", "BRPOP a,${*qs}", "DEL k,${*qs}"])
    }

    @Test func rawScriptCallsKeepRedisOwnForm() {
        // `call("EVALSHA", sha, keys.size, *keys, *argv)`: numkeys, not a keys list, follows the SHA.
        let code = "def evalsha(sha, keys, argv)\n  @client = RedisClient.new\n  @client.call(\"EVALSHA\", sha, keys.size, *keys, *argv)\nend\n"
        let found = analyze(.ruby, code).traces.flatMap(\.ops)
        #expect(found.map(\.command) == ["EVALSHA"])
        #expect(found.first?.keys.contains { $0.display.contains("keys.size") } == false)
    }
}
