import Testing
@testable import RedisLint

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
