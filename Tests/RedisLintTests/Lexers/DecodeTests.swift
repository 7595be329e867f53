import Foundation
import Testing
@testable import RedisLint

@Suite struct DecodeTests {
    @Test func rubyEscapesMapToTheirBackslash() throws {
        let (value, offsets, _) = try #require(firstDecoded(RubyLexer.self, #"x = "a\nb\u00e9\x41""#))
        #expect(value == "a\nbéA")
        #expect(offsets == [5, 6, 8, 9, 9, 15])
    }

    @Test func rubySquigglyHeredocOffsetsSkipIndentation() throws {
        let source = "s = <<~LUA\n    return redis.call('GET', KEYS[1])\n      -- x\n  LUA\n"
        let (value, offsets, bytes) = try #require(firstDecoded(RubyLexer.self, source))
        #expect(value == "return redis.call('GET', KEYS[1])\n  -- x\n")
        #expect(offsetsAreExact(Array(value.utf8), offsets, bytes))
        #expect(offsets.first == 15)  // the `r` of `return`, after 4 spaces of indentation
    }

    @Test func rubySingleQuotedKeepsMostBackslashes() throws {
        let (value, _, _) = try #require(firstDecoded(RubyLexer.self, #"'a\'b\\c\nd'"#))
        #expect(value == #"a'b\c\nd"#)
    }

    @Test func pythonLineContinuationInsideString() throws {
        let source = "x = 'ab\\\ncd\\tz'"
        let (value, offsets, _) = try #require(firstDecoded(PythonLexer.self, source))
        #expect(value == "abcd\tz")
        #expect(offsets == [5, 6, 9, 10, 11, 13])
        // Raw strings keep everything.
        #expect(try #require(firstDecoded(PythonLexer.self, "r'a\\\nb'")).0 == "a\\\nb")
        // Unknown escapes keep their backslash in Python.
        #expect(try #require(firstDecoded(PythonLexer.self, #"'\d\N{DASH}'"#)).0 == #"\d\N{DASH}"#)
    }

    @Test func pythonTripleQuotedLuaHasExactOffsets() throws {
        let source = "SCRIPT = \"\"\"\nlocal v = redis.call('GET', KEYS[1])\nreturn v\n\"\"\"\n"
        let (value, offsets, bytes) = try #require(firstDecoded(PythonLexer.self, source))
        #expect(value == "\nlocal v = redis.call('GET', KEYS[1])\nreturn v\n")
        #expect(offsetsAreExact(Array(value.utf8), offsets, bytes))
        #expect(offsets.first == 12)
    }

    @Test func javaScriptTemplateAndUnicode() throws {
        let (value, offsets, _) = try #require(firstDecoded(JavaScriptLexer.self, #"`a\u{1F600}\`b`"#))
        #expect(value == "a😀`b")
        #expect(offsets == [1, 2, 2, 2, 2, 12, 13])
        #expect(try #require(firstDecoded(JavaScriptLexer.self, "'a\\\nb'")).0 == "ab")
    }

    @Test func swiftMultilineOffsetsSkipClosingIndentation() throws {
        let source = "let s = \"\"\"\n    local x = 1\n      return x\n    \"\"\"\n"
        let (value, offsets, bytes) = try #require(firstDecoded(SwiftLexer.self, source))
        #expect(value == "local x = 1\n  return x")
        #expect(offsetsAreExact(Array(value.utf8), offsets, bytes))
        #expect(offsets.first == 16)
    }

    @Test func swiftRawStringEscapes() throws {
        let (value, _, _) = try #require(firstDecoded(SwiftLexer.self, ##"#"a\nb\#nc\#u{41}"#"##))
        #expect(value == "a\\nb\ncA")
    }

    @Test func decodedTortureStringsMapBackToSource() throws {
        for lexer in LexerUnderTest.allCases {
            let url = fixturesDirectory.appendingPathComponent("lexers").appendingPathComponent(lexer.fixture)
            let bytes = Array(try Data(contentsOf: url))
            #expect(violation(lexer, bytes) == nil, "\(lexer)")
            // Some string in each fixture decodes to text holding `redis.keys`.
            let found = lexer.lex(bytes).tokens.contains { t in
                [.string, .stringHead, .stringMiddle, .stringTail].contains(t.kind)
                    && String(decoding: lexer.decode(t, bytes).value, as: UTF8.self).contains("redis.keys")
            }
            #expect(found, "\(lexer)")
        }
    }
}

/// Runs without escapes are copied as blocks; every byte keeps its own offset, in short and long runs
/// and around escapes.
@Suite struct DecodeRunTests {
    @Test func runsKeepEveryOffset() {
        let bytes = [UInt8](repeating: UInt8(ascii: "k"), count: 10_000)
        let long = StringDecoding.decode(bytes, 7..<9_990, style: .javaScript)
        #expect(long.value.count == 9_983)
        #expect(long.sourceOffsets == (7..<9_990).map { Int32($0) })
        let mixed = StringDecoding.decode(Array(#"ab\ncd\\e"#.utf8), 0..<9, style: .javaScript)
        #expect(mixed.value == Array("ab\ncd\\e".utf8))
        #expect(mixed.sourceOffsets == [0, 1, 2, 4, 5, 6, 8])
    }
}
