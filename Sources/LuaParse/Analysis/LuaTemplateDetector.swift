/// Recognises scripts that are templates rather than Lua: ERB tags (`<%= … %>`), `-- @include`
/// fragment directives, `${…}` and `{{ … }}` placeholders. A template is analysed after replacing
/// each tag with a same-length placeholder (a name `_` padded with blanks, newlines kept), so spans
/// stay exact and the rest of the script can still be checked.
enum LuaTemplateDetector {
    /// True when the script certainly is a template whatever it parses as. `{{ name }}` with only a
    /// (dotted) name inside counts: as Lua it would be a table in a table, which scripts do not write.
    /// Asked only of scripts `mayContainMarkers` lets through (it screened each of them twice).
    static func hasDefiniteMarkers(_ bytes: [UInt8]) -> Bool {
        if findTags(bytes, open: [60, 37], close: [37, 62]) > 0 || hasIncludeDirective(bytes)
            || findTags(bytes, open: [36, 123], close: [125]) > 0 { return true }
        var placeholder = false
        forEachTag(bytes, open: [123, 123], close: [125, 125]) { range in
            let inner = bytes[(range.lowerBound + 2)..<(range.upperBound - 2)].filter { $0 != 32 && $0 != 9 }
            if !inner.isEmpty, inner.allSatisfy({ LuaLexer.isNameByte($0) || $0 == UInt8(ascii: ".") }) { placeholder = true }
        }
        return placeholder
    }

    /// One cheap pass: does any marker's first two bytes (`<%`, `${`, `{{`, `@i`) occur at all?
    /// Every script is screened, so the loop skips to a first byte (rare in Lua) before testing its successor.
    static func mayContainMarkers(_ bytes: [UInt8]) -> Bool { screen(bytes, forDirectives: true) }

    /// Does any tag's opening (`<%`, `${`, `{{`) occur? Without one `substitute` has nothing to replace:
    /// most templates are so only by their `@include` directives (BullMQ's), and its three searches for
    /// tags, each stopping at every `{` and `<`, cost four times this screen.
    static func mayContainTags(_ bytes: [UInt8]) -> Bool { screen(bytes, forDirectives: false) }

