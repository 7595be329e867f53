@testable import LuaParse
import Testing

/// Scripts of many locals skip the KEYS/ARGV role lookup for names no role-playing local has
/// (`LuaRedisView.screenNames`); small scripts look every name up. Both must find the same uses.
@Suite struct RoleScreenTests {
    /// `body` parsed alone, and after enough filler locals that the screen is on.
    static func scripts(_ body: String) -> (small: LuaScript, large: LuaScript) {
        let filler = (0..<LuaScopeResolver.screenedLocalCount).map { "local filler\($0) = \($0)\n" }.joined()
        return (LuaScript(source: Array(body.utf8)), LuaScript(source: Array((filler + body).utf8)))
    }

    /// The KEYS/ARGV usage of `body` with and without the screen, their calls' arguments compared.
    static func usages(_ body: String) -> (small: LuaKeysUsage, large: LuaKeysUsage) {
        let (small, large) = scripts(body)
        #expect(small.syntaxErrors.isEmpty && large.syntaxErrors.isEmpty)
        #expect(small.redisCalls.map(\.arguments.count) == large.redisCalls.map(\.arguments.count))
        // The values (the spans differ by the filler's length).
        #expect("\(small.redisCalls.map { $0.arguments.map(\.value) })" == "\(large.redisCalls.map { $0.arguments.map(\.value) })")
        return (small.keysUsage, large.keysUsage)
    }

    @Test func aliasesShadowsAndGlobalsAgreeWithAndWithoutTheScreen() {
        let body = """
            local k = KEYS
            local kk = (k)
            local a = ARGV
            redis.call('SET', kk[1], a[2])
            do local k = {} local x = k[7] local n = #k end
            local function f(KEYS) return KEYS[9] end
            return #kk + #ARGV
            """
        let (small, large) = Self.usages(body)
        #expect(small == large)
        #expect(large.highestKeyIndex == 1)
        #expect(large.highestArgumentIndex == 2)
        #expect(large.usesKeyCount && large.usesArgumentCount)
        // `(k)` is not a bare alias: the parenthesised KEYS counts as a use as a whole.
        #expect(!large.usesDynamicKeyIndex && large.usesKeysAsWhole)
    }

    @Test func wholeAndDynamicUsesAgreeWithAndWithoutTheScreen() {
        let body = """
            local keys = KEYS
            for i = 1, #keys do redis.call('DEL', keys[i]) end
            local args = ARGV
            local other = args
            other = {}
            return unpack(args), other[3], keys
            """
        let (small, large) = Self.usages(body)
        #expect(small == large)
        #expect(large.usesDynamicKeyIndex && large.usesKeysAsWhole && large.usesKeyCount)
        #expect(large.highestArgumentIndex == nil)
    }

    /// A registered function's callback parameters play KEYS and ARGV (their role comes from the
    /// registration, not from an initializer): the screen must not pass them by.
    @Test func registeredCallbackParametersAgreeWithAndWithoutTheScreen() {
        let body = """
            redis.register_function('f', function(ks, as) return redis.call('GET', ks[1]), as[2] end)
            """
        let (small, large) = Self.scripts(body)
        #expect(small.registeredFunctions.count == 1 && large.registeredFunctions.count == 1)
        #expect(small.registeredFunctions.map(\.usage) == large.registeredFunctions.map(\.usage))
        #expect(large.registeredFunctions.first?.usage.highestKeyIndex == 1)
        #expect(large.registeredFunctions.first?.usage.highestArgumentIndex == 2)
    }
}
