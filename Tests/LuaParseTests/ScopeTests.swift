import LuaParse
import Testing

@Suite("Scopes")
struct ScopeTests {
    static func script(_ text: String) -> LuaScript { LuaScript(source: Array(text.utf8)) }

    @Test func localsShadowGlobalsAndEndWithTheirBlock() {
        let script = Self.script("""
        local a = 1
        do local b = 2; c = b end
        print(b)
        local function f(x, ...) return x, arg, self end
        for i = 1, 3 do local _ = i end
        return a, i
        """)
        #expect(script.globalWrites.map(\.name) == ["c"])
        #expect(script.scopes.globalReads.map(\.name) == ["print", "b", "self", "i"])
        #expect(script.sandboxViolations.map(\.name) == ["print"])
        #expect(script.sandboxViolations.first?.kind == .removedByRedis)
        // `b`, `self` and `i` are out of scope; `arg` is the vararg function's implicit local.
        #expect(script.undefinedGlobalReads.map(\.name) == ["b", "self", "i"])
        #expect(script.undefinedGlobalReads.map(\.line) == [3, 4, 6])
    }

    @Test func repeatConditionSeesBodyLocals() {
        let script = Self.script("repeat local done = true until done")
        #expect(script.scopes.globalReads.isEmpty)
    }

    @Test func functionStatementsWriteGlobalsUnlessLocalOrField() {
        let script = Self.script("function g() end\nlocal t = {}\nfunction t.m() end\nlocal function h() end\nfunction t:n() return self end")
        #expect(script.globalWrites.map(\.name) == ["g"])
        #expect(script.globalWrites.first?.span == 9..<10)
        #expect(script.undefinedGlobalReads.isEmpty)
    }

    @Test func sandboxKnowsWhatRedisProvides() {
        let script = Self.script("local x = require('x') + os.time() + io.read() + loadfile('f') + cjson.decode(ARGV[1]) + bit.band(1, 2) + struct.pack('b', 1)")
        #expect(script.sandboxViolations.map(\.name) == ["require", "os", "io", "loadfile"])
        #expect(script.sandboxViolations.map(\.kind) == [.notProvided, .notProvided, .notProvided, .removedByRedis])
        #expect(script.undefinedGlobalReads.isEmpty)
    }

    @Test func functionLibrariesHaveNoGlobalKeys() {
        let script = Self.script("#!lua name=lib\nredis.register_function('f', function(k, a) return KEYS[1] end)")
        #expect(script.undefinedGlobalReads.map(\.name) == ["KEYS"])
    }

    /// Each function's declared parameters, by function id: a method's implicit `self` and a vararg
    /// function's `arg` are locals but not parameters; the main chunk and a function without parameters have none.
    @Test func parameterLocalsAreEachFunctionsDeclaredParameters() {
        let script = Self.script("""
        local t = {}
        function t:m(a, b, ...) local c = a end
        local function f() end
        local g = function(x) return function(y, z) return x, y, z end end
        """)
        let locals = script.scopes.locals
        let names = script.scopes.parameterLocals.map { ids in ids.map { locals[$0].name } }
        #expect(names == [[], ["a", "b"], [], ["x"], ["y", "z"]])
        #expect(script.scopes.parameterLocals.joined().allSatisfy { locals[$0].kind == .parameter })
    }
}
