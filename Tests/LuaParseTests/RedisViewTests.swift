import LuaParse
import Testing

@Suite("Redis view")
struct RedisViewTests {
    static func script(_ text: String) -> LuaScript { LuaScript(source: Array(text.utf8)) }

    @Test func callsWithClassifiedArguments() {
        let source = """
        local key = KEYS[1]
        local n = tonumber(ARGV[2])
        redis.call('set', key, ARGV[1], 'EX', 30)
        for i = 1, #KEYS do redis.pcall("DEL", KEYS[i], 'p:' .. ARGV[1] .. ':x', n, unpack(KEYS)) end
        """
        let script = Self.script(source)
        #expect(script.syntaxErrors.isEmpty)
        #expect(script.redisCalls.count == 2)
        let set = script.redisCalls[0]
        #expect(set.command == "SET" && !set.isPcall && set.line == 3 && set.loopDepth == 0)
        #expect(set.arguments.map(\.value) == [.variable(name: "key", value: .key(1)), .argument(1), .string("EX"), .number(30)])
        let bytes = Array(source.utf8)
        #expect(String(decoding: bytes[set.commandSpan], as: UTF8.self) == "'set'")
        #expect(String(decoding: bytes[set.span], as: UTF8.self) == "redis.call('set', key, ARGV[1], 'EX', 30)")
        #expect(String(decoding: bytes[set.arguments[1].span], as: UTF8.self) == "ARGV[1]")
        let del = script.redisCalls[1]
        #expect(del.command == "DEL" && del.isPcall && del.loopDepth == 1)
        #expect(del.arguments.map(\.value) == [
            .dynamicKey, .concatenation([.string("p:"), .argument(1), .string(":x")]), .computed, .allKeys,
        ])
        #expect(script.keysUsage.highestKeyIndex == 1)
        #expect(script.keysUsage.highestArgumentIndex == 2)
        #expect(script.keysUsage.usesKeyCount && script.keysUsage.usesDynamicKeyIndex && script.keysUsage.usesKeysAsWhole)
        #expect(!script.keysUsage.usesDynamicArgumentIndex)
    }

    @Test func reassignedLocalsAndShadowedKeysAreComputed() {
        let script = Self.script("""
        local k = KEYS[1]
        k = k .. ':x'
        local KEYS = {'a'}
        local cmd = 'incr'
        redis.call(cmd, k, KEYS[1])
        """)
        #expect(script.redisCalls.first?.command == "INCR")
        #expect(script.redisCalls.first?.arguments.map(\.value) == [.computed, .computed])
        #expect(script.keysUsage.highestKeyIndex == 1)
    }

    @Test func redisAPIAndNondeterminism() {
        let script = Self.script("""
        redis.replicate_commands()
        redis.setresp(3)
        redis.log(redis.LOG_WARNING, 'x')
        local t = redis.call('TIME')
        local r = math.random(10)
        return redis.error_reply(redis.sha1hex('x'))
        """)
        #expect(script.redisAPIUses.map(\.name) == ["replicate_commands", "setresp", "log", "LOG_WARNING", "error_reply", "sha1hex"])
        #expect(script.redisAPIUses.map(\.isCall) == [true, true, true, false, true, true])
        #expect(script.nondeterministicUses.map(\.what) == ["TIME", "math.random"])
        #expect(script.nondeterministicUses.map(\.line) == [4, 5])
    }

    @Test func shebangIsMetadataNotSyntax() {
        let script = Self.script("#!lua flags=no-writes,allow-cross-slot-keys bogus\nreturn redis.call('GET', KEYS[1])")
        #expect(script.syntaxErrors.isEmpty)
        #expect(script.shebang?.engine == "lua")
        #expect(script.shebang?.flags == ["no-writes", "allow-cross-slot-keys"])
        #expect(script.shebang?.unknownOptions == ["bogus"])
        #expect(script.shebang?.isFunctionLibrary == false)
        #expect(script.redisCalls.first?.line == 2)
        let broken = Self.script("#!lua\nif x")
        #expect(broken.syntaxErrors.first?.description == "2: 'then' expected near '<eof>'")
    }

    @Test func functionsLibraryCallbacksMapParametersToKeysAndArgv() throws {
        let script = LuaScript(source: try Fixtures.lua("functions-library.lua"))
        #expect(script.syntaxErrors.isEmpty)
        #expect(script.shebang?.libraryName == "counters")
        #expect(script.registeredFunctions.map(\.name) == ["incr_by", "peek"])
        #expect(script.registeredFunctions.map(\.flags) == [[], ["no-writes"]])
        #expect(script.registeredFunctions.map(\.keysParameter) == ["keys", "keys"])
        #expect(script.registeredFunctions.map { $0.usage.highestKeyIndex } == [1, 1])
        #expect(script.registeredFunctions.map { $0.usage.highestArgumentIndex } == [1, nil])
        #expect(script.redisCalls.map(\.command) == ["INCRBY", "GET"])
        #expect(script.redisCalls.map(\.registeredFunction) == ["incr_by", "peek"])
        #expect(script.redisCalls.map { $0.arguments.first?.value } == [.key(1), .key(1)])
        #expect(script.undefinedGlobalReads.isEmpty && script.globalWrites.isEmpty)
    }

    @Test func templatesAreFlaggedNotErrors() throws {
        let erb = LuaScript(source: try Fixtures.lua("templated-erb.lua"))
        #expect(erb.isTemplate && erb.syntaxErrors.isEmpty)
        #expect(erb.redisCalls.map(\.command) == ["SET", "INCR"])
        let include = Self.script("--- @include \"lib/common\"\nreturn helper(KEYS[1])")
        #expect(include.isTemplate)
        let mustache = Self.script("local ttl = {{ ttl }}\nredis.call('EXPIRE', KEYS[1], ttl)")
        #expect(mustache.isTemplate && mustache.syntaxErrors.isEmpty)
        // Nested tables are Lua, not a template.
        let tables = Self.script("local t = {{1}, {2}}")
        #expect(!tables.isTemplate)
        #expect(!Self.script("return 1").isTemplate)
    }

    @Test func fixtures() throws {
        let limiter = LuaScript(source: try Fixtures.lua("rate-limiter.lua"))
        #expect(limiter.redisCalls.map(\.command) == ["ZREMRANGEBYSCORE", "ZCARD", "ZADD", "PEXPIRE"])
        #expect(limiter.keysUsage.highestArgumentIndex == 4 && limiter.keysUsage.highestKeyIndex == 1)
        #expect(limiter.undefinedGlobalReads.isEmpty && limiter.globalWrites.isEmpty && limiter.syntaxErrors.isEmpty)

        let lock = LuaScript(source: try Fixtures.lua("lock-release.lua"))
        #expect(lock.redisCalls.map(\.command) == ["GET", "DEL"])

        let global = LuaScript(source: try Fixtures.lua("global-write.lua"))
        #expect(global.globalWrites.map(\.name) == ["counter", "helper"])
        #expect(global.globalWrites.map(\.line) == [2, 3])
        #expect(global.undefinedGlobalReads.isEmpty)

        let broken = LuaScript(source: try Fixtures.lua("syntax-error.lua"))
        #expect(broken.syntaxErrors.first?.description == "4: 'then' expected near 'return'")

        let flags = LuaScript(source: try Fixtures.lua("eval-shebang-flags.lua"))
        #expect(flags.shebang?.flags == ["no-writes", "allow-cross-slot-keys"])
        #expect(flags.keysUsage.usesKeyCount && flags.keysUsage.usesDynamicKeyIndex)
        #expect(flags.redisCalls.first?.loopDepth == 1)

        let sandbox = LuaScript(source: try Fixtures.lua("sandbox-and-nondeterminism.lua"))
        #expect(sandbox.sandboxViolations.map(\.name) == ["print", "os"])
        #expect(sandbox.undefinedGlobalReads.map(\.name) == ["undefined_thing"])
        #expect(sandbox.nondeterministicUses.map(\.what) == ["TIME", "math.random", "os.time"])
        #expect(sandbox.redisAPIUses.map(\.name) == ["setresp", "log", "LOG_WARNING", "status_reply"])
    }
}

