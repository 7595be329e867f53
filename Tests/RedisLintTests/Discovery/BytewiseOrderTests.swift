import Testing
import RedisTestSupport
@testable import RedisLint

/// Folder entries are sorted by `FileSystem.precedesBytewise` (`memcmp`): the order must be the one the UTF-8
/// views' `lexicographicallyPrecedes` gives, on generated names (ASCII, multi-byte characters, prefixes of one
/// another, equal, small strings kept inline and large ones on the heap).
@Suite struct BytewiseOrderTests {
    @Test func memcmpOrderIsTheUTF8ViewsOrder() {
        var random = SeededRandom(seed: 0x5EED_0B17)
        let pieces = ["a", "b", "Z", "_", ".", "0", "é", "ß", "日本", "😀", "\u{7F}", "e\u{301}", "long-name-of-a-module-file"]
        var names: [String] = ["", "a", "ab", "a.py", "A.py"]
        for _ in 0..<400 {
            names.append((0..<random.below(6)).map { _ in random.pick(pieces) }.joined())
        }
        for left in names {
            for right in names.prefix(120) {
                #expect(FileSystem.precedesBytewise(left, right) == left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) < \(right)")
            }
        }
    }

    /// A folder's entries, sorted with their first eight bytes as a key, come in the order of `precedesBytewise`
    /// (names sharing eight bytes or more, shorter than eight, and prefixes of one another included).
    @Test func keyedSortIsTheBytewiseOrder() {
        var random = SeededRandom(seed: 0x50_27ED)
        let pieces = ["a", "b", "Z", "_", ".", "0", "é", "日本", "😀", "\u{7F}", "\u{FF}", "abcdefgh", "abcdefg", "long-name-of-a-module-file"]
        var names = Set(["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh.py", "abcdefgh.pz", "abcdefg", "a.py", "A.py"])
        while names.count < 600 { names.insert((0..<random.below(5)).map { _ in random.pick(pieces) }.joined()) }
        let entries = names.shuffled().map { (name: $0, kind: FileSystem.Kind?.none) }
        #expect(FileSystem.sortedBytewise(entries).map(\.name) == names.sorted { FileSystem.precedesBytewise($0, $1) })
    }
}
