import Foundation
import LuaParse
import RedisLint
import Testing
@testable import Rules

/// The Lua rules beyond their documented examples: embedded scripts mapped into host files, call
/// sites built by hand (until the host front-ends fill them), version-dependent rules, hostile input.
@Suite struct LuaRuleTests {
    static func scan(_ rule: any Rule, _ code: String, settings: RuleSettings = RuleSettings()) -> [Finding] {
        let source = SourceFile(path: "script.lua", language: .lua, bytes: Array(code.utf8))
        return Scanner(rules: [rule], options: Scanner.Options(settings: settings)).scan(sources: [source]).findings
    }

    /// A Ruby file holding a Lua script in a double-quoted string with `\n` escapes, mapped the way
    /// a host front-end maps it: each script byte to the host byte it came from.
    static func rubyFileWithScript(_ lines: [String], callSites: [ScriptCallSite] = []) -> FileModel {
        let prefix = "redis = Redis.new\nSCRIPT = \""
        var host = Array(prefix.utf8)
        var script: [UInt8] = []
        var offsets: [Int32] = []
        for (index, line) in lines.enumerated() {
            for byte in line.utf8 {
                offsets.append(Int32(host.count))
                script.append(byte)
                host.append(byte)
            }
            if index < lines.count - 1 {
                offsets.append(Int32(host.count))
                script.append(10)
                host += Array("\\n".utf8)
            }
        }
        let literalStart = prefix.utf8.count - 1
        host += Array("\"\nredis.eval(SCRIPT, keys: [\"a\"])\n".utf8)
        let source = SourceFile(path: "app.rb", language: .ruby, bytes: host)
        var embedded = EmbeddedScript(script: LuaScript(source: script), sourceOffsets: offsets, span: literalStart..<(host.count - 33))
        embedded.callSites = callSites
        return FileModel(source: source, scripts: [embedded])
    }

    static func check(_ rule: any Rule, _ file: FileModel, settings: RuleSettings = RuleSettings()) -> [Finding] {
        rule.check(RuleContext(file: file, project: ProjectModel(files: [file]), settings: settings))
    }

    @Test func embeddedSyntaxErrorIsReportedAtItsHostLineAndColumn() {
        let file = Self.rubyFileWithScript(["local v = redis.call('GET', KEYS[1])", "if v == ARGV[1]", "  return 1", "end"])
        let findings = Self.check(LuaCompileError(), file)
        // `return` is script line 3, column 3; in the host it sits on line 2 after two `\n` escapes.
        let column = "SCRIPT = \"".utf8.count + "local v = redis.call('GET', KEYS[1])\\nif v == ARGV[1]\\n  ".utf8.count + 1
        #expect(findings.map(\.start) == [Position(line: 2, column: column)])
        #expect(findings.first?.message.contains("'then' expected near 'return'") == true)
    }

    @Test func embeddedGlobalWriteIsReportedAtItsHostPosition() {
        let file = Self.rubyFileWithScript(["local a = 1", "total = a + 1"])
        let findings = Self.check(LuaGlobalWrite(), file)
        let column = "SCRIPT = \"local a = 1\\n".utf8.count + 1
        #expect(findings.map(\.start) == [Position(line: 2, column: column)])
    }

