import Foundation
import LuaParse
import RedisLint
import RedisTestSupport
import Testing
@testable import Rules

/// Lua verdicts checked against a real, private redis-server: every non-template script in
/// `fixtures/` compiles in Redis exactly when LuaParse finds no syntax error, and fixtures marked
/// `-- oracle: eval` fail on a global write exactly when `lua-global-write` flags them.
@Suite struct LuaRedisOracleTests {
    struct Fixture {
        var path: String
        var bytes: [UInt8]
        var script: LuaScript { LuaScript(source: bytes) }
        /// `-- oracle: eval` on the first line, or on the second after a `#!lua` line.
        var runsWithEval: Bool {
            let lines = String(decoding: bytes.prefix(400), as: UTF8.self).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
            let marker = "-- oracle: eval"
            if lines.first?.hasPrefix(marker) == true { return true }
            return lines.first?.hasPrefix("#!") == true && lines.count > 1 && lines[1].hasPrefix(marker)
        }
    }

    /// Every `*.lua` file under `fixtures/`.
    static let fixtures: [Fixture] = {
        let root = Goldens.repository.appendingPathComponent("fixtures")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [Fixture] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".lua"),
                  let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else { continue }
            found.append(Fixture(path: relative, bytes: Array(data)))
        }
        return found.sorted { $0.path < $1.path }
    }()

    static func isLibrary(_ script: LuaScript) -> Bool { script.shebang?.isFunctionLibrary ?? false }

    @Test func fixturesIncludeEveryKindOfVerdict() {
        let scripts = Self.fixtures.map(\.script)
        #expect(scripts.contains { !$0.isTemplate && !$0.syntaxErrors.isEmpty })
        #expect(scripts.contains { !$0.isTemplate && $0.syntaxErrors.isEmpty })
        #expect(scripts.contains { Self.isLibrary($0) })
        #expect(Self.fixtures.filter(\.runsWithEval).count >= 8)
    }

    @Test func syntaxVerdictsAgreeWithScriptLoad() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        defer { client.close() }
        var checked = 0
        for fixture in Self.fixtures {
            let script = fixture.script
            guard !script.isTemplate else { continue }
            let library = Self.isLibrary(script)
            let reply = try client.command(library ? [Array("FUNCTION".utf8), Array("LOAD".utf8), Array("REPLACE".utf8), fixture.bytes]
                                                    : [Array("SCRIPT".utf8), Array("LOAD".utf8), fixture.bytes])
            let message = Self.errorText(reply)
            let redisRejectsSyntax = message.map { $0.contains("Error compiling") } ?? false
            #expect(redisRejectsSyntax == !script.syntaxErrors.isEmpty,
                    "\(fixture.path): redis says \(message ?? "OK"), LuaParse says \(script.syntaxErrors.first.map { "\($0)" } ?? "OK")")
            if let first = script.syntaxErrors.first, let message {
                // Redis quotes its compiler as `user_script:LINE: MESSAGE`. The line must agree; the
                // wording follows Debian's lua5.1, which Redis's build differs from for nested `[[`.
                #expect(message.contains(":\(first.line): "), "\(fixture.path): \(message) vs \(first)")
            }
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// Redis builds its Lua without `LUA_COMPAT_LSTR`: `[[` inside a long string does not nest and
    /// is no error, where Debian's lua5.1 (LuaParse's differential oracle) says "nesting of [[...]] is
    /// deprecated". LuaParse follows lua5.1 today, so RL701 reports a script Redis accepts.
    @Test func nestedLongBracketDivergesFromRedis() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        defer { client.close() }
        let code = Array("return [[ a [[ b ]]".utf8)
        let reply = try client.command([Array("SCRIPT".utf8), Array("LOAD".utf8), code])
        #expect(Self.errorText(reply) == nil, "Redis accepts a [[ inside a long string")
        withKnownIssue("LuaParse follows lua5.1's LUA_COMPAT_LSTR; Redis's Lua does not") {
            #expect(LuaScript(source: code).syntaxErrors.isEmpty)
        }
    }

    @Test func evalRejectsGlobalWritesExactlyWhereTheRuleFlagsThem() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        defer { client.close() }
        let rule = LuaGlobalWrite()
        let readRules: [any Rule] = [LuaUndefinedGlobal(), LuaSandboxViolation()]
        var rejectedForGlobals = 0
        for fixture in Self.fixtures where fixture.runsWithEval {
            _ = try client.command("FLUSHALL")
            // Four keys and four numeric arguments cover every fixture's KEYS[n] and ARGV[n].
            let keys = (1...4).map { Array("oracle:k\($0)".utf8) }
            let arguments = (1...4).map { Array(String($0).utf8) }
            let reply = try client.command([Array("EVAL".utf8), fixture.bytes, Array("4".utf8)] + keys + arguments)
            let message = Self.errorText(reply) ?? ""
            let redisRejectsWrite = message.contains("Attempt to modify a readonly table") || message.contains("create global variable")
            let flagged = !Self.findings(rule, fixture).isEmpty
            #expect(redisRejectsWrite == flagged, "\(fixture.path): redis says \(message.isEmpty ? "OK" : message), lua-global-write flagged: \(flagged)")
            if redisRejectsWrite { rejectedForGlobals += 1 }
            // A read Redis refuses is one of the names the read rules flag.
            if let name = Self.nonexistentGlobal(message) {
                let names = readRules.flatMap { Self.findings($0, fixture) }.map(\.message)
                #expect(names.contains { $0.contains("`\(name)`") }, "\(fixture.path): redis refuses `\(name)`, rules say \(names)")
            }
        }
        #expect(rejectedForGlobals >= 1)
    }

    /// Scripts with a `#!lua` line are held to one slot in Redis Cluster: a one-node cluster
    /// rejects exactly the shebang fixtures `lua-flags-contradiction` flags as cross-slot.
    @Test func clusterRejectsCrossSlotScriptsExactlyWhereTheRuleFlagsThem() throws {
        let server = try RedisServer(cluster: true)
        defer { server.stop() }
        let client = try server.connect()
        defer { client.close() }
        var checked = 0, rejected = 0
        for fixture in Self.fixtures {
            let script = fixture.script
            guard let shebang = script.shebang, !shebang.isFunctionLibrary, !script.isTemplate, script.syntaxErrors.isEmpty else { continue }
            _ = try client.command("FLUSHALL")
            // Declared keys share a hash tag, so only the script's own literal keys can cross slots.
            let keyCount = script.keysUsage.highestKeyIndex ?? 0
            let keys = (0..<keyCount).map { Array("{oracle}:k\($0 + 1)".utf8) }
            let reply = try client.command([Array("EVAL".utf8), fixture.bytes, Array(String(keyCount).utf8)] + keys + [Array("1".utf8)])
            let message = Self.errorText(reply) ?? ""
            let redisRejects = message.contains("do not hash to the same slot")
            let flagged = Self.findings(LuaFlagsContradiction(), fixture).contains { $0.message.contains("allow-cross-slot-keys") }
            #expect(redisRejects == flagged, "\(fixture.path): redis says \(message.isEmpty ? "OK" : message), cross-slot flagged: \(flagged)")
            checked += 1
            if redisRejects { rejected += 1 }
        }
        #expect(checked >= 4 && rejected >= 1)
    }

    static func findings(_ rule: any Rule, _ fixture: Fixture) -> [Finding] {
        let source = SourceFile(path: fixture.path, language: .lua, bytes: fixture.bytes)
        return Scanner(rules: [rule]).scan(sources: [source]).findings
    }

    static func errorText(_ reply: RESPValue) -> String? {
        if case .error(let text) = reply { return text }
        return nil
    }

    /// `… nonexistent global variable 'name'` → name.
    static func nonexistentGlobal(_ message: String) -> String? {
        guard let range = message.range(of: "nonexistent global variable '") else { return nil }
        let rest = message[range.upperBound...]
        return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
    }
}
