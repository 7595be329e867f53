@testable import LuaParse
import RedisTestSupport
import Testing

/// `LuaTemplateDetector.mayContainMarkers` reads a buffer, first byte then its successor; it must answer
/// as the pairwise loop it replaced (kept here as the reference) on every input.
@Suite struct TemplateScreenTests {
    static func reference(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            switch (previous, byte) {
            case (60, 37), (36, 123), (123, 123), (64, 105): return true
            default: previous = byte
            }
        }
        return false
    }

    /// Long enough for the sixteen-pairs-at-a-time path: a marker anywhere (inside a block, straddling
    /// two, in the tail) is found, near misses are not.
    @Test func longTextsAgreeWithPairwiseLoop() {
        Self.expectAgreement(seed: 10, screen: LuaTemplateDetector.mayContainMarkers, reference: Self.reference)
    }

    /// `screen` answers as `reference` on every sample of `seed`, and the samples have both answers in number.
    static func expectAgreement(seed: UInt64, screen: ([UInt8]) -> Bool, reference: ([UInt8]) -> Bool) {
        var found = 0
        for bytes in samples(seed: seed) {
            let expected = reference(bytes)
            #expect(screen(bytes) == expected, "\(bytes)")
            if expected { found += 1 }
        }
        #expect(found > 300 && found < 5_700)
    }

    /// 6,000 texts of up to 70 bytes of Lua-like filler with up to two pairs of marker bytes inserted anywhere.
    static func samples(seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("<%${@i}a =\n".utf8) + [0, 255]
        let filler = Array("local t = {a = 1} if x < y then".utf8)
        return (0..<6_000).map { _ in
            var bytes = (0..<random.below(70)).map { _ in random.pick(filler) }
            for _ in 0..<random.below(3) {
                bytes.insert(contentsOf: (0..<2).map { _ in random.pick(alphabet) }, at: random.below(bytes.count + 1))
            }
            return bytes
        }
    }

    /// The pairwise loop for tag openings alone (`<%`, `${`, `{{`: not the directive's `@i`).
    static func referenceOpensTag(_ bytes: [UInt8]) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { pair in
            pair == (60, 37) || pair == (36, 123) || pair == (123, 123)
        }
    }

    /// `mayContainTags`, which lets `substitute` return a script without tags untouched, shares the
    /// screen: it must find every tag opening, in blocks and in the tail, and no directive.
    @Test func tagScreenAgreesWithPairwiseLoop() {
        Self.expectAgreement(seed: 12, screen: LuaTemplateDetector.mayContainTags, reference: Self.referenceOpensTag)
        let directive = Array(("--- @include \"includes/a\"\n" + String(repeating: "local x = 1\n", count: 4)).utf8)
        #expect(LuaTemplateDetector.mayContainMarkers(directive) && !LuaTemplateDetector.mayContainTags(directive))
        #expect(LuaTemplateDetector.substitute(directive) == directive)
        #expect(!LuaTemplateDetector.mayContainTags([]))
    }

    @Test func screenAgreesWithPairwiseLoop() {
        var random = SeededRandom(seed: 9)
        // The marker bytes, their near misses and ordinary text, so both answers come up often.
        let alphabet = Array("<%${@i}a =\n".utf8) + [0, 255]
        var found = 0
        for _ in 0..<20_000 {
            let bytes = (0..<random.below(12)).map { _ in random.pick(alphabet) }
            let expected = Self.reference(bytes)
            #expect(LuaTemplateDetector.mayContainMarkers(bytes) == expected, "\(bytes)")
            if expected { found += 1 }
        }
        #expect(found > 2_000 && found < 18_000)
    }

    @Test func markersAtTheEdges() {
        for marker in ["<%", "${", "{{", "@i"] {
            #expect(LuaTemplateDetector.mayContainMarkers(Array(marker.utf8)))
            #expect(LuaTemplateDetector.mayContainMarkers(Array(("x = 1 " + marker).utf8)))
            #expect(!LuaTemplateDetector.mayContainMarkers(Array(marker.utf8.prefix(1))))
        }
        #expect(!LuaTemplateDetector.mayContainMarkers([]))
    }

    // MARK: the tag search (skips to a tag's first byte a word at a time) against the byte loops it replaced

    static func referenceMatches(_ bytes: [UInt8], _ at: Int, _ pattern: [UInt8]) -> Bool {
        at + pattern.count <= bytes.count && Array(bytes[at..<(at + pattern.count)]) == pattern
    }

    static func referenceTags(_ bytes: [UInt8], open: [UInt8], close: [UInt8]) -> [Range<Int>] {
        var tags: [Range<Int>] = []
        var i = 0
        var nextClose = -1
        while i < bytes.count {
            guard referenceMatches(bytes, i, open) else { i += 1; continue }
            if nextClose < i + open.count {
                var j = i + open.count
                while j < bytes.count, !referenceMatches(bytes, j, close) { j += 1 }
                guard j < bytes.count else { break }
                nextClose = j
            }
            if nextClose - i <= 500 {
                tags.append(i..<(nextClose + close.count))
                i = nextClose + close.count
            } else {
                i += 1
            }
        }
        return tags
    }

    static func referenceSubstitute(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for (open, close) in [([UInt8]([60, 37]), [UInt8]([37, 62])), ([36, 123], [125]), ([123, 123], [125, 125])] {
            for range in referenceTags(out, open: open, close: close) {
                let isStatementTag = open == [60, 37] && range.count > 2 && out[range.lowerBound + 2] != UInt8(ascii: "=")
                    && out[range.lowerBound + 2] != UInt8(ascii: "-")
                for i in range where out[i] != 10 && out[i] != 13 { out[i] = 32 }
                if !isStatementTag { out[range.lowerBound] = UInt8(ascii: "_") }
            }
        }
        return out
    }

    static func referenceHasInclude(_ bytes: [UInt8]) -> Bool {
        var lineStart = 0
        while lineStart < bytes.count {
            var i = lineStart
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            if referenceMatches(bytes, i, [45, 45]) {
                i += 2
                while i < bytes.count, bytes[i] == 45 || bytes[i] == 32 || bytes[i] == 9 { i += 1 }
                if referenceMatches(bytes, i, Array("@include".utf8)) { return true }
            }
            while lineStart < bytes.count, bytes[lineStart] != 10 { lineStart += 1 }
            lineStart += 1
        }
        return false
    }

    @Test func substitutionAgreesWithByteLoops() {
        var random = SeededRandom(seed: 11)
        // Tag pieces, their near misses and filler, so tags open, close, nest and run past 8-byte words.
        let pieces = ["<%", "%>", "<%=", "<%-", "${", "}", "{{", "}}", "{", "%", "<", "$", "-- ", "--- ", "@include",
                      "@inc", "\n-- @include \"a\"", "\n", "\r", " ", "\t", "a", "x.y", "local v = 1", String(repeating: "z", count: 120)]
        var substituted = 0, included = 0
        for _ in 0..<2_000 {
            let text = (0..<random.below(40)).map { _ in random.pick(pieces) }.joined()
            let bytes = Array(text.utf8)
            let expected = Self.referenceSubstitute(bytes)
            #expect(LuaTemplateDetector.substitute(bytes) == expected, "\(text)")
            if expected != bytes { substituted += 1 }
            let hasInclude = Self.referenceHasInclude(bytes)
            let definite = Self.referenceTags(bytes, open: [60, 37], close: [37, 62]).count > 0 || hasInclude
                || Self.referenceTags(bytes, open: [36, 123], close: [125]).count > 0
            if definite { #expect(LuaTemplateDetector.hasDefiniteMarkers(bytes), "\(text)") }
            if hasInclude { included += 1 }
        }
        #expect(substituted > 200 && included > 200)
    }
}
