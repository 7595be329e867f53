import Testing
@testable import RedisLint

/// The scopes' parameters live in one list per file (`FileStructure.parameterList`), each scope holding
/// where its own are: every parser must point each scope at exactly its parameters, blocks and arrows
/// and Swift's typed properties included, and scopes without any at none.
@Suite struct ScopeParameterListTests {
    static func parameters(_ source: String, _ language: Language) -> [String] {
        let view = ChainScreenTests.tokenView(source, language)
        let structure: FileStructure
        switch language {
        case .python: structure = PythonStructure(view: view).parse()
        case .ruby: structure = RubyStructure(view: view).parse()
        case .javascript: structure = JavaScriptStructure(view: view).parse()
        case .swift, .lua: structure = SwiftStructure(view: view).parse()
        }
        return structure.scopes.map { scope in
            let list = structure.parameters(of: scope).map { "\($0.name)" + ($0.type(in: view).map { ":" + $0 } ?? "") }
            return "\(scope.kind) \(scope.name) [\(list.joined(separator: ", "))]"
        }
    }

    @Test func pythonFunctions() {
        let found = Self.parameters("class A:\n    def f(self, r: redis.Redis, *args):\n        if x:\n            pass\n    def g():\n        pass\n", .python)
        #expect(found.contains("function f [self, r:redis.Redis, args]"))
        #expect(found.contains("function g []"))
        #expect(found.contains("classBody A []"))
    }

    @Test func rubyMethodsAndBlocks() {
        let found = Self.parameters("def get(key, ttl = 60)\n  redis.with do |conn, i|\n    conn.get(key)\n  end\nend\ndef run\nend\n", .ruby)
        #expect(found.contains("function get [key, ttl]"))
        #expect(found.contains("closure block [conn, i]"))
        #expect(found.contains("function run []"))
    }

    @Test func javaScriptFunctionsAndArrows() {
        let found = Self.parameters("function f(a, b) { }\nconst h = async (req, res) => { }\nxs.map(x => x + 1)\nclass C { m(k) { } }\n", .javascript)
        #expect(found.contains("function f [a, b]"))
        #expect(found.contains("function h [req, res]"))
        #expect(found.contains("closure arrow function [x]"))
        #expect(found.contains("function m [k]"))
    }

    @Test func swiftFunctionsTypesAndClosures() {
        let source = "struct S {\n  let redis: RedisConnection\n  var n: Int = 0\n  func f<C: RedisClient>(_ c: C, key: String) {\n    xs.forEach { x in print(x) }\n  }\n}\n"
        let found = Self.parameters(source, .swift)
        #expect(found.contains("classBody S [redis:RedisConnection, n:Int]"))
        #expect(found.contains("function f [c:RedisClient, key:String]"))
        #expect(found.contains("closure closure [x]"))
    }

    /// A type's text is made where it is read, and the bytewise Redis screen agrees with it: written types,
    /// spaced ones (compacted), and a Swift generic parameter read as its constraint.
    @Test func typesReadFromTheirTokens() {
        let python = ChainScreenTests.tokenView("def f(r: redis . Redis, s: str, t: 'VALKEY', u):\n    pass\n", .python)
        let structure = PythonStructure(view: python).parse()
        let found = structure.parameters(ofScope: 0).map { ($0.type(in: python), $0.typeNamesRedis(in: python)) }
        #expect(found.map(\.0) == ["redis.Redis", "str", "'VALKEY'", nil])
        #expect(found.map(\.1) == [true, false, true, false])
        let swift = ChainScreenTests.tokenView("func g<C: RedisClient>(_ c: C, n: Int) { }\n", .swift)
        let swiftStructure = SwiftStructure(view: swift).parse()
        let swiftFound = swiftStructure.parameters(ofScope: 0).map { ($0.type(in: swift), $0.typeNamesRedis(in: swift)) }
        #expect(swiftFound.map(\.0) == ["RedisClient", "Int"])
        #expect(swiftFound.map(\.1) == [true, false])
    }
}