    @Test func callSiteWithTooFewKeysOrArguments() {
        let script = ["local a = redis.call('GET', KEYS[1])", "local b = redis.call('GET', KEYS[3])", "return ARGV[2]"]
        let site = ScriptCallSite(numberOfKeys: 2, keys: [.literal("a"), .literal("b")], argumentCount: 1, span: 200..<210)
        let file = Self.rubyFileWithScript(script, callSites: [site])
        let findings = Self.check(LuaCallSiteMismatch(), file)
        #expect(findings.map(\.message) == [
            "the script reads KEYS[3] but the call passes 2 keys: KEYS[3] is nil",
            "the script reads ARGV[2] but the call passes 1 argument: ARGV[2] is nil",
        ])
        #expect(findings.allSatisfy { $0.severity == .error && $0.related.count == 1 })
    }

    @Test func callSiteProblemsFromUsage() {
        var usage = LuaKeysUsage()
        usage.highestKeyIndex = 1
        let more = ScriptCallSite(numberOfKeys: 3, keys: [.literal("a")], argumentCount: 1, span: 0..<1)
        #expect(LuaCallSiteMismatch.problems(more, usage).map(\.severity) == [.error])
        #expect(LuaCallSiteMismatch.problems(more, usage).first?.message.hasPrefix("numkeys is 3 but only 2 arguments follow") == true)
        let unused = ScriptCallSite(numberOfKeys: 3, keys: [], argumentCount: nil, span: 0..<1)
        #expect(LuaCallSiteMismatch.problems(unused, usage).map(\.message) == ["the call passes 3 keys but the script never reads KEYS[2]…KEYS[3]"])
        #expect(LuaCallSiteMismatch.problems(unused, usage).map(\.severity) == [.warning])
        usage.usesKeyCount = true
        #expect(LuaCallSiteMismatch.problems(unused, usage).isEmpty, "a script that loops over #KEYS uses every key")
        let exact = ScriptCallSite(numberOfKeys: 1, keys: [.literal("a")], argumentCount: 0, span: 0..<1)
        #expect(LuaCallSiteMismatch.problems(exact, usage).isEmpty)
        let unknown = ScriptCallSite(numberOfKeys: nil, keys: [], argumentCount: nil, span: 0..<1)
        #expect(LuaCallSiteMismatch.problems(unknown, usage).isEmpty)
    }

    @Test func writeAfterNondeterminismOnlyBelowRedis5() throws {
        let url = Goldens.repository.appendingPathComponent("fixtures/rules/RL707-lua-write-after-nondeterminism/lua/sample-and-write.lua")
        let code = try String(contentsOf: url, encoding: .utf8)
        let old = Self.scan(LuaWriteAfterNondeterminism(), code, settings: RuleSettings(minimumRedisVersion: RedisVersion(4, 0)))
        #expect(old.map(\.start) == [Position(line: 6, column: 3)])
        #expect(old.first?.related.map(\.start.line) == [4])
        #expect(Self.scan(LuaWriteAfterNondeterminism(), code, settings: RuleSettings(minimumRedisVersion: RedisVersion(5, 0))).isEmpty)
        #expect(Self.scan(LuaWriteAfterNondeterminism(), code).isEmpty)
    }

    @Test func osClockFollowsTheMinimumVersion() {
        let code = "local t = os.clock()\nlocal u = os . clock ()\nlocal d = os.date()\nreturn t"
        let before = Self.scan(LuaSandboxViolation(), code, settings: RuleSettings(minimumRedisVersion: RedisVersion(7, 2)))
        #expect(before.map(\.start.line) == [1, 2, 3])
        #expect(before.first?.message.contains("only since 7.4") == true)
        let after = Self.scan(LuaSandboxViolation(), code, settings: RuleSettings(minimumRedisVersion: RedisVersion(7, 4)))
        #expect(after.map(\.start.line) == [3])
        #expect(!LuaSandboxViolation.isFollowedByClock(Array("os.clockwork".utf8), at: 2))
    }

    @Test func templatesAreNeverSyntaxErrors() throws {
        for name in ["fixtures/lua/templated-erb.lua", "fixtures/rules/RL701-lua-syntax-error/lua/templated.lua"] {
            let code = try String(contentsOf: Goldens.repository.appendingPathComponent(name), encoding: .utf8)
            #expect(LuaScript(source: Array(code.utf8)).isTemplate, "\(name)")
            #expect(Self.scan(LuaCompileError(), code).isEmpty, "\(name)")
            #expect(Self.scan(LuaUndefinedGlobal(), code).isEmpty, "\(name): template placeholders are no globals")
        }
    }

    @Test func otherRulesStayQuietOnScriptsThatDoNotCompile() {
        let code = "counter = redis.call('INCR', ARGV[1])\nprint(x)\nif"
        #expect(Self.scan(LuaCompileError(), code).count == 1)
        for rule in RuleRegistry.all where rule.description.id.hasPrefix("RL7") && rule.description.id != "RL701" {
            #expect(Self.scan(rule, code).isEmpty, "\(rule.description.id)")
        }
    }

    @Test func subcommandKeysAreFoundThroughTheCommandTable() {
        let code = "redis.call('XGROUP', 'CREATE', ARGV[1], 'workers', '$')\nredis.call('OBJECT', 'ENCODING', KEYS[1])\nredis.call('EVAL', 'return 1', 0)"
        #expect(Self.scan(LuaUndeclaredKey(), code).map(\.start) == [Position(line: 1, column: 32)])
    }

    @Test func deepNestingGivesADiagnosticNotACrash() {
        let depth = 10_000
        let code = "return " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let findings = Self.scan(LuaCompileError(), code)
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("overflow") == true || findings.first?.message.contains("too many") == true, "\(findings.map(\.message))")
    }

    @Test func hostileBytesNeverCrashTheLuaRules() {
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        let rules = RuleRegistry.all.filter { $0.description.id.hasPrefix("RL7") }
        let seeds: [[UInt8]] = [
            Array("redis.call(".utf8), Array("#!lua flags=no-writes\n".utf8), Array("[==[".utf8), [0xFF, 0xFE, 0x00, 0xC3],
            Array("redis.register_function{callback=function(k,a) redis.call('SET', k[1], a[1]) end, flags={'no-writes'}}".utf8),
        ]
        for round in 0..<200 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 0..<64, using: &random) { bytes.append(UInt8.random(in: 0...255, using: &random)) }
            let source = SourceFile(path: "fuzz.lua", language: .lua, bytes: bytes)
            _ = Scanner(rules: rules).scan(sources: [source])
        }
    }
}

