/// The prefilter: does a host-language file mention Redis at all? Most files of a real codebase do
/// not, and for them the island parser, call chains and tracer are skipped (they are most of the
/// scan's cost) and the file's bytes are released at once.
///
/// What is lost by skipping is exactly what a file with no Redis evidence can yield: every op at
/// medium or high confidence needs a word containing "redis" or "valkey" (a constructor, an import,
/// a type, a framework accessor such as `req.redis` or `Sidekiq.redis`, a receiver named so) or a
/// taught client name; an embedded script needs `redis.call` or `KEYS[`/`ARGV[`; a script object is
/// defined with `register_script`, `defineCommand` or `defineScript`, whose names are evidence too.
/// What remains in such a file are name-only guesses (`client.get(url)`, `conn.expire(...)`) at low
/// confidence, which no rule reports and which were mostly other libraries' calls (memcache, HTTP
/// clients). Inline suppressions need a `redislint` comment, which contains "redis".
/// `PrefilterTests` erases these words from every fixture and checks that nothing is reported.
public enum RedisEvidence {
    /// Case-insensitive words (lower-case ASCII letters only: folding uses `| 0x20`).
    private static let words: [[UInt8]] = [Array("redis".utf8), Array("valkey".utf8)]
    /// Case-sensitive markers: Lua's key and argument tables, Redis-only script APIs.
    static let markers: [[UInt8]] = ["KEYS[", "ARGV[", "register_script", "defineCommand", "defineScript"].map { Array($0.utf8) }

