/// Byte ranges of the comments of a Lua source (`-- line`, `--[[ long ]]`, `--[==[ … ]==]`), skipping
/// strings, so suppressions in `.lua` files are found like in host languages. A byte loop with no
/// recursion; unterminated constructs end at the end of the input.
public enum LuaComments {
    public static func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        // Every `.lua` file goes through this byte loop: a buffer spares the array's checks per byte.
        bytes.withUnsafeBufferPointer { ranges(in: $0) }
    }

    private static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var comments: [Range<Int>] = []
        var i = 0
        let n = bytes.count
        while true {
            // Only `-`, quotes and `[` start anything; runs of other bytes are skipped whole, sixteen
            // bytes at a time (eight at a time, this loop was 4.5M instructions on nb10's scripts).
            i = VectorSearch.firstOf(UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "["), in: bytes, from: i, to: bytes.count)
            guard i < n else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "-"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "-") {
                let start = i
                i += 2
                if let level = longBracketLevel(bytes, i) {
                    i = endOfLongBracket(bytes, from: i + level + 2, level: level)
                } else {
                    while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                }
                comments.append(start..<i)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < n, bytes[i] != b, bytes[i] != UInt8(ascii: "\n") {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i = min(i + 1, n)
            } else if b == UInt8(ascii: "["), let level = longBracketLevel(bytes, i) {
                i = endOfLongBracket(bytes, from: i + level + 2, level: level)
            } else {
                i += 1
            }
        }
        return comments
    }

    /// `[` `=`* `[` at `i`: the number of `=`.
    private static func longBracketLevel(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        var j = i + 1
        while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { return nil }
        return j - i - 1
    }

    /// The offset after `]` `=`{level} `]`, or the end of the input.
    private static func endOfLongBracket(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, level: Int) -> Int {
        var i = start
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "]") {
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: "="), j - i - 1 < level { j += 1 }
                if j - i - 1 == level, j < bytes.count, bytes[j] == UInt8(ascii: "]") { return j + 1 }
            }
            i += 1
        }
        return bytes.count
    }
}
