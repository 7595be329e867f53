@testable import LuaParse
import Testing

/// The scope resolver finds a name's innermost visible local by symbol (`innermost`, restored when a
/// scope ends): shadowing, restoring the outer local, sibling scopes and globals after a scope.
@Suite struct ShadowingTests {
    /// The offset of the last byte of `needle`'s first occurrence in `source` (a name's offset when it ends the needle).
    static func end(of needle: String, in source: [UInt8]) -> Int {
        let bytes = Array(needle.utf8)
        var offset = 0
        while Array(source[offset..<(offset + bytes.count)]) != bytes { offset += 1 }
        return offset + bytes.count - 1
    }

    @Test func innermostLocalWinsAndOuterReturns() {
        let text = """
        local a = 1
        do local a = 2; x = a end
        y = a
        for a = 1, 2 do z = a end
        local function f(a) return a; end
        if b then local b = a; w = b end
        return a, b, f
        """
        let source = Array(text.utf8)
        let script = LuaScript(source: source)
        func end(of needle: String) -> Int { Self.end(of: needle, in: source) }
        /// The declaring offset of the local the name ending `needle` refers to, or nil for a global.
        func declaration(_ needle: String) -> Int? { script.scopes.local(referencedAt: end(of: needle))?.span.lowerBound }

        let outer = end(of: "local a")
        #expect(declaration("x = a") == end(of: "do local a"))
        #expect(declaration("y = a") == outer)
        #expect(declaration("z = a") == end(of: "for a"))
        #expect(script.scopes.local(referencedAt: end(of: "return a"))?.span.lowerBound == end(of: "f(a"))
        #expect(declaration("local b = a") == outer)
        #expect(declaration("w = b") == end(of: "local b"))
        #expect(declaration("return a, b") == nil)
        #expect(script.scopes.local(referencedAt: end(of: "return a, b") - 3)?.span.lowerBound == outer)
        #expect(script.scopes.globalReads.map(\.name) == ["b", "b"])
        #expect(script.globalWrites.map(\.name) == ["x", "y", "z", "w"])
    }

    /// A name declared twice in one scope: the second declaration shadows the first inside the scope, and
    /// when the scope ends the outer local (not the first inner one) is visible again.
    @Test func twiceDeclaredInOneScopeRestoresTheOuterLocal() {
        let text = "local a = 0 do local a = 1 local a = 2 x = a end y = a"
        let source = Array(text.utf8)
        let script = LuaScript(source: source)
        func offset(_ needle: String) -> Int { Self.end(of: needle, in: source) }
        func declaration(_ needle: String) -> Int? { script.scopes.local(referencedAt: offset(needle))?.span.lowerBound }
        #expect(declaration("x = a") == offset("local a = 1 local a"))
        #expect(declaration("y = a") == offset("local a"))
        #expect(script.globalWrites.map(\.name) == ["x", "y"])
    }
}
