import Testing
@testable import RedisLint
import RedisTestSupport

/// `Language.forFileName` reads an ASCII name by bytes: it must give what the Character search and
/// `lowercased()` it replaced (`forFileNameByCharacters`, kept for other names) give, on generated names.
@Suite struct LanguageFileNameTests {
    @Test func bytesGiveWhatCharactersGave() {
        var random = SeededRandom(seed: 0xF11E)
        let pieces = [".", ".", "py", "PY", "Rb", "rake", "GemSpec", "ts", "TSX", "mjs", "cjs", "swift", "LUA", "lua", "pyi", "ru",
                      "a", "min", "d", "json", "\0", "\r\n", " ", "-", "é", "K", "\u{301}", "\u{600}"]
        var names = ["", ".", "..", ".py", "py", "a.py", "a.PY", "a.py.", "a.tar.gz", "Rakefile", "x.gemspecs", "x.swift2"]
        for _ in 0..<4_000 { names.append((0..<random.below(6)).map { _ in random.pick(pieces) }.joined()) }
        for name in names {
            #expect(Language.forFileName(name) == Language.forFileNameByCharacters(name), "\(name.debugDescription)")
        }
        #expect(Language.forFileName("worker.RB") == .ruby && Language.forFileName("app.d.ts") == .javascript)
    }
}
