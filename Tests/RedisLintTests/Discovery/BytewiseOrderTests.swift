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
}
