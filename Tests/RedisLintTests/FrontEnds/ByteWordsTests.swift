import Testing
@testable import RedisLint

/// `ByteWords` replaced `Set<String>.contains(view.text(i))` in the chain parser: it must give the
/// same answer for every token, multi-byte and invalid UTF-8 included.
@Suite struct ByteWordsTests {
    static let words: Set<String> = ["if", "in", "do", "end", "new", "async", "function", "unless", "ün", "_x1"]

    @Test func agreesWithStringSetOnEveryToken() {
        let source = "if iff i in end ending new New async asyncs function fn unless ün üna _x1 _x2 do"
        var bytes = Array(source.utf8)
        bytes += [0x20, 0xFF, 0x69, 0x66, 0x20, 0x69, 0x66]  // invalid byte then `if`, then `if`
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        let matcher = ByteWords(ByteWordsTests.words)
        var matched = 0
        for index in 0..<view.count {
            let expected = ByteWordsTests.words.contains(view.text(index))
            #expect(matcher.contains(view, index) == expected, "token \(index) '\(view.text(index))'")
            if expected { matched += 1 }
        }
        // if, in, end, new, async, function, unless, ün, _x1, do, and the final if.
        #expect(matched >= 11)
        #expect(!matcher.contains(view, -1) && !matcher.contains(view, view.count))
    }

    /// Plain ASCII words only: tokens are first screened by length and first byte (the set above,
    /// with a non-ASCII word, takes the other path).
    @Test func plainWordsAgreeWithStringSetOnEveryToken() {
        let words: Set<String> = ["if", "do", "End", "_x1", "instanceof", "implements", "Z"]
        let source = "if i iff do d End end _x1 _x2 instanceof instanceOf implements implement Z z Zz ifü üif dö x"
        var bytes = Array(source.utf8)
        bytes += [0x20, 0xFF, 0x69, 0x66, 0x20, 0x69, 0x66, 0x20, 0x5A]  // invalid byte then `if`, then `if`, then `Z`
        // if, do, End, _x1, instanceof, implements, Z, and the final if and Z.
        #expect(Self.matchedTokens(words, bytes) >= 9)
    }

    /// Words of every length around the 8 bytes that are packed into one integer, on tokens.
    @Test func wordsOfEveryLengthAgreeWithStringSetOnEveryToken() {
        let words: Set<String> = ["a", "do", "end", "func", "async", "unless", "extends", "function", "extension",
                                  "subscript", "create_redis_pool", "createClient"]
        let source = "a b do od end ends func fun async asynd unless unlesss extends extend function functioN extension "
            + "extensions subscript subscripT create_redis_pool create_redis_poo createClient createclient"
        #expect(Self.matchedTokens(words, Array(source.utf8)) == words.count)
    }

    /// Checks `ByteWords` against the `String` set on every token of `bytes` (as a token and as text),
    /// and gives how many tokens are words.
    static func matchedTokens(_ words: Set<String>, _ bytes: [UInt8]) -> Int {
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        let matcher = ByteWords(words)
        var matched = 0
        for index in 0..<view.count {
            let expected = words.contains(view.text(index))
            #expect(matcher.contains(view, index) == expected, "token \(index) '\(view.text(index))'")
            #expect(matcher.contains(view.text(index)) == expected)
            if expected { matched += 1 }
        }
        return matched
    }

    @Test func emptySetMatchesNothing() {
        let bytes = Array("if x".utf8)
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        #expect((0..<view.count).allSatisfy { !ByteWords([]).contains(view, $0) })
    }
}
