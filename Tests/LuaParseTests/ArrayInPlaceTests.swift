@testable import LuaParse
import Testing

/// `forEachInPlace` (the tree walkers' loop) visits every element once, in order.
@Suite struct ArrayInPlaceTests {
    @Test func visitsEveryElementInOrder() {
        for count in [0, 1, 2, 17] {
            let names = (0..<count).map { "name\($0)" }
            var seen: [String] = []
            names.forEachInPlace { seen.append($0) }
            #expect(seen == names)
        }
    }

    @Test func visitsStatementsOfAParsedBlock() {
        var parser = LuaParser(bytes: Array("local a = 1 a = 2 return a".utf8))
        let chunk = parser.parseChunk()
        var lines: [Int] = []
        var spans: [Range<Int>] = []
        chunk.block.statements.forEachInPlace { lines.append($0.line); spans.append($0.span) }
        #expect(lines == [1, 1, 1])
        #expect(spans == chunk.block.statements.map(\.span))
        #expect(spans.count == 3)
    }
}
