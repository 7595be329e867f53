@testable import LuaParse
import Testing

/// Expressions are stored flat (`LuaChunk`): nodes in one array, lists as ranges of shared arrays,
/// gathered on a stack while they are parsed. Nested lists must each keep their own elements, every
/// list length must print as before, and the facts must not depend on where a list was stored.
@Suite struct ExpressionStorageTests {
    static func chunk(_ text: String) -> LuaChunk {
        var parser = LuaParser(bytes: Array(text.utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.isEmpty, "\(text): \(parser.errors)")
        return chunk
    }

    @Test func movedListsKeepTheirElementsAndLeaveTheOuterOnes() {
        var pending = [1, 2, 3, 4, 5]
        var storage = [9]
        let inner = pending.moveList(from: 3, to: &storage)
        #expect(pending == [1, 2, 3])
        #expect(storage == [9, 4, 5])
        #expect(inner.indices == 1..<3)
        let empty = pending.moveList(from: 3, to: &storage)
        #expect(empty.isEmpty && empty.count == 0)
        let outer = pending.moveList(from: 0, to: &storage)
        #expect(pending.isEmpty)
        #expect(storage[outer.indices] == [1, 2, 3])
    }

    @Test func nestedListsPrintWhole() {
        let cases: [(String, String)] = [
            ("f(a, g(b, h(c, d), e), {x, {y, z}, k = {1}}, i)",
             "(call f a (call g b (call h c d) e) (table x (table y z) (= k (table 1))) i)"),
            ("a, b.c, d[e(f, g)] = h(i, j), {k; l}, m:n(o, p)",
             "(= (a (. b c) ([] d (call e f g))) (call h i j) (table k l) (: m n o p))"),
            ("local a, b = 1, (f(2, 3)) return a, b, ...",
             "(local (a b) 1 (paren (call f 2 3))) (return a b ...)"),
            ("for k, v in next, t, nil do end", "(for-in (k v) (next t nil) ())"),
            ("f() f{} f'' t:m()", "(call f) (call f (table)) (call f \"\") (: t m)"),
        ]
        for (text, expected) in cases { #expect(Self.chunk(text).sExpression == expected, "\(text)") }
    }

    @Test func oneElementListsPrintAsLists() {
        let cases: [(String, String)] = [
            ("local a", "(local (a))"),
            ("local a = 1", "(local (a) 1)"),
            ("local a = 1, 2", "(local (a) 1 2)"),
            ("a = 1", "(= (a) 1)"),
            ("a.b = f()", "(= ((. a b)) (call f))"),
            ("return x", "(return x)"),
            ("return", "(return)"),
            ("if a then b() else c() end", "(if a ((call b)) else ((call c)))"),
            ("if a then elseif b then end", "(if a () elseif b ())"),
            ("return f(x)(y, z)", "(return (call (call f x) y z))"),
        ]
        for (text, expected) in cases { #expect(Self.chunk(text).sExpression == expected, "\(text)") }
    }

    @Test func stringsAndFieldNamesShareOneBuffer() {
        let chunk = Self.chunk("t.bac = 'a\\65\\n' .. [[\nlong]] .. t.bbc .. '' .. t.bac")
        #expect(chunk.sExpression == "(= ((. t bac)) (.. \"aA\\n\" (.. \"long\" (.. (. t bbc) (.. \"\" (. t bac))))))")
        var fields: [String] = []
        for statement in chunk.statements(of: chunk.block) {
            guard case .assignment(let targets, _) = statement.kind else { continue }
            for target in chunk.expressions(targets) {
                if case .index(_, let key, isField: true) = target.kind, let value = chunk.stringValue(chunk[key]) {
                    fields.append(String(decoding: value, as: UTF8.self))
                }
            }
        }
        #expect(fields == ["bac"])
    }

    @Test func anErrorInsideListsLeavesLaterListsWhole() {
        var parser = LuaParser(bytes: Array("f(a, {b, g(c,\nlocal x = h(1, 2)\nlocal y = {3, i(4)}".utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.count == 1)
        #expect(chunk.sExpression == "(local (x) (call h 1 2)) (local (y) (table 3 (call i 4)))")
    }

    @Test func factsDoNotDependOnListLength() {
        // `local k = KEYS` and `local k, u = KEYS` both alias KEYS.
        for text in ["local k = KEYS return redis.call('GET', k[1])", "local k, u = KEYS return redis.call('GET', k[1])"] {
            let script = LuaScript(source: Array(text.utf8))
            #expect(script.keysUsage.highestKeyIndex == 1, "\(text)")
            #expect(!script.keysUsage.usesKeysAsWhole, "\(text)")
            #expect(script.redisCalls.count == 1, "\(text)")
            #expect(script.scopes.locals.first?.initializer != nil, "\(text)")
        }
        let script = LuaScript(source: Array("g = 1 local a = g if a then b = a end return c".utf8))
        #expect(script.globalWrites.map(\.name) == ["g", "b"])
        #expect(script.scopes.globalReads.map(\.name) == ["g", "c"])
        let calls = LuaScript(source: Array("redis.call('PING') local n = tonumber(ARGV[1]) redis.call('DEL', unpack(KEYS))".utf8))
        #expect(calls.redisCalls.map(\.command) == ["PING", "DEL"])
        #expect(calls.redisCalls.last?.arguments.map(\.value) == [.allKeys])
        #expect(calls.keysUsage.highestArgumentIndex == 1)
        #expect(calls.keysUsage.usesKeysAsWhole)
        let library = LuaScript(source: Array("redis.register_function{function_name='g', callback=function(k, a) return a[1] end}".utf8))
        #expect(library.registeredFunctions.map(\.name) == ["g"])
        #expect(library.registeredFunctions.first?.argumentsParameter == "a")
        for text in ["for i, k in ipairs(KEYS) do redis.call('DEL', k) end", "for i, k in ipairs(KEYS), nil do redis.call('DEL', k) end"] {
            let script = LuaScript(source: Array(text.utf8))
            #expect(script.scopes.locals.filter { $0.kind == .forVariable }.map(\.name) == ["i", "k"], "\(text)")
            #expect(script.redisCalls.first?.loopDepth == 1, "\(text)")
            #expect(script.scopes.globalReads.map(\.name) == ["ipairs", "KEYS", "redis"], "\(text)")
        }
    }

    @Test func functionsAreFoundByTheirIds() {
        let chunk = Self.chunk("local function a() end local b = function(x) return function(...) end end function c.d:e() end")
        #expect(chunk.functionCount == 4)
        #expect((1...4).map { chunk.function($0).id } == [1, 2, 3, 4])
        #expect(chunk.declaredNames(chunk.function(2).parameterList).map { chunk.text($0.symbol) } == ["x"])
        #expect(chunk.function(3).isVararg && chunk.function(4).hasSelf)
    }

    @Test func emptySourceHasAnEmptyStorage() {
        let chunk = Self.chunk("")
        #expect(chunk.sExpression == "")
        #expect(chunk.storage.expressions.isEmpty && chunk.storage.lists.isEmpty && chunk.storage.functions.isEmpty)
        #expect(chunk.storage.statements.isEmpty && chunk.storage.clauses.isEmpty && chunk.storage.declaredNames.isEmpty)
    }
}
