import RedisLint

/// A few lower-case ASCII words, asked whether some word of a text (as `RaceFacts.words` splits it) is one
/// of them. The text's words are compared in place, as byte ranges: splitting a key or name into an array of
/// lower-cased Strings for every op a rule looks at was a percent of a scan of Redis-dense files.
struct WordList: Sendable {
    /// The words as given, and their bytes.
    let strings: [String]
    private let words: [[UInt8]]
    /// The list positions of the words of each length (`byLength[n]`: the words of `n` bytes, in list order): a
    /// text's word is compared only with the words of its length. (Going through every word, each bound from
    /// the list, retained and released its bytes: ~660 instructions per key the cache-aside flow asked.)
    private let byLength: [[Int]]

    init(_ strings: [String]) {
        precondition(strings.allSatisfy { word in word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) } },
                     "a WordList holds lower-case ASCII words")
        self.strings = strings
        self.words = strings.map { Array($0.utf8) }
        var longest = 0
        for position in words.indices { longest = max(longest, words[position].count) }
        var byLength = Array(repeating: [Int](), count: longest + 1)
        for position in words.indices { byLength[words[position].count].append(position) }
        self.byLength = byLength
    }

    init(_ set: Set<String>) {
        self.init(set.sorted())
    }

    /// Some word of `text` is in the list.
    func containsWord(of text: String) -> Bool {
        firstWord(of: text) != nil
    }

    /// Some word of `bytes` is in the list.
    func containsWord(of bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { firstMatch(in: $0) } != nil
    }

    /// The first word of `text` (in text order) that is in the list.
    func firstWord(of text: String) -> String? {
        var text = text
        let match = text.withUTF8 { firstMatch(in: $0) }
        return match.map { strings[$0] }
    }

    /// The first word of `bytes` (in text order) that is in the list.
    func firstWord(of bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { firstMatch(in: $0) }.map { strings[$0] }
    }

    /// The list index of the first word of `bytes` that is in the list.
    private func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var found: Int?
        WordList.forEachWord(in: bytes) { word in
            found = index(of: word, in: bytes)
            return found != nil
        }
        return found
    }

    /// The list index of the word at `range` of `bytes`, compared as lower case.
    private func index(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = range.count
        guard count < byLength.count else { return nil }
        // In place, by index: the words and their positions are not bound.
        outer: for candidate in byLength[count].indices {
            let position = byLength[count][candidate]
            for offset in 0..<count {
                let byte = bytes[range.lowerBound + offset]
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if lower != words[position][offset] { continue outer }
            }
            return position
        }
        return nil
    }

    /// The first word of a function's name, lower-cased, from its last dotted part (`Store.create_item` → `create`,
    /// `rerunSet` → `rerun`): the verb that says what the function does. Nil when the name has no word (`<top level>`
    /// has `top`).
    static func leadingWord(ofFunction name: String) -> String? {
        if isASCII(name) {
            var name = name
            return name.withUTF8 { bytes in
                leadingWordRange(ofFunction: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self).lowercased() }
            }
        }
        // Split by characters: a `.` byte followed by a combining mark is not a `.` character.
        guard let last = name.split(separator: ".").last else { return nil }
        var part = String(last)
        return part.withUTF8 { bytes in
            var first: String?
            forEachWord(in: bytes) { range in
                first = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased()
                return true
            }
            return first
        }
    }

    /// `leadingWord(ofFunction: name)` is in the list, compared in place for an ASCII name: the leading word made
    /// as a String (the name split into an array of parts, the word decoded and lower-cased) cost ~4,300
    /// instructions a name, 3.8M on nb10, where lock-pairs asks it of every acquire.
    func containsLeadingWord(ofFunction name: String) -> Bool {
        guard WordList.isASCII(name) else { return WordList.leadingWord(ofFunction: name).map { strings.contains($0) } ?? false }
        var name = name
        return name.withUTF8 { bytes in
            guard let range = WordList.leadingWordRange(ofFunction: bytes) else { return false }
            return index(of: range, in: bytes) != nil
        }
    }

    /// Where the first word of an ASCII function name's last dotted part is in its bytes (`leadingWord`). For ASCII
    /// text a `.` byte is a `.` character, so the part is found by byte; like `split`, the empty parts after
    /// trailing dots are skipped (`a.b..` → `b`).
    static func leadingWordRange(ofFunction name: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var end = name.count
        while end > 0 && name[end - 1] == 0x2E { end -= 1 }
        var start = end
        while start > 0 && name[start - 1] != 0x2E { start -= 1 }
        var first: Range<Int>?
        forEachWord(in: UnsafeBufferPointer(rebasing: name[start..<end])) { range in
            first = (start + range.lowerBound)..<(start + range.upperBound)
            return true
        }
        return first
    }

    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Calls `body` with the range of each word of `bytes`, in order, until it returns true. The words are
    /// `RaceFacts.words`': runs of ASCII letters and digits, split before an upper-case letter that follows a
    /// lower-case letter or a digit (camelCase); every other byte separates words.
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var start = -1  // where the current word starts; -1 between words
        var previousLower = false
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let isUpper = byte >= 65 && byte <= 90
            let isLower = byte >= 97 && byte <= 122
            let isDigit = byte >= 48 && byte <= 57
            if isUpper || isLower || isDigit {
                if start < 0 {
                    start = index
                } else if isUpper && previousLower {
                    if body(start..<index) { return }
                    start = index
                }
                previousLower = isLower || isDigit
            } else {
                if start >= 0, body(start..<index) { return }
                start = -1
                previousLower = false
            }
        }
        if start >= 0 { _ = body(start..<bytes.count) }
    }
}