    /// The screen of `mayContainMarkers`, with or without the directive's `@i`.
    @inline(__always)
    private static func screen(_ bytes: [UInt8], forDirectives: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            // Sixteen pairs at a time (bytes i..<i+16 and their successors, compared in SIMD lanes): `{` and
            // `<` are common in Lua (tables, comparisons), and stopping at each cost more than the pair test.
            if let base = buffer.baseAddress, buffer.count >= 17 {
                typealias Lanes = SIMD16<UInt8>
                let raw = UnsafeRawPointer(base)
                let less = Lanes(repeating: 60), percent = Lanes(repeating: 37), dollar = Lanes(repeating: 36)
                let brace = Lanes(repeating: 123), at = Lanes(repeating: 64), letterI = Lanes(repeating: 105)
                while i <= buffer.count &- 17 {
                    let first = raw.loadUnaligned(fromByteOffset: i, as: Lanes.self)
                    let second = raw.loadUnaligned(fromByteOffset: i &+ 1, as: Lanes.self)
                    var pairs = (first .== less) .& (second .== percent)
                    pairs .|= ((first .== dollar) .| (first .== brace)) .& (second .== brace)
                    if forDirectives { pairs .|= (first .== at) .& (second .== letterI) }
                    // The mask as two words: `any(_:)` went through a generic lane-by-lane reduction.
                    let halves = unsafeBitCast(pairs, to: SIMD2<UInt64>.self)
                    if halves[0] | halves[1] != 0 { return true }
                    i &+= Lanes.scalarCount
                }
            }
            // The last pairs (fewer than 16), each from a first byte found eight bytes at a time.
            while true {
                i = ByteSearch.firstOf(60, 36, 123, 64, in: buffer, from: i, to: buffer.count)
                guard i + 1 < buffer.count else { return false }
                switch buffer[i] {
                case 60: if buffer[i + 1] == 37 { return true }
                case 36, 123: if buffer[i + 1] == 123 { return true }
                default: if forDirectives, buffer[i + 1] == 105 { return true }
                }
                i += 1
            }
        }
    }


    /// `{{ name }}` is also valid Lua (a table in a table), so it only marks a template that fails to parse.
    static func hasMustache(_ bytes: [UInt8]) -> Bool { findTags(bytes, open: [123, 123], close: [125, 125]) > 0 }

    /// Replaces every tag by a placeholder of the same length.
    static func substitute(_ bytes: [UInt8]) -> [UInt8] {
        guard mayContainTags(bytes) else { return bytes }
        var out = bytes
        for (open, close) in [([UInt8]([60, 37]), [UInt8]([37, 62])), ([36, 123], [125]), ([123, 123], [125, 125])] {
            forEachTag(out, open: open, close: close) { range in
                // `<% code %>` (no `=`) is control flow of the host language: blank it out entirely.
                let isStatementTag = open == [60, 37] && range.count > 2 && out[range.lowerBound + 2] != UInt8(ascii: "=")
                    && out[range.lowerBound + 2] != UInt8(ascii: "-")
                for i in range where out[i] != 10 && out[i] != 13 { out[i] = 32 }
                if !isStatementTag { out[range.lowerBound] = UInt8(ascii: "_") }
            }
        }
        return out
    }

    private static func findTags(_ bytes: [UInt8], open: [UInt8], close: [UInt8]) -> Int {
        var count = 0
        forEachTag(bytes, open: open, close: close) { _ in count += 1 }
        return count
    }

    private static func matches(_ bytes: [UInt8], _ at: Int, _ pattern: [UInt8]) -> Bool {
        guard at + pattern.count <= bytes.count else { return false }
        for (offset, byte) in pattern.enumerated() where bytes[at + offset] != byte { return false }
        return true
    }

    /// Calls `body` with each `open … close` range; a tag may span lines but not exceed 500 bytes.
    /// Linear: the position of the next `close` is found once and reused by every `open` before it.
    /// Both searches skip to the tag's first byte eight bytes at a time (a byte loop over every script
    /// was most of a template's cost).
    private static func forEachTag(_ bytes: [UInt8], open: [UInt8], close: [UInt8], _ body: (Range<Int>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var i = 0
            var nextClose = -1
            while true {
                i = ByteSearch.firstOf(open[0], open[0], open[0], open[0], in: buffer, from: i, to: count)
                guard i < count else { return }
                guard matches(bytes, i, open) else { i += 1; continue }
                if nextClose < i + open.count {
                    var j = i + open.count
                    while true {
                        j = ByteSearch.firstOf(close[0], close[0], close[0], close[0], in: buffer, from: j, to: count)
                        guard j < count else { return }
                        if matches(bytes, j, close) { break }
                        j += 1
                    }
                    nextClose = j
                }
                if nextClose - i <= 500 {
                    body(i..<(nextClose + close.count))
                    i = nextClose + close.count
                } else {
                    i += 1
                }
            }
        }
    }

    static let include = Array("@include".utf8)

    /// A line `-- @include "file"` or `--- @include …`.
    private static func hasIncludeDirective(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var lineStart = 0
            while lineStart < count {
                var i = lineStart
                while i < count, buffer[i] == 32 || buffer[i] == 9 { i += 1 }
                if matches(bytes, i, [45, 45]) {
                    i += 2
                    while i < count, buffer[i] == 45 || buffer[i] == 32 || buffer[i] == 9 { i += 1 }
                    if matches(bytes, i, include) { return true }
                }
                // The next line starts after the next `\n` (a `\r` alone does not end one here).
                lineStart = ByteSearch.firstOf(10, 10, 10, 10, in: buffer, from: lineStart, to: count) + 1
            }
            return false
        }
    }
}
