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

/// The same hostile runs through the whole analysis: the scope resolver and the Redis view walk the
/// chains, and dropping the script frees the flat storage, without deep recursion anywhere.
@Suite struct HostileScriptTests {
    @Test func longChainsAreWalkedAndFreed() {
        let sum = "local x = " + Array(repeating: "KEYS[1]", count: 100_000).joined(separator: " + ")
        let fields = "redis.call('GET', a" + String(repeating: ".b", count: 100_000) + ")"
        let calls = "f" + String(repeating: "(ARGV)", count: 100_000)
        for source in [sum, fields, calls] {
            let script = LuaScript(source: Array(source.utf8))
            #expect(script.syntaxErrors.isEmpty, "\(source.prefix(20))")
            _ = script.withoutSyntaxTree()
        }
        #expect(LuaScript(source: Array(sum.utf8)).keysUsage.highestKeyIndex == 1)
        #expect(LuaScript(source: Array(fields.utf8)).redisCalls.map(\.command) == ["GET"])
        #expect(LuaScript(source: Array(calls.utf8)).keysUsage.usesArgumentsAsWhole)
    }

    @Test(arguments: ["x = " + String(repeating: "(", count: 10_000), "x = " + String(repeating: "{", count: 10_000),
                      "x = " + String(repeating: "- ", count: 10_000) + "1", "x = " + String(repeating: "f(", count: 10_000),
                      "x = " + Array(repeating: "a", count: 10_000).joined(separator: " .. "),
                      String(repeating: "do ", count: 10_000), String(repeating: "function f() ", count: 10_000)])
    func deepNestingIsRefusedAndFreed(source: String) {
        let script = LuaScript(source: Array(source.utf8))
        #expect(script.syntaxErrors.first?.message == "chunk has too many syntax levels", "\(source.prefix(20))")
        _ = script.withoutSyntaxTree()
    }
}
