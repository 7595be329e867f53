import Testing
@testable import RedisLint

@Suite struct GlobPatternTests {
    func matches(_ pattern: String, _ path: String, directory: Bool = false) -> Bool {
        guard let glob = GlobPattern(pattern) else { return false }
        return glob.matches(Array(path.utf8).split(separator: 0x2F), isDirectory: directory)
    }

    @Test func unanchoredPatternsMatchAtAnyDepth() {
        #expect(matches("*.log", "a.log"))
        #expect(matches("*.log", "deep/er/a.log"))
        #expect(!matches("*.log", "a.logs"))
        #expect(matches("build", "src/build", directory: true))
    }

    @Test func aSlashAnchorsToTheIgnoreFilesFolder() {
        #expect(matches("/build", "build", directory: true))
        #expect(!matches("/build", "src/build", directory: true))
        #expect(matches("doc/*.txt", "doc/a.txt"))
        #expect(!matches("doc/*.txt", "doc/sub/a.txt"))
        #expect(!matches("doc/*.txt", "x/doc/a.txt"))
    }

    @Test func doubleStars() {
        #expect(matches("**/foo", "foo"))
        #expect(matches("**/foo", "a/b/foo"))
        #expect(matches("a/**/b", "a/b"))
        #expect(matches("a/**/b", "a/x/y/b"))
        #expect(matches("abc/**", "abc/x/y"))
        #expect(!matches("abc/**", "abc"))
    }

    @Test func directoryOnlyNegationClassesAndEscapes() {
        #expect(matches("tmp/", "tmp", directory: true))
        #expect(!matches("tmp/", "tmp", directory: false))
        #expect(GlobPattern("!keep.py")?.negated == true)
        #expect(matches("file[0-9].py", "file7.py"))
        #expect(!matches("file[!0-9].py", "file7.py"))
        #expect(matches("\\#notcomment", "#notcomment"))
        #expect(GlobPattern("# comment") == nil)
        #expect(GlobPattern("   ") == nil)
        #expect(matches("a?c", "abc") && !matches("a?c", "a/c"))
    }

    @Test func manyStarsStayFast() {
        let pattern = String(repeating: "*a", count: 40) + "b"
        #expect(!matches(pattern, String(repeating: "a", count: 200)))
    }

    /// The shortcuts for one-name patterns agree with the general matcher on every pattern/path pair.
    @Test func shortcutsAgreeWithTheGeneralMatcher() {
        let patterns = ["*.log", "node_modules", "/build", "tmp/", "a?c", "[a-c]*", "**", "doc/*.txt", "**/x", "x/**", "\\#n"]
        let paths = ["a.log", "x/a.log", "node_modules", "src/node_modules", "build", "src/build", "tmp", "abc", "bx",
                     "doc/a.txt", "x", "x/y", "a/b/x", "#n", ""]
        for text in patterns + ["doc/*/a?", "/a/b", "x/y/", "a/[bx]"] {
            guard let glob = GlobPattern(text) else { continue }
            for path in paths + ["doc/q/ab", "a/b", "x/y/z", "a/x"] {
                let components = Array(path.utf8).split(separator: 0x2F)
                let general = GlobPattern.matchByTable(glob.segments[...], components[...])
                #expect(GlobPattern.match(glob.segments[...], components[...]) == general, "\(text) on \(path)")
                for directory in [false, true] {
                    #expect(glob.matches(components, isDirectory: directory) == (general && (directory || !glob.directoryOnly)), "\(text) on \(path)")
                }
            }
        }
    }
}
