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

    /// Names the table hashes by their bytes are still compared as strings: an ASCII function name is found by
    /// a non-ASCII spelling equal to it (the Kelvin sign equals "K"), and a file with a non-ASCII name keeps
    /// `String` equality throughout.
    @Test func comparesNamesAsStrings() {
        let ascii = FunctionTable([Scope(kind: .function, name: "K", body: 0..<1), Scope(kind: .function, name: "K", body: 1..<2)])
        #expect(ascii.contains("\u{212A}"))
        #expect(ascii.functions(named: "\u{212A}") == [0, 1])
        let mixed = FunctionTable([Scope(kind: .function, name: "\u{212A}", body: 0..<1), Scope(kind: .function, name: "K", body: 1..<2)])
        #expect(mixed.count == 1)
        #expect(mixed.functions(named: "K") == [0, 1])
        #expect(FunctionTable([]).contains("") == false)
    }

    /// With a probe limit of one slot, colliding names send the table to its fallback (the `[String: Int32]`
    /// of each name's last function), and it answers as that dictionary and the lists per name do.
    @Test func collidingNamesFallBackToTheDictionary() {
        var scopes: [Scope] = []
        for index in 0..<600 {
            scopes.append(Scope(kind: index % 5 == 0 ? .loop : .function, name: "n\(index % 300)", body: index..<index + 1))
        }
        var lastOfName: [String: Int32] = [:]
        var lists: [String: [Int]] = [:]
        for index in scopes.indices where scopes[index].kind == .function {
            lastOfName[scopes[index].name] = Int32(index)
            lists[scopes[index].name, default: []].append(index)
        }
        let table = FunctionTable(scopes, probeLimit: 1)
        #expect(table.count == lastOfName.count)
        for index in 0..<310 {
            let name = "n\(index)"
            #expect(table.contains(name) == (lastOfName[name] != nil), "\(name)")
            #expect(table.functions(named: name).last.map(Int32.init) == lastOfName[name], "\(name)")
            #expect(table.functions(named: name) == (lists[name] ?? []), "\(name)")
        }
        // A table with no collision within the limit stays by bytes and answers the same.
        let single = FunctionTable([Scope(kind: .function, name: "get", body: 0..<1)], probeLimit: 1)
        #expect(single.functions(named: "get") == [0] && !single.contains("set"))
    }

    /// Many distinct names (the table at half its slots) and names of every length up to 20 bytes.
    @Test func findsEachOfManyNames() {
        var scopes: [Scope] = []
        for index in 0..<1_500 {
            let name = "f" + String(repeating: "x", count: index % 20) + String(index / 20)
            scopes.append(Scope(kind: index % 7 == 0 ? .closure : .function, name: name, body: index..<index + 1))
        }
        scopes += scopes.map { Scope(kind: $0.kind, name: $0.name, body: $0.body) }
        let table = FunctionTable(scopes)
        #expect(table.count == Set(scopes.filter { $0.kind == .function }.map(\.name)).count)
        for index in 0..<1_500 {
            let expected = index % 7 == 0 ? [] : [index, index + 1_500]
            #expect(table.functions(named: scopes[index].name) == expected)
        }
        #expect(!table.contains("missing"))
    }
}
