import Testing
@testable import RedisLint
import RedisTestSupport

/// `FunctionTable` answers as the set of function names and the dictionary of lists it replaced: a name is
/// in it when a function (and not another kind of scope) has it, and its functions come in scope order.
@Suite struct FunctionTableTests {
    @Test func agreesWithTheSetAndTheListsPerName() {
        var random = SeededRandom(seed: 0xF7AB)
        let names = ["get", "save", "run", "é", "", "each"]
        let kinds: [Scope.Kind] = [.function, .function, .closure, .loop, .classBody, .conditional]
        var shared = 0
        for _ in 0..<300 {
            let scopes = (0..<random.below(25)).map { index in
                Scope(kind: random.pick(kinds), name: random.pick(names), body: index..<index + 1)
            }
            var expectedNames = Set<String>()
            var expectedLists: [String: [Int]] = [:]
            for index in scopes.indices where scopes[index].kind == .function {
                expectedNames.insert(scopes[index].name)
                expectedLists[scopes[index].name, default: []].append(index)
            }
            let table = FunctionTable(scopes)
            #expect(table.count == expectedNames.count)
            for name in names + ["missing"] {
                #expect(table.contains(name) == expectedNames.contains(name), "\(name)")
                #expect(table.functions(named: name) == (expectedLists[name] ?? []), "\(name)")
                if (expectedLists[name]?.count ?? 0) > 1 { shared += 1 }
            }
        }
        #expect(shared > 100)
    }
}
