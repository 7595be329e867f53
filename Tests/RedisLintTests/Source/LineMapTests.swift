import Testing
@testable import RedisLint
import RedisTestSupport

@Suite struct LineMapTests {
    func position(_ text: [UInt8], _ offset: Int) -> Position { LineMap(text).position(of: offset, in: text) }

    @Test func columnsCountUTF16CodeUnits() {
        let text = Array("a😀b\nxé\ty".utf8)
        #expect(position(text, 0) == Position(line: 1, column: 1))
        #expect(position(text, 5) == Position(line: 1, column: 4))   // after the emoji (2 units)
        let y = text.firstIndex(of: UInt8(ascii: "y"))!
        #expect(position(text, y) == Position(line: 2, column: 4))   // x, é, tab count one each
    }

    @Test func lineEndingsAndInvalidBytes() {
        let text: [UInt8] = [0x61, 0x0D, 0x0A, 0x62, 0x0D, 0x63, 0xFF, 0xC3, 0x64]
        #expect(LineMap(text).lineCount == 3)
        #expect(position(text, 3) == Position(line: 2, column: 1))
        #expect(position(text, 5) == Position(line: 3, column: 1))
        #expect(position(text, 8) == Position(line: 3, column: 4))  // invalid 0xFF and a truncated 0xC3 count one each
    }

    /// `positions(of:in:)` (the end counted on from the start when both are on one line) agrees with
    /// `position(of:in:)` asked for each end, for every range of texts with multi-byte characters, invalid and
    /// truncated sequences, every line ending, a byte-order mark, and offsets past either end.
    @Test func rangePositionsAreEachEndsPosition() {
        let pieces: [[UInt8]] = [
            Array("ab".utf8), Array("é".utf8), Array("😀".utf8), Array("中".utf8), [0x0A], [0x0D], [0x0D, 0x0A],
            [0xFF], [0xC3], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0x80], [0x09], [0xEF, 0xBB, 0xBF], Array("x y".utf8),
        ]
        var random = SeededRandom(seed: 0x9E3779B97F4A7C15)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var texts: [[UInt8]] = [[], [0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8), [0xEF, 0xBB, 0xBF]]
        for _ in 0..<300 {
            var text: [UInt8] = next(4) == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<next(12) { text += pieces[next(pieces.count)] }
            texts.append(text)
        }
        for text in texts {
            let map = LineMap(text)
            for lower in -1...(text.count + 1) {
                for upper in lower...(text.count + 2) {
                    let (start, end) = map.positions(of: lower..<upper, in: text)
                    #expect(start == map.position(of: lower, in: text))
                    #expect(end == map.position(of: upper, in: text), "\(text) \(lower)..<\(upper)")
                }
            }
        }
    }

    /// `utf16Length` (eight ASCII bytes at a time) agrees with a count a byte or a sequence at a time, and
    /// `lineIndex` (a branch-free search) with a walk over the starts, on texts with long ASCII runs broken by
    /// multi-byte characters, invalid bytes and line ends at every alignment, for every range and offset.
    @Test func wordAtATimeCountsAgreeWithByteAtATime() {
        let pieces: [[UInt8]] = [
            Array("abcdefghijklmnopq".utf8), Array("é".utf8), Array("😀".utf8), Array("中".utf8), [0x0A], [0xFF], [0xC3],
            [0xF0, 0x9F, 0x98], [0x80], Array("0123456".utf8), Array("x".utf8),
        ]
        func reference(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
            var units = 0, i = range.lowerBound
            while i < range.upperBound {
                let length = bytes[i] < 0x80 ? 1 : UTF8Sequence.length(bytes, at: i, end: range.upperBound)
                units += length == 4 ? 2 : 1
                i += max(length, 1)
            }
            return units
        }
        var random = SeededRandom(seed: 0x5DEECE66D)
        var texts: [[UInt8]] = [[], [0x0A], Array(repeating: 0x61, count: 64), Array(repeating: 0x0A, count: 17)]
        for _ in 0..<60 {
            var text: [UInt8] = []
            for _ in 0..<random.below(10) { text += pieces[random.below(pieces.count)] }
            texts.append(text)
        }
        for text in texts {
            for lower in 0...text.count {
                for upper in lower...text.count {
                    #expect(LineMap.utf16Length(text, lower..<upper) == reference(text, lower..<upper), "\(text) \(lower)..<\(upper)")
                }
            }
            let map = LineMap(text)
            for offset in -2...(text.count + 2) {
                let expected = (map.starts.lastIndex { $0 <= offset }) ?? 0
                #expect(map.lineIndex(of: offset) == expected, "\(text) \(offset)")
            }
        }
    }

    @Test func languageDetection() {
        #expect(Language.forFileName("x.gemspec") == .ruby)
        #expect(Language.forFileName("x.MTS") == .javascript)
        #expect(Language.forFileName("x.txt") == nil)
        #expect(Language.forShebang(Array("#!/usr/bin/env -S ruby -w".utf8)[...]) == .ruby)
        #expect(Language.forShebang(Array("#!/usr/local/bin/python3.12".utf8)[...]) == .python)
        #expect(Language.forShebang(Array("#!/usr/bin/env node".utf8)[...]) == .javascript)
        #expect(Language.forShebang(Array("#!/bin/bash".utf8)[...]) == nil)
    }
}
