import RedisLint
import RedisTestSupport
import Testing

/// `LuaComments.ranges` skips bytes that start nothing eight at a time; it must find the ranges the
/// byte-by-byte loop it replaced (kept here as the reference) found, on every input.
@Suite struct LuaCommentsSkipTests {
    static func reference(_ bytes: [UInt8]) -> [Range<Int>] {
        func longBracketLevel(_ i: Int) -> Int? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            var j = i + 1
            while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { return nil }
            return j - i - 1
        }
        func endOfLongBracket(from start: Int, level: Int) -> Int {
            var i = start
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "]") {
                    var j = i + 1
                    while j < bytes.count, bytes[j] == UInt8(ascii: "="), j - i - 1 < level { j += 1 }
                    if j - i - 1 == level, j < bytes.count, bytes[j] == UInt8(ascii: "]") { return j + 1 }
                }
                i += 1
            }
            return bytes.count
        }
        var comments: [Range<Int>] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "-"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "-") {
                let start = i
                i += 2
                if let level = longBracketLevel(i) {
                    i = endOfLongBracket(from: i + level + 2, level: level)
                } else {
                    while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                }
                comments.append(start..<i)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < n, bytes[i] != b, bytes[i] != UInt8(ascii: "\n") {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i = min(i + 1, n)
            } else if b == UInt8(ascii: "["), let level = longBracketLevel(i) {
                i = endOfLongBracket(from: i + level + 2, level: level)
            } else {
                i += 1
            }
        }
        return comments
    }

    @Test func rangesAgreeWithByteLoop() {
        var random = SeededRandom(seed: 74)
        // Every byte that starts or ends something, their near misses (`,` `.` `\\` `Z` `]`) and filler.
        let alphabet = Array("---\"'[[]==\n\\ .,Z]".utf8) + [0xAD, 0xA2, 0xDB, 0]
        var withComments = 0
        for _ in 0..<10_000 {
            let bytes = (0..<random.below(80)).map { _ in random.chance(30) ? UInt8(ascii: "a") : random.pick(alphabet) }
            let expected = Self.reference(bytes)
            #expect(LuaComments.ranges(bytes) == expected, "\(bytes)")
            if !expected.isEmpty { withComments += 1 }
        }
        #expect(withComments > 1_000 && withComments < 9_000, "\(withComments)")
    }
}
