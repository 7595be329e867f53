@testable import LuaParse
import Testing

/// One-name, one-value `local`, `=`, `return` and `if` without `elseif` are stored in their `single…`
/// forms (no one-element arrays); every other shape keeps the list forms. Both print alike, and the
/// scopes and Redis facts do not depend on which form was stored.
@Suite struct SingleStatementTests {
    static func kinds(_ text: String) -> [String] {
        var parser = LuaParser(bytes: Array(text.utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.isEmpty, "\(text)")
        return chunk.block.statements.map { statement in
            switch statement.kind {
            case .singleLocal(_, nil): return "singleLocal"
            case .singleLocal(_, _?): return "singleLocal="
            case .local: return "local"
            case .singleAssignment: return "singleAssignment"
            case .assignment: return "assignment"
            case .singleReturn: return "singleReturn"
            case .returnValues: return "returnValues"
            case .singleIf: return "singleIf"
            case .ifThen: return "ifThen"
            default: return "other"
            }
        }
    }

    @Test func singleFormsOnlyForOneNameAndOneValue() {
        #expect(Self.kinds("local a") == ["singleLocal"])
        #expect(Self.kinds("local a = 1") == ["singleLocal="])
        #expect(Self.kinds("local a = 1, 2") == ["local"])
        #expect(Self.kinds("local a, b = 1") == ["local"])
        #expect(Self.kinds("local a, b") == ["local"])
        #expect(Self.kinds("a = 1") == ["singleAssignment"])
        #expect(Self.kinds("a = 1, 2") == ["assignment"])
        #expect(Self.kinds("a, b = 1") == ["assignment"])
        #expect(Self.kinds("return 1") == ["singleReturn"])
        #expect(Self.kinds("return") == ["returnValues"])
        #expect(Self.kinds("return;") == ["returnValues"])
        #expect(Self.kinds("return 1, 2") == ["returnValues"])
        #expect(Self.kinds("if a then end") == ["singleIf"])
        #expect(Self.kinds("if a then else end") == ["singleIf"])
        #expect(Self.kinds("if a then elseif b then end") == ["ifThen"])
    }

    @Test func singleFormsPrintAsOneElementLists() {
        let cases: [(String, String)] = [
            ("local a", "(local (a))"),
            ("local a = 1", "(local (a) 1)"),
            ("local a = 1, 2", "(local (a) 1 2)"),
            ("a = 1", "(= (a) 1)"),
            ("a.b = f()", "(= ((. a b)) (call f))"),
            ("return x", "(return x)"),
            ("if a then b() else c() end", "(if a ((call b)) else ((call c)))"),
            ("if a then elseif b then end", "(if a () elseif b ())"),
        ]
        for (text, expected) in cases {
            var parser = LuaParser(bytes: Array(text.utf8))
            #expect(parser.parseChunk().sExpression == expected, "\(text)")
        }
    }

    @Test func localsAndGlobalsAreTheSameInBothForms() {
        // `local k = KEYS` (single form) and `local k, u = KEYS` (list form) both alias KEYS.
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
    }
}

/// A call with one argument is a `singleCall` (no one-element array); it prints, resolves and is
/// classified as the one-element `call` it stands for.
@Suite struct SingleCallTests {
    static func expression(_ text: String) -> LuaExpression? {
        var parser = LuaParser(bytes: Array("return \(text)".utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.isEmpty, "\(text)")
        guard case .singleReturn(let value)? = chunk.block.statements.first?.kind else { return nil }
        return value
    }

    @Test func oneArgumentCallsAreSingle() {
        for text in ["f(x)", "f{1, 2}", "f'text'", "f(g(1, 2))", "a.b(x)"] {
            guard case .singleCall? = Self.expression(text)?.kind else { Issue.record("\(text)"); continue }
        }
        for text in ["f()", "f(x, y)", "a:m(x)"] {
            if case .singleCall? = Self.expression(text)?.kind { Issue.record("\(text)") }
        }
    }

    @Test func singleCallsPrintAsCalls() {
        let cases: [(String, String)] = [
            ("f(x)", "(call f x)"),
            ("f{1}", "(call f (table 1))"),
            ("f'a'", "(call f \"a\")"),
            ("f(x)(y, z)", "(call (call f x) y z)"),
            ("f()", "(call f)"),
        ]
        for (text, expected) in cases {
            var parser = LuaParser(bytes: Array("return \(text)".utf8))
            let chunk = parser.parseChunk()
            guard case .singleReturn(let value)? = chunk.block.statements.first?.kind else { Issue.record("\(text)"); continue }
            #expect(chunk.sExpression(of: value) == expected, "\(text)")
        }
    }

    @Test func redisFactsOfOneArgumentCalls() {
        let script = LuaScript(source: Array("redis.call('PING') local n = tonumber(ARGV[1]) redis.call('DEL', unpack(KEYS))".utf8))
        #expect(script.redisCalls.map(\.command) == ["PING", "DEL"])
        #expect(script.redisCalls.last?.arguments.map(\.value) == [.allKeys])
        #expect(script.keysUsage.highestArgumentIndex == 1)
        #expect(script.keysUsage.usesKeysAsWhole)
        let library = LuaScript(source: Array("redis.register_function{function_name='g', callback=function(k, a) return a[1] end}".utf8))
        #expect(library.registeredFunctions.map(\.name) == ["g"])
        #expect(library.registeredFunctions.first?.argumentsParameter == "a")
    }
}

/// `for … in` with one expression is a `singleGenericFor` (no one-element array).
@Suite struct SingleGenericForTests {
    @Test func oneExpressionLoopsAreSingleAndPrintAlike() {
        let cases: [(String, String, Bool)] = [
            ("for k, v in pairs(t) do end", "(for-in (k v) ((call pairs t)) ())", true),
            ("for k in next, t do end", "(for-in (k) (next t) ())", false),
            ("for k in f, t, nil do g(k) end", "(for-in (k) (f t nil) ((call g k)))", false),
        ]
        for (text, expected, isSingle) in cases {
            var parser = LuaParser(bytes: Array(text.utf8))
            let chunk = parser.parseChunk()
            #expect(parser.errors.isEmpty, "\(text)")
            #expect(chunk.sExpression == expected, "\(text)")
            var single = false
            if case .singleGenericFor? = chunk.block.statements.first?.kind { single = true }
            #expect(single == isSingle, "\(text)")
        }
    }

    @Test func loopVariablesAreLocalsInBothForms() {
        for text in ["for i, k in ipairs(KEYS) do redis.call('DEL', k) end", "for i, k in ipairs(KEYS), nil do redis.call('DEL', k) end"] {
            let script = LuaScript(source: Array(text.utf8))
            #expect(script.scopes.locals.filter { $0.kind == .forVariable }.map(\.name) == ["i", "k"], "\(text)")
            #expect(script.redisCalls.first?.loopDepth == 1, "\(text)")
            #expect(script.scopes.globalReads.map(\.name) == ["ipairs", "KEYS", "redis"], "\(text)")
        }
    }
}
