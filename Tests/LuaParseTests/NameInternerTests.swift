@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaNameInterner` gives equal names one symbol and unequal names different ones, whatever their
/// length (up to eight bytes the packed word is the name; longer names share prefixes and suffixes),
/// wherever they sit (the last bytes of the source take the byte-at-a-time load), past growth.
@Suite struct NameInternerTests {
    @Test func predefinedNamesHaveTheirSymbols() {
        let source = Array("os math unpack ARGV KEYS redis arg self".utf8)
        var interner = LuaNameInterner()
        let symbols = Self.words(source).map { span in source.withUnsafeBufferPointer { interner.symbol($0, span.lowerBound, span.upperBound) } }
        #expect(symbols == [.os, .math, .unpack, .argv, .keys, .redis, .arg, .selfName])
        #expect(interner.texts == LuaNameInterner.predefined)
    }

    @Test func symbolsAreEqualExactlyForEqualNames() {
        var random = SeededRandom(seed: 91)
        let letters = Array("abAB_9xyzzy".utf8)
        for _ in 0..<300 {
            // Few letters and lengths around 8 and 16, so names collide in prefix, suffix and length.
            var text: [UInt8] = []
            for _ in 0..<random.below(120) {
                if !text.isEmpty { text.append(UInt8(ascii: " ")) }
                let length = 1 + random.below(random.chance(50) ? 9 : 20)
                for _ in 0..<length { text.append(random.pick(letters)) }
            }
            var interner = LuaNameInterner()
            var seen: [[UInt8]: LuaSymbol] = [:]
            for span in Self.words(text) {
                let symbol = text.withUnsafeBufferPointer { interner.symbol($0, span.lowerBound, span.upperBound) }
                let name = Array(text[span])
                if let earlier = seen[name] {
                    #expect(symbol == earlier, "\(String(decoding: name, as: UTF8.self))")
                } else {
                    #expect(!seen.values.contains(symbol), "\(String(decoding: name, as: UTF8.self))")
                    seen[name] = symbol
                }
                #expect(interner.texts[Int(symbol.index)] == String(decoding: name, as: UTF8.self))
            }
        }
    }

    /// Names of 17 to 24 bytes that share their first and last eight bytes and their length differ only in
    /// the middle, which `sameMiddle` compares (random names almost never meet that case).
    @Test func longNamesDifferingOnlyInTheMiddleGetTheirOwnSymbols() {
        for length in 17...24 {
            let middle = length - 16
            let first = "aaaaaaaa" + String(repeating: "X", count: middle) + "bbbbbbbb"
            let second = "aaaaaaaa" + String(repeating: "X", count: middle - 1) + "Y" + "bbbbbbbb"
            let source = Array((first + " " + second + " " + first).utf8)
            var interner = LuaNameInterner()
            let symbols = Self.words(source).map { span in source.withUnsafeBufferPointer { interner.symbol($0, span.lowerBound, span.upperBound) } }
            #expect(symbols[0] != symbols[1], "\(length)")
            #expect(symbols[0] == symbols[2], "\(length)")
            #expect(interner.texts.suffix(2) == [first, second])
        }
    }

    @Test func parsedNamesPrintAndResolveByText() {
        let text = "local abcdefghijk = 1 local abcdefghijl = 2 return abcdefghijk + abcdefghijl + redis + x"
        let script = LuaScript(source: Array(text.utf8))
        #expect(script.chunk?.sExpression == "(local (abcdefghijk) 1) (local (abcdefghijl) 2) (return (+ (+ (+ abcdefghijk abcdefghijl) redis) x))")
        #expect(script.scopes.globalReads.map(\.name) == ["redis", "x"])
        #expect(script.scopes.locals.map(\.name) == ["abcdefghijk", "abcdefghijl"])
    }

    static func words(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: " ") {
            if index > start { spans.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { spans.append(start..<bytes.count) }
        return spans
    }
}
