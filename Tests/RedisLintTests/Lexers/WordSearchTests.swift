import Testing
@testable import RedisLint
import RedisTestSupport

/// The vector word search finds what a byte-by-byte search finds, at every offset and near the ends.
@Suite struct WordSearchTests {
    static func naive(_ word: [UInt8], _ bytes: [UInt8], _ from: Int) -> Int? {
        guard from >= 0, word.count <= bytes.count, from <= bytes.count - word.count else { return nil }
        for start in from...(bytes.count - word.count) where Array(bytes[start..<start + word.count]) == word { return start }
        return nil
    }

    static func search(_ word: [UInt8], _ bytes: [UInt8], _ from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in word.withUnsafeBufferPointer { WordSearch.firstIndex(of: $0, in: buffer, from: from) } }
    }

    @Test func agreesWithAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let words: [[UInt8]] = ["include", "ie", "ii", "include_partial", "@include", "e", "iiiiiiiiiiiiiiiiiiiiie"].map { Array($0.utf8) }
        // Haystacks made of the words' own letters, so near misses (`i…e` at the right distance) are common.
        let alphabet = Array("includeie_ @".utf8)
        for length in [0, 1, 2, 7, 15, 16, 17, 22, 23, 31, 32, 33, 64, 100, 257] {
            for _ in 0..<40 {
                var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                if length >= 7, Bool.random(using: &generator) {
                    let at = Int.random(in: 0...(length - 7), using: &generator)
                    bytes.replaceSubrange(at..<at + 7, with: Array("include".utf8))
                }
                for word in words {
                    for from in [0, 1, 5, 16, length / 2, length - 1, length, length + 3] {
                        #expect(Self.search(word, bytes, from) == Self.naive(word, bytes, from),
                                "\(String(decoding: word, as: UTF8.self)) in \(String(decoding: bytes, as: UTF8.self)) from \(from)")
                    }
                }
            }
        }
    }

    /// Lua include names are found wherever they stand in a long file (both directives, both quotes).
    @Test func findsIncludeDirectivesInALongFile() {
        let filler = String(repeating: "local x = include_me + ie + iii -- icicle\n", count: 500)
        let text = filler + "--- @include \"includes/removeLock\"\n" + filler + "include_partial('shared/_delete.lua')\n" + filler
        #expect(LuaIncludes.referencedNames(in: Array(text.utf8)) == ["removeLock", "_delete"])
    }

    /// `contains` searches bytes for ASCII text; it must answer as `String.contains` (a search by characters),
    /// whatever the text: superclasses (`Controller`) and cluster constructors (`RedisCluster`), non-ASCII
    /// text and words, combining marks and `\r\n` included.
    @Test func containsAnswersAsStringContains() {
        var texts = ["", "Controller", "ApplicationController", "Api::BaseController", "Controlle", "controller", "ControllerX",
                     "XController::Y", "Contrôleur", "Controlleŕ", "É::Controller", "Co ntroller"]
        var random = SeededRandom(seed: 14)
        let controllerPieces = ["Controller", "Contr", "oller", "::", "Api", "é", "\u{301}", "r", "C", " "]
        for _ in 0..<2_000 { texts.append((0..<random.below(6)).map { _ in random.pick(controllerPieces) }.joined()) }
        for text in texts {
            #expect(WordSearch.contains(text, "Controller") == text.contains("Controller"), "\(text)")
        }
        random = SeededRandom(seed: 8)
        let clusterPieces = ["Redis", "Cluster", "RedisCluster", "RedisClient", "(", "url", " ", "é", "\u{301}", "\r\n", "Redis\u{301}", "Cl"]
        var found = 0
        for _ in 0..<2000 {
            let text = (0..<random.below(6)).map { _ in random.pick(clusterPieces) }.joined()
            for word in ["RedisCluster", "RedisClient", "Redis", "é"] {
                #expect(WordSearch.contains(text, word) == text.contains(word), "\(text) \(word)")
                found += WordSearch.contains(text, word) ? 1 : 0
            }
        }
        #expect(found > 1000)
    }
}
