@testable import LuaParse
import Testing

/// `LuaNameList` keeps one or two names inline and three or more in an array: every length gives
/// its names back in order, and parsed parameters and `for` names print and resolve alike.
@Suite struct NameListTests {
    @Test func appendedNamesComeBackInOrder() {
        var list = LuaNameList.none
        var expected: [LuaName] = []
        for index in 0..<6 {
            #expect(list.count == expected.count)
            #expect(list.all == expected)
            var visited: [LuaName] = []
            list.forEach { visited.append($0) }
            #expect(visited == expected)
            let name = LuaName(symbol: LuaSymbol(UInt32(10 + index)), span: index..<(index + 1))
            list.append(name)
            expected.append(name)
        }
    }

    @Test func parametersAndLoopNamesOfEveryCountPrintAndResolve() {
        let names = ["a", "b", "c", "d", "e"]
        for count in 0...names.count {
            let list = names.prefix(count).joined(separator: ", ")
            let text = "local f = function(\(list)) for \(count == 0 ? "x" : list) in g do end end"
            let script = LuaScript(source: Array(text.utf8))
            #expect(script.syntaxErrors.isEmpty, "\(text)")
            let parameters = script.scopes.locals.filter { $0.kind == .parameter }.map(\.name)
            let loopNames = script.scopes.locals.filter { $0.kind == .forVariable }.map(\.name)
            #expect(parameters == Array(names.prefix(count)), "\(text)")
            #expect(loopNames == (count == 0 ? ["x"] : Array(names.prefix(count))), "\(text)")
            let printed = script.chunk.map { $0.sExpression } ?? ""
            #expect(printed.contains("(function (" + names.prefix(count).joined(separator: " ") + ")"), "\(printed)")
            #expect(printed.contains("(for-in (" + (count == 0 ? "x" : names.prefix(count).joined(separator: " ")) + ")"), "\(printed)")
        }
    }
}
