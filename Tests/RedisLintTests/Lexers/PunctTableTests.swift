import Testing
import RedisTestSupport
@testable import RedisLint

/// `PunctTable.length` (candidates by first byte, screened by a bit per second byte) gives the longest
/// operator of its list at every offset, as a plain walk of the whole list does: for operator lists
/// like the lexers' (and one with four-byte operators and second bytes on both sides of 64), at every
/// offset of generated operator soups, the last byte and offsets whose operator the buffer cuts short
/// included.
@Suite struct PunctTableTests {
    static let lists: [[String]] = [
        ["**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=",
         "/=", "%=", "&=", "|=", "^=", "@=", ":="],
        ["...", "===", "!==", "**=", "<<=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=",
         "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<"],
        ["**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "**", "==", "!=", ">=", "<=", "&&", "||", "<<", ">>",
         "=~", "!~", "::", "..", "&.", "=>", "->", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^="],
        [">>>=", ">>>", ">>=", ">>", "a~", "a\u{7F}", "~a", "@@"],
    ]

    /// The longest operator of `list` at `k`, else 1.
    static func plainLength(_ bytes: [UInt8], at k: Int, _ list: [String]) -> Int {
        var best = 1
        for op in list {
            let op = Array(op.utf8)
            if op.count > best, k + op.count <= bytes.count, Array(bytes[k..<k + op.count]) == op { best = op.count }
        }
        return best
    }

    @Test func lengthIsTheLongestOperatorOfTheList() {
        var random = SeededRandom(seed: 0x5055_4E43)
        for list in PunctTableTests.lists {
            let table = PunctTable(list)
            let alphabet = Array(Set(list.flatMap { Array($0.utf8) })) + Array("a (x\n".utf8) + [0xC3, 0x00]
            for _ in 0..<300 {
                let bytes = (0..<1 + random.below(24)).map { _ in random.pick(alphabet) }
                bytes.withUnsafeBufferPointer { b in
                    for k in 0..<b.count {
                        #expect(table.length(b, at: k) == PunctTableTests.plainLength(bytes, at: k, list))
                    }
                }
            }
        }
    }
}
