@testable import LuaParse
import Testing

/// `LuaGlobalReadSorter` decides once per name what the per-read test decided at every read: the
/// same sandbox violations and undefined reads, in the same order, on hand-written and generated scripts.
@Suite struct GlobalReadSorterTests {
    /// The per-read test `LuaScript` used before the sorter.
    static func perRead(_ script: LuaScript) -> (sandbox: [LuaSandboxUse], undefined: [LuaNameUse]) {
        let isLibrary = script.shebang?.isFunctionLibrary ?? false || !script.registeredFunctions.isEmpty
        let provided = isLibrary ? LuaSandbox.functionLibraryGlobals : LuaSandbox.evalGlobals
        let written = Set(script.scopes.globalWrites.map(\.name))
        var sandbox: [LuaSandboxUse] = []
        var undefined: [LuaNameUse] = []
        for use in script.scopes.globalReads where !provided.contains(use.name) {
            if LuaSandbox.removedByRedis.contains(use.name) {
                sandbox.append(LuaSandboxUse(name: use.name, kind: .removedByRedis, span: use.span, line: use.line))
            } else if LuaSandbox.notProvided.contains(use.name) {
                sandbox.append(LuaSandboxUse(name: use.name, kind: .notProvided, span: use.span, line: use.line))
            } else if !written.contains(use.name) {
                undefined.append(use)
            }
        }
        return (sandbox, undefined)
    }

    static func agrees(_ text: String) -> Bool {
        let script = LuaScript(source: Array(text.utf8))
        let expected = perRead(script)
        return script.sandboxViolations == expected.sandbox && script.undefinedGlobalReads == expected.undefined
    }

    @Test func handWrittenScripts() {
        let scripts = [
            "print(x) print(y) x = 1 print(x) return os.time() + io.read() + require('m') + KEYS[1] + z + z",
            "#!lua name=lib\nredis.register_function('f', function(k, a) return KEYS[1] .. ARGV[1] .. g end) g = 2",
            "local print = print print(1) dofile('a') loadfile('b') local os = os return os.clock()",
            "function f() return h end h = 1 function h() end return f() + q + q + q",
            "",
        ]
        for text in scripts { #expect(Self.agrees(text), "\(text)") }
        let script = LuaScript(source: Array("print(x) print(y) x = 1 print(x) os.exit()".utf8))
        #expect(script.sandboxViolations.map(\.name) == ["print", "print", "print", "os"])
        #expect(script.undefinedGlobalReads.map(\.name) == ["y"])
    }

    @Test func generatedScripts() {
        var generator = LuaProgramGenerator(seed: 83)
        for _ in 0..<300 {
            let program = generator.program()
            let bytes = generator.render(program)
            #expect(Self.agrees(String(decoding: bytes, as: UTF8.self)), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