extension RedisViewTests {
    @Test func brokenMustacheTemplateIsRecognisedOnlyWhenItFailsToParse() {
        let script = Self.script("local key = {{ prefix }} .. {{ 'x' | upcase }}\nreturn key")
        #expect(script.isTemplate && script.syntaxErrors.isEmpty)
    }
}

extension RedisViewTests {
    /// The analysis walks the tree recursively: the parser's limits must keep that safe too.
    @Test func analysisSurvivesDeepAndLongInput() {
        let deepest = "x = " + String(repeating: "(", count: 190) + "KEYS[1]" + String(repeating: ")", count: 190)
        #expect(Self.script(deepest).syntaxErrors.isEmpty)
        for source in [
            "x = " + String(repeating: "{", count: 10_000), String(repeating: "do ", count: 10_000),
            "return " + Array(repeating: "redis.call('GET', KEYS[1])", count: 5_000).joined(separator: " .. "),
            "redis.call('DEL'" + String(repeating: ", KEYS[1]", count: 10_000) + ")",
            "x = a" + String(repeating: "[KEYS[1]]", count: 10_000),
        ] {
            let script = Self.script(source)
            _ = script.redisCalls.count
        }
        let many = Self.script("redis.call('DEL'" + String(repeating: ", KEYS[2]", count: 10_000) + ")")
        #expect(many.redisCalls.first?.arguments.count == 10_000)
        #expect(many.keysUsage.highestKeyIndex == 2)
    }
}

extension RedisViewTests {
    @Test func localAliasesOfRedisCallAreCalls() {
        let script = Self.script("local rcall = redis.call\nlocal pc = redis.pcall\nrcall('HSET', KEYS[1], 'f', ARGV[1])\npc('del', KEYS[2])")
        #expect(script.redisCalls.map(\.command) == ["HSET", "DEL"])
        #expect(script.redisCalls.map(\.isPcall) == [false, true])
        #expect(script.redisCalls.map(\.line) == [3, 4])
        // The alias itself is still visible as an API use that is not a call.
        #expect(script.redisAPIUses.map(\.name) == ["call", "pcall"])
        let reassigned = Self.script("local rcall = redis.call\nrcall = print\nrcall('GET', KEYS[1])")
        #expect(reassigned.redisCalls.isEmpty)
    }
}
