import LuaParse
import RedisLint
import Testing

/// `EmbeddedScript` keeps its fields in one shared box: a copy must still behave as a value (a change to
/// one copy is never seen by another), however the change is made.
@Suite struct EmbeddedScriptValueTests {
    static func site(_ keys: Int) -> ScriptCallSite {
        ScriptCallSite(numberOfKeys: keys, keys: [], argumentCount: nil, span: keys..<(keys + 1))
    }

    static func script(_ text: String) -> EmbeddedScript {
        EmbeddedScript(script: LuaScript(source: Array(text.utf8)), sourceOffsets: [4, 5, 6, 9, 10], span: 4..<11)
    }

    @Test func copiesAreIndependentValues() {
        let original = Self.script("return redis.call('GET', KEYS[1])")
        var copy = original
        copy.callSites.append(Self.site(1))
        copy.span = 0..<3
        copy.script = LuaScript(source: Array("return 1".utf8))
        #expect(original.callSites.isEmpty)
        #expect(original.span == 4..<11)
        #expect(original.script.redisCalls.count == 1)
        #expect(copy.callSites.map(\.numberOfKeys) == [1])
        #expect(copy.span == 0..<3)
        #expect(copy.script.redisCalls.isEmpty)
        // The offsets were not changed: both still map alike.
        #expect(copy.hostRange(2..<4) == original.hostRange(2..<4))
        #expect(original.hostRange(2..<4) == 6..<10)
        // New offsets in a copy (through their accessor) stay in the copy too.
        var shifted = original
        shifted.sourceOffsets = ScriptOffsets([4, 5, 20, 21, 22])
        #expect(shifted.sourceOffsets[2] == 20 && original.sourceOffsets[2] == 6)
        #expect(original.hostRange(2..<4) == 6..<10)
    }

    @Test func changesThroughContainersStayInTheirElement() {
        var scripts = [Self.script("return 1"), Self.script("return 2")]
        let before = scripts
        scripts[0].callSites.append(Self.site(2))
        var byStart: [Int: EmbeddedScript] = [7: scripts[1]]
        byStart[7]!.callSites += [Self.site(3), Self.site(4)]
        #expect(before.allSatisfy { $0.callSites.isEmpty })
        #expect(scripts[0].callSites.map(\.numberOfKeys) == [2])
        #expect(scripts[1].callSites.isEmpty)
        #expect(byStart[7]!.callSites.map(\.numberOfKeys) == [3, 4])
    }

    @Test func aChangedUniqueScriptKeepsItsOtherFields() {
        var script = Self.script("return redis.call('SET', KEYS[1], ARGV[1])")
        for keys in 0..<20 { script.callSites.append(Self.site(keys)) }
        #expect(script.callSites.map(\.numberOfKeys) == (0..<20).map { $0 })
        #expect(script.script.redisCalls.first?.command == "SET")
        #expect(script.sourceOffsets.count == 5)
        #expect(script.span == 4..<11)
    }
}
