@testable import LuaParse
import Testing

/// `LuaNameHead.packed` (the keyword switch's and the name interner's key) packs a name's first eight
/// bytes, the first lowest, zero past its end: the same from the one-load path (eight bytes or more
/// from the name's start to the buffer's end) and the byte-at-a-time one (fewer), for every length.
@Suite struct NameHeadTests {
    static func reference(_ name: [UInt8]) -> UInt64 {
        var packed: UInt64 = 0
        for (index, byte) in name.prefix(8).enumerated() { packed |= UInt64(byte) << UInt64(8 * index) }
        return packed
    }

    static func packed(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { LuaNameHead.packed($0, start, end) }
    }

    @Test func bothPathsPackTheFirstEightBytes() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz_0123".utf8)
        for length in 1...20 {
            let name = Array(letters.prefix(length))
            let expected = Self.reference(name)
            // Alone and at the buffer's end (byte at a time below eight bytes), followed by name bytes
            // (one load, the bytes past the name masked off), and after a prefix.
            #expect(Self.packed(name, 0, length) == expected, "\(length)")
            #expect(Self.packed(name + Array("zzzzzzzz".utf8), 0, length) == expected, "\(length)")
            #expect(Self.packed(Array("(".utf8) + name, 1, 1 + length) == expected, "\(length)")
        }
        #expect(Self.packed(Array("KEYS".utf8), 0, 4) == 0x5359_454B)
    }
}