/// A fixed-seed generator so a failure reproduces.
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

extension LuaRuleTests {
    /// `keyArguments` (positions seen kept as bits, a list past 64) gives what `COMMAND GETKEYS` positions
    /// give with each position once, in order: repeated positions (a spread counted once), commands with
    /// many keys (positions past 64), unknown and non-literal commands.
    @Test func keyArgumentsAreTheExtractedPositionsOnce() {
        let many = (1...70).map { "KEYS[\($0)]" }.joined(separator: ", ")
        let calls = [
            "redis.call('SET', KEYS[1], ARGV[1])", "redis.call('MSET', KEYS[1], 1, KEYS[2], 2)", "redis.call('DEL', unpack(KEYS))",
            "redis.call('DEL', \(many))", "redis.call('MGET', KEYS[1], 'k', KEYS[1])", "redis.call('NOSUCH', KEYS[1])",
            "redis.call(ARGV[1], KEYS[1])", "redis.call('EVAL', 's', 2, KEYS[1], KEYS[2])", "redis.call('ZUNIONSTORE', KEYS[1], 2, 'a', 'b')",
            // Subcommands, a key count or keyword known only at run time, a spread of ARGV, wrong arity, no arguments.
            "redis.call('XGROUP', 'CREATE', KEYS[1], 'g', '$')", "redis.call('OBJECT', 'ENCODING', KEYS[1])", "redis.call('XGROUP', ARGV[1], KEYS[1])",
            "redis.call('EVAL', 's', ARGV[1], KEYS[1])", "redis.call('XREAD', 'COUNT', 1, 'STREAMS', KEYS[1], '0')", "redis.call('XREAD', ARGV[1], KEYS[1], '0')",
            "redis.call('DEL', unpack(ARGV))", "redis.call('SET', KEYS[1])", "redis.call('GET')", "local k = KEYS[1]; redis.call('SET', k, 1)",
        ]
        for code in calls {
            for call in LuaScript(source: Array(code.utf8)).redisCalls {
                var expected: [LuaArgument] = []
                if let arguments = call.keyWalkArguments?.commandArguments, let extraction = CommandTable.extractKeys(arguments), !extraction.isMalformed {
                    var seen: Set<Int> = []
                    for key in extraction.keys where key.index >= 1 && key.index <= call.arguments.count && seen.insert(key.index).inserted {
                        expected.append(call.arguments[key.index - 1])
                    }
                }
                #expect(call.keyArguments == expected, "\(code)")
            }
        }
        #expect(LuaScript(source: Array("redis.call('DEL', \(many))".utf8)).redisCalls.first?.keyArguments.count == 70)
    }

    /// `spec` resolves a subcommand from the call's arguments read in place, as from the list of them.
    @Test func specResolvesSubcommandsInPlace() {
        for code in ["redis.call('CONFIG', 'SET', 'a', 'b')", "redis.call('OBJECT', ARGV[1], KEYS[1])", "redis.call('GET', KEYS[1])",
                     "redis.call('NOSUCH')", "redis.call(ARGV[1])"] {
            for call in LuaScript(source: Array(code.utf8)).redisCalls {
                let expected = call.keyWalkArguments.flatMap { CommandTable.command(for: $0.commandArguments) }
                #expect(call.keyWalkArguments?.keyPositions == call.keyWalkArguments.flatMap { CommandTable.extractKeys($0.commandArguments) }
                    .flatMap { $0.isMalformed ? nil : $0.keyIndices }, "\(code)")
                #expect(call.spec?.name == expected?.name, "\(code)")
            }
        }
        #expect(LuaScript(source: Array("redis.call('CONFIG', 'SET', 'a', 'b')".utf8)).redisCalls.first?.spec?.name == "config|set")
    }
}
