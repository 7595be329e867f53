import Testing
import RedisLint
@testable import Rules

/// Lua fragments (`--- @include "includes/removeLock"`, ERB partials `_name.lua`) use names the
/// including script defines: RL703 must not report them, and must still report a standalone script.
@Suite struct LuaFragmentTests {
    func undefinedGlobals(_ sources: [(String, String)]) -> [Finding] {
        let files = sources.map { SourceFile(path: $0.0, language: .lua, bytes: Array($0.1.utf8)) }
        return Scanner(rules: [LuaUndefinedGlobal()]).scan(sources: files).findings
    }

    let fragment = "local function removeLock(k)\n  return rcall('DEL', k)\nend\n"

    @Test func includedFragmentIsNotReported() {
        let main = "local rcall = redis.call\n--- @include \"includes/removeLock\"\nreturn removeLock(KEYS[1])\n"
        let findings = undefinedGlobals([("main-1.lua", main), ("includes/removeLock.lua", fragment)])
        #expect(!findings.contains { $0.path == "includes/removeLock.lua" })
    }

    @Test func partialNamedWithUnderscoreIsNotReported() {
        #expect(undefinedGlobals([("shared/_delete.lua", fragment)]).isEmpty)
    }

    @Test func standaloneScriptIsStillReported() {
        let findings = undefinedGlobals([("lock.lua", fragment)])
        #expect(findings.map(\.message).contains { $0.contains("`rcall`") })
    }
}
