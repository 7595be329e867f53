import LuaParse
import Testing

/// Operator and suffix runs longer than `LuaParser.flatteningThreshold` are kept flat; the flat tree
/// must print as the nested one (first operand or base included), around the threshold and past it.
@Suite struct LongChainTests {
    static func tree(_ text: String) -> String {
        var parser = LuaParser(bytes: Array(text.utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.isEmpty, "\(parser.errors)")
        return chunk.sExpression
    }

    @Test func binaryRunsPrintNested() {
        for count in [2, 15, 16, 17, 18, 40] {
            let operands = (1...count).map { "a\($0)" }
            var nested = operands[0]
            for operand in operands.dropFirst() { nested = "(- \(nested) \(operand))" }
            #expect(Self.tree("x = " + operands.joined(separator: " - ")) == "(= (x) \(nested))", "\(count)")
        }
    }

    @Test func suffixRunsPrintNested() {
        for count in [1, 15, 16, 17, 18, 40] {
            let fields = (1...count).map { "f\($0)" }
            var nested = "t"
            for field in fields { nested = "(. \(nested) \(field))" }
            #expect(Self.tree("x = t." + fields.joined(separator: ".")) == "(= (x) \(nested))", "\(count)")
        }
    }
}
