import Testing
@testable import RedisLint
import RedisTestSupport

/// `LuaIncludes.baseName` reads an ASCII path by bytes: it must give what the Character split it replaced
/// (`baseNameByCharacters`, kept for other paths) gives, on generated paths full of slashes, dots and `.lua`.
@Suite struct LuaBaseNameTests {
    @Test func bytesGiveWhatCharactersGave() {
        let fixed = ["", "/", "///", "a", "a.lua", ".lua", "lua", "a/b.lua", "a/b.lua/", "a//b.lua//", "/x.lua", "x.LUA",
                     "includes/removeLock.lua", "shared/_delete.lua", "a/.lua", "a.lua.lua", "a\r\n/b.lua", "é/b.lua", "a/\u{301}b.lua"]
        var random = SeededRandom(seed: 0xBA5E)
        let pieces = ["/", "/", "a", "b_c", ".", "lua", ".lua", "l", "ua", " ", "\r\n", "-"]
        var paths = fixed
        for _ in 0..<3_000 { paths.append((0..<random.below(9)).map { _ in random.pick(pieces) }.joined()) }
        for path in paths {
            #expect(LuaIncludes.baseName(path) == LuaIncludes.baseNameByCharacters(path), "\(path.debugDescription)")
        }
        #expect(LuaIncludes.baseName("includes/removeLock.lua") == "removeLock")
    }
}
