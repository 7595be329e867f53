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

    /// One pass for all the built-in words, moving a window of `window` bytes (the shortest word)
    /// Wu–Manber style: the byte pair at the window's end says how far it can move without passing
    /// the start of a word. Most pairs in code are in no word, so most steps skip 4 bytes, and only a
    /// pair that ends a word's first `window` bytes stops for a full comparison. (Looking at every
    /// byte was 4–8 % of a scan of a real tree, whose files mostly never mention Redis.)
    static func mentionsAnyWord(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        guard count >= window else { return false }
        // The tables are fetched once: read through the globals in the loop, every step paid for a
        // lazy-initialisation check (`swift_once`) and a bounds check.
        let words = Self.words, markers = Self.markers
        return shifts.withUnsafeBufferPointer { shifts in
            /// Moves a window starting at `start` on; true when a word starts there.
            @inline(__always) func advance(_ start: inout Int) -> Bool {
                let shift = Int(shifts[Int(buffer[start + window - 2]) | Int(buffer[start + window - 1]) << 8])
                if shift > 0 {
                    start += shift
                    return false
                }
                for word in words where matches(buffer, at: start, word, fold: 0x20) { return true }
                for marker in markers where matches(buffer, at: start, marker, fold: 0) { return true }
                start += 1
                return false
            }
            // Two windows, one from the start and one from the middle: each step waits on its own two
            // loads, and two independent chains of them run side by side in the processor.
            // `low` covers the windows starting before `lowEnd`, `high` the rest.
            var low = 0, high = count / 2
            let lowEnd = min(high, count - window + 1)
            while low < lowEnd && high + window <= count {
                if advance(&low) || advance(&high) { return true }
            }
            while low < lowEnd { if advance(&low) { return true } }
            while high + window <= count { if advance(&high) { return true } }
            return false
        }
    }

    /// The scanning window: the length of the shortest word.
    private static let window = 5

    /// For each byte pair (first byte in the low half), how far a window ending with it may move:
    /// for every word and place `j` where the pair sits in the word's first `window` bytes (any case
    /// for `words`), `window - 2 - j` is safe; the least of those, or `window - 1` for a pair in no word.
    private static let shifts: [UInt8] = {
        var table = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
        /// The bytes that match `byte` of a word: with folding, every `b` with `b | 0x20 == byte`.
        func matching(_ byte: UInt8, fold: Bool) -> [UInt8] {
            fold ? (0...255).map { UInt8($0) }.filter { $0 | 0x20 == byte } : [byte]
        }
        for (word, fold) in words.map({ ($0, true) }) + markers.map({ ($0, false) }) {
            for j in 0..<(window - 1) {
                for first in matching(word[j], fold: fold) {
                    for second in matching(word[j + 1], fold: fold) {
                        let pair = Int(first) | Int(second) << 8
                        table[pair] = min(table[pair], UInt8(window - 2 - j))
                    }
                }
            }
        }
        return table
    }()

    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, _ word: [UInt8], fold: UInt8) -> Bool {
        guard index + word.count <= buffer.count else { return false }
        for offset in 0..<word.count where buffer[index + offset] | fold != word[offset] { return false }
        return true
    }

    /// Does a name (a receiver, module, method) contain "redis" or "valkey" in any case? Bytewise:
    /// `String.contains` goes through Foundation and was a tenth of the tracer's time.
    static func names(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in words.contains { contains(buffer, $0, ignoringCase: true) } }
    }

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