    /// Does `bytes` mention Redis, a Lua script, or one of the taught client names?
    public static func isPresent(in bytes: [UInt8], teaching: ClientTeaching = ClientTeaching()) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            if mentionsAnyWord(buffer) { return true }
            for name in taughtNames(teaching) where contains(buffer, name, ignoringCase: false) { return true }
            return false
        }
    }

    /// One pass for all the built-in words, 16 possible starts at a time: a word can start only where
    /// the byte there and the one 4 further on are its first and fifth (every word has at least 5
    /// bytes), so two vector loads and a few compares rule out 16 starts together, and only the rare
    /// start that passes is compared in full. (A Wu–Manber skip over byte pairs, moving 4 bytes at
    /// most per table look-up, was 1.7 % of a bench50 scan, most of whose files never mention Redis.)
    static func mentionsAnyWord(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        guard count >= window, let base = buffer.baseAddress else { return false }
        // The tables are fetched once: read through the globals in the loop, every step paid for a
        // lazy-initialisation check (`swift_once`).
        let words = Self.words, markers = Self.markers
        // Most starts that pass the vector test are no word (`value`, `return s`): the first byte turns
        // away the words that cannot start there before any is compared in full.
        @inline(__always) func wordStarts(at start: Int) -> Bool {
            let byte = buffer[start]
            for word in words where word[0] == byte | 0x20 && matches(buffer, at: start, word, fold: 0x20) { return true }
            for marker in markers where marker[0] == byte && matches(buffer, at: start, marker, fold: 0) { return true }
            return false
        }
        typealias Lanes = SIMD16<UInt8>
        let lowerCase = Lanes(repeating: 0x20)
        // The first and fifth bytes of the words, all compared folded (`| 0x20`): for the case-sensitive
        // markers that lets a few more starts through (`k…{` as well as `K…[`), which the full compare
        // turns down. Only folded values and ten constants are live in the loop: with the raw bytes kept
        // as well, the registers ran out and every block shuffled its constants around (a third of the loop).
        // `PrefilterScanTests` checks that every word is covered.
        let r = Lanes(repeating: UInt8(ascii: "r")), s = Lanes(repeating: UInt8(ascii: "s"))
        let v = Lanes(repeating: UInt8(ascii: "v")), e = Lanes(repeating: UInt8(ascii: "e"))
        let k = Lanes(repeating: UInt8(ascii: "k")), a = Lanes(repeating: UInt8(ascii: "a"))
        let bracket = Lanes(repeating: UInt8(ascii: "[") | 0x20)
        let d = Lanes(repeating: UInt8(ascii: "d")), n = Lanes(repeating: UInt8(ascii: "n"))
        let raw = UnsafeRawPointer(base)
        var start = 0
        // Each block reads bytes start..<start + 20: the 16 starts' first bytes and their fifth bytes.
        // Wrapping arithmetic (offsets stay below `count`): with a checked `+` for each of the block's
        // bounds, counting the loop was a quarter of a block's instructions. (Two blocks a round, their
        // masks tested together, cost more: the registers ran out and constants moved round every block.)
        let blockBytes = Lanes.scalarCount + window - 1
        while start <= count &- blockBytes {
            let first = raw.loadUnaligned(fromByteOffset: start, as: Lanes.self) | lowerCase
            let fifth = raw.loadUnaligned(fromByteOffset: start &+ window &- 1, as: Lanes.self) | lowerCase
            var candidates = (first .== r) .& (fifth .== s)
            candidates .|= (first .== v) .& (fifth .== e)
            candidates .|= ((first .== k) .| (first .== a)) .& (fifth .== bracket)
            candidates .|= (first .== d) .& (fifth .== n)
            if WordSearch.firstLane(of: candidates, from: start, where: wordStarts) != nil { return true }
            start &+= Lanes.scalarCount
        }
        // The last starts (fewer than 16), one at a time.
        while start + window <= count {
            if wordStarts(at: start) { return true }
            start += 1
        }
        return false
    }

    /// The length of the shortest word: a word starting at `i` has its fifth byte at `i + window - 1`.
    static let window = 5

    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, _ word: [UInt8], fold: UInt8) -> Bool {
        guard index + word.count <= buffer.count else { return false }
        for offset in 0..<word.count where buffer[index + offset] | fold != word[offset] { return false }
        return true
    }

    /// Does a name (a receiver, module, method) contain "redis" or "valkey" in any case? Bytewise:
    /// `String.contains` goes through Foundation and was a tenth of the tracer's time.
    static func names(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { names($0) }
    }

    /// `names` of UTF-8 bytes.
    static func names(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool { words.contains { contains(buffer, $0, ignoringCase: true) } }

    /// The words a taught client or wrapper is written with (`@cache` → `cache`, `self.store` → `store`).
    static func taughtNames(_ teaching: ClientTeaching) -> [[UInt8]] {
        guard !teaching.isEmpty else { return [] }
        var names: [[UInt8]] = []
        for receiver in teaching.receivers {
            let bare = receiver.drop(while: { $0 == "@" || $0 == "$" })
            if let last = bare.split(separator: ".").last, !last.isEmpty { names.append(Array(last.utf8)) }
        }
        for wrapper in teaching.wrappers where !wrapper.method.isEmpty { names.append(Array(wrapper.method.utf8)) }
        return names
    }

    /// Does `text` contain one of `words` (ASCII; lower-case when ignoring case)? Bytewise: Foundation's
    /// `String.contains` went through NSString and was 6 % of a scan in the receiver checks.
    static func containsAny(_ text: some StringProtocol, _ words: [[UInt8]], ignoringCase: Bool = false) -> Bool {
        // A native `String` or `Substring` is read in place; only other text is copied.
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer in
            words.contains { contains(buffer, $0, ignoringCase: ignoringCase) }
        }) { return found }
        var copy = String(text)
        return copy.withUTF8 { buffer in words.contains { contains(buffer, $0, ignoringCase: ignoringCase) } }
    }

    /// Substring search. `word` is lower-case ASCII when `ignoringCase` (the haystack byte is folded
    /// with `| 0x20`, which maps only `A`–`Z` onto the letters; `word` holds no other byte it could hit).
    static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ word: [UInt8], ignoringCase: Bool) -> Bool {
        let count = buffer.count, length = word.count
        guard length > 0, count >= length else { return false }
        let first = word[0], fold: UInt8 = ignoringCase ? 0x20 : 0
        var index = 0
        let last = count - length
        while index <= last {
            if buffer[index] | fold == first {
                var offset = 1
                while offset < length, buffer[index + offset] | fold == word[offset] { offset += 1 }
                if offset == length { return true }
            }
            index += 1
        }
        return false
    }
}
