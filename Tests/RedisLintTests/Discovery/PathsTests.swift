import Testing
@testable import RedisLint

/// Lexical path handling, by bytes: `/` is the separator wherever it stands, also next to text that is
/// not ASCII (a name starting with a combining mark, which `Character`s would join to the slash).
@Suite struct PathsTests {
    @Test func parentAndLastComponent() {
        let cases: [(path: String, parent: String, last: String)] = [
            ("/a/b/c.py", "/a/b", "c.py"), ("/a", "/", "a"), ("/", "/", ""), ("name", "/", "name"),
            ("/tmp/projé/app.rb", "/tmp/projé", "app.rb"), ("/tmp/日本/键.ts", "/tmp/日本", "键.ts"),
            ("/tmp/x/\u{301}e.py", "/tmp/x", "\u{301}e.py"), ("/a/b/", "/a/b", ""),
        ]
        for (path, parent, last) in cases {
            #expect(Paths.parent(path) == parent, "\(path)")
            #expect(Paths.lastComponent(path) == last, "\(path)")
        }
    }

    @Test func relativeAndInside() {
        #expect(Paths.relative("/r/a/b.py", to: "/r") == "a/b.py")
        #expect(Paths.relative("/r", to: "/r") == ".")
        #expect(Paths.relative("/rx/a.py", to: "/r") == nil)
        #expect(Paths.relative("/r", to: "/r/a") == nil)
        #expect(Paths.relative("/a/b", to: "/") == "a/b")
        #expect(Paths.relative("/projé/ünï/a.py", to: "/projé") == "ünï/a.py")
        #expect(Paths.relative("/p/\u{301}x/a.py", to: "/p") == "\u{301}x/a.py")
        #expect(Paths.isInside("/r/a", "/r") && Paths.isInside("/r", "/r") && Paths.isInside("/x", "/"))
        #expect(!Paths.isInside("/rx", "/r") && !Paths.isInside("/", "/r") && !Paths.isInside("/r", "/r/a"))
    }

    /// `joined` makes in one allocation what `+` makes: the same bytes, the same string (small and large,
    /// empty halves, text that is not ASCII, a combining mark right after the join).
    @Test func joinedIsConcatenation() {
        let halves = ["", "/", "/r/", "a", "src/app/", "/tmp/projé/", "/tmp/日本/", "/a-long-folder-name-over-fifteen-bytes/"]
        let names = ["", "x.py", "\u{301}e.py", "键.ts", "a-file-name-longer-than-fifteen-bytes.rb"]
        for prefix in halves {
            for name in names {
                let joined = Paths.joined(prefix, name)
                #expect(joined == prefix + name)
                #expect(Array(joined.utf8) == Array(prefix.utf8) + Array(name.utf8), "\(prefix) + \(name)")
            }
        }
    }

    @Test func normalize() {
        let cases: [(path: String, normalized: String)] = [
            ("/a/b/c.py", "/a/b/c.py"), ("/a//b/./c.py", "/a/b/c.py"), ("/a/b/../c.py", "/a/c.py"), ("/a/b/", "/a/b"),
            ("/", "/"), ("", "/"), ("//", "/"), ("/..", "/"), ("/a/../..", "/"), ("a/b", "/a/b"), ("./a/.", "/a"),
            ("/a/.b/..c/...", "/a/.b/..c/..."), ("/tmp/projé/./日本/../键.ts", "/tmp/projé/键.ts"),
            // A combining mark after a slash starts a name: as `Character`s it joined the slash, hiding it.
            ("/tmp/x/\u{301}e.py", "/tmp/x/\u{301}e.py"), ("/tmp/x/\u{301}/../e.py", "/tmp/x/e.py"),
        ]
        for (path, normalized) in cases {
            #expect(Paths.normalize(path) == normalized, "\(path)")
        }
        #expect(Paths.absolute("b/../c.py", relativeTo: "/r/a") == "/r/a/c.py")
        #expect(Paths.absolute("/x/./y", relativeTo: "/r") == "/x/y")
    }

    /// `isParent` answers what comparing with `parent` does, without making the parent.
    @Test func isParentAgreesWithParent() {
        let paths = ["/a/b/c.py", "/a", "/", "name", "/tmp/projé/app.rb", "/tmp/x/\u{301}e.py", "/a/b/", "/ab/c", "/a/bc"]
        let folders = ["/", "/a", "/a/b", "/ab", "/a/bc", "/tmp/projé", "/tmp/x", "", "a"]
        for path in paths {
            for folder in folders {
                #expect(Paths.isParent(folder, of: path) == (Paths.parent(path) == folder), "\(folder) \(path)")
            }
        }
    }
}
