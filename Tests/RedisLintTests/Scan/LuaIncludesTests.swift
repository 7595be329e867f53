import Testing
@testable import RedisLint
import RedisTestSupport

/// `LuaIncludes.referencedNames` looks only where `include` occurs; it must find what the byte-at-a-time
/// reading it replaced found (kept here as the reference) on every input.
@Suite struct LuaIncludesTests {
    static func reference(_ bytes: [UInt8]) -> [String] {
        var names: [String] = []
        let markers: [[UInt8]] = [Array("@include".utf8), Array("include_partial".utf8)]
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@") || bytes[index] == UInt8(ascii: "i") else { index += 1; continue }
            guard let marker = markers.first(where: { index + $0.count <= bytes.count && bytes[index..<index + $0.count].elementsEqual($0) }) else {
                index += 1
                continue
            }
            var cursor = index + marker.count
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x28 { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 else { index = cursor; continue }
            let quote = bytes[cursor]
            var end = cursor + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != 0x0A, end - cursor < 300 { end += 1 }
            names.append(LuaIncludes.baseName(String(decoding: bytes[cursor + 1..<min(end, bytes.count)], as: UTF8.self)))
            index = end
        }
        return names
    }

    @Test func directivesAreFound() {
        let text = "--- @include \"includes/removeLock\"\n<%= include_partial('shared/_delete.lua') %>\ninclude 'not/this'\n"
        #expect(LuaIncludes.referencedNames(in: Array(text.utf8)) == ["removeLock", "_delete"])
    }

    @Test func agreesWithTheByteAtATimeReading() {
        let pieces = ["@include", "include_partial", "include", "@", "i", " ", "(", "\"", "'", "a/b", "x.lua", "\n", "@include_partial",
                      "inc", "lude", "_partial", "@@include"]
        var generator = SeededRandom(seed: 20261123)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            #expect(LuaIncludes.referencedNames(in: bytes) == Self.reference(bytes), "\(text)")
        }
    }
}
