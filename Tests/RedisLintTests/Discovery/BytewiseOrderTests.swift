import Testing
import RedisTestSupport
@testable import RedisLint

/// A folder's entries are sorted by `FolderEntries.sort` (their first eight bytes as a key, then `memcmp`): the
/// order must be the one the UTF-8 views' `lexicographicallyPrecedes` gives, on generated names (ASCII,
/// multi-byte characters, names sharing eight bytes or more, shorter than eight, prefixes of one another).
@Suite struct BytewiseOrderTests {
    @Test func keyedSortIsTheUTF8ViewsOrder() {
        var random = SeededRandom(seed: 0x50_27ED)
        let pieces = ["a", "b", "Z", "_", ".", "0", "é", "ß", "e\u{301}", "日本", "😀", "\u{7F}", "\u{FF}", "abcdefgh", "abcdefg",
                      "long-name-of-a-module-file"]
        var names = Set(["a", "ab", "abcdefgh", "abcdefghi", "abcdefgh.py", "abcdefgh.pz", "abcdefg", "a.py", "A.py"])
        while names.count < 600 { names.insert((1..<1 + random.below(5)).map { _ in random.pick(pieces) }.joined()) }
        var entries = FolderEntries()
        for name in names.shuffled() {
            var name = name
            name.withUTF8 { entries.append(name: $0, kind: nil) }
        }
        entries.sort()
        #expect(entries.nameStrings == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// An entry's name is ASCII when every byte is (its bytes then stand for its string).
    @Test func tellsASCIINames() {
        var entries = FolderEntries()
        for name in ["app.py", "é.rb", "日本"] {
            var name = name
            name.withUTF8 { entries.append(name: $0, kind: .regular) }
        }
        #expect(entries.entries.map(\.isASCII) == [true, false, false])
        #expect(entries.nameStrings == ["app.py", "é.rb", "日本"])
    }
}
