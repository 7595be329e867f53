import Testing
@testable import RedisLint
import RedisTestSupport

/// `MethodNameScreen` lets through every name that is one of its words or holds a `.` (it may let others through
/// too, never turn one of those away), and turns most other names away.
@Suite struct MethodNameScreenTests {
    static let words: Set<String> = ["Redis", "from_url", "new", "createClient", "register_script", "defineCommand"]

    @Test func passesItsWordsAndDottedNames() {
        let screen = MethodNameScreen(Self.words)
        for word in Self.words { #expect(screen.mayPass(word), "\(word)") }
        for name in [".", "a.b", "redis.Redis", "x.y.z", "é.x"] { #expect(screen.mayPass(name), "\(name)") }
    }

    @Test func turnsAwayOtherNames() {
        let screen = MethodNameScreen(Self.words)
        for name in ["", "get", "set", "hset", "format", "append", "Redi", "Rediss", "news", "é", "日本", "\u{212A}"] {
            #expect(!screen.mayPass(name), "\(name)")
        }
    }

    /// No words: only dotted names pass.
    @Test func noWords() {
        let screen = MethodNameScreen([String]())
        #expect(!screen.mayPass("get"))
        #expect(!screen.mayPass(""))
        #expect(screen.mayPass("a.b"))
    }

    /// A word that the bytes cannot stand for (one with `K`, which the Kelvin sign equals; one that is not plain
    /// ASCII; the empty word) lets every name through.
    @Test func wordsTheBytesCannotStandForPassEverything() {
        for word in ["Key", "café", "a-b", ""] {
            let screen = MethodNameScreen([word, "new"])
            for name in ["get", "", "\u{212A}ey", "x"] { #expect(screen.mayPass(name), "\(word): \(name)") }
        }
    }

    /// Words and names of 63 bytes and more share one length bit, so long names of a long word's initial pass;
    /// none of the words is missed whatever its length.
    @Test func longWords() {
        let long = String(repeating: "a", count: 200)
        let screen = MethodNameScreen([long, "b" + String(repeating: "c", count: 62)])
        #expect(screen.mayPass(long))
        #expect(screen.mayPass(String(repeating: "a", count: 63)))
        #expect(screen.mayPass("b" + String(repeating: "c", count: 62)))
        #expect(!screen.mayPass(String(repeating: "a", count: 62)))
        #expect(!screen.mayPass(String(repeating: "c", count: 200)))
    }

    /// Against the words' own tests, on names made of the words' pieces: never a word or dotted name turned away.
    @Test func neverTurnsAwayWhatTheTestsAccept() {
        var random = SeededRandom(seed: 0xD07)
        let pieces = ["Redis", "new", "from", "_url", "create", "Client", ".", "x", "é", "K", "\u{212A}", "register", "_script", ""]
        let screen = MethodNameScreen(Self.words)
        var passed = 0
        for _ in 0..<5_000 {
            let name = (0..<random.below(4)).map { _ in pieces[random.below(pieces.count)] }.joined()
            let accepted = Self.words.contains(name) || name.utf8.contains(0x2E)
            if accepted { #expect(screen.mayPass(name), "\(name)") }
            if screen.mayPass(name) { passed += 1 }
        }
        #expect(passed < 5_000)
    }
}
