@testable import LuaParse
import Testing

/// `LuaStatementCollector` keeps a one-statement block without an array; blocks of every size give
/// their statements in order, through `statements` and `forEachStatement` alike.
@Suite struct OneStatementBlockTests {
    static func block(_ text: String) -> LuaBlock {
        ExpressionStorageTests.chunk(text).block
    }

    @Test func blocksOfEverySizeKeepTheirOrder() {
        for count in 0..<7 {
            let text = (0..<count).map { "x\($0) = \($0)" }.joined(separator: "\n")
            let block = Self.block(text)
            var lines: [Int] = []
            block.forEachStatement { lines.append($0.line) }
            #expect(lines == Array(0..<count).map { $0 + 1 }, "\(count)")
            #expect(block.statements.map(\.line) == lines, "\(count)")
            if case .one = block.storage { #expect(count == 1) } else { #expect(count != 1) }
        }
    }

    @Test func nestedOneStatementBodiesPrintAndResolve() {
        let text = "local t = 0 for i = 1, 3 do if i > 1 then t = t + i else t = t - i end end return t"
        var parser = LuaParser(bytes: Array(text.utf8))
        #expect(parser.parseChunk().sExpression
            == "(local (t) 0) (for i 1 3 ((if (> i 1) ((= (t) (+ t i))) else ((= (t) (- t i)))))) (return t)")
        let script = LuaScript(source: Array(text.utf8))
        #expect(script.scopes.globalReads.isEmpty)
        #expect(script.scopes.locals.map(\.name) == ["t", "i"])
        #expect(script.scopes.locals[0].assignmentCount == 2)
    }
}
