#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte offsets to 1-based lines and columns.
///
/// Columns count UTF-16 code units, as SARIF `utf16CodeUnits`, LSP and editors do: a character
/// outside the Basic Multilingual Plane counts two, an invalid byte or a tab counts one.
/// Lines end at LF, CRLF or a lone CR.
public struct LineMap: Sendable {
    /// Byte offset at which each line starts; `starts[0] == 0`.
    public let starts: [Int]

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            guard let base = b.baseAddress else { return }
            // Most files end lines with LF only: then the C library's vectorised `memchr` finds each
            // one, much faster than a look at every byte. One pass of it tells whether there is a CR.
            if memchr(base, 0x0D, n) == nil {
                var from = 0
                while from < n, let hit = memchr(base + from, 0x0A, n - from) {
                    from = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) + 1
                    starts.append(from)
                }
                return
            }
            var i = 0
            while i < n {
                let byte = b[i]
                i += 1
                // Line ends are rare: one compare passes over every byte above CR.
                if byte > 0x0D { continue }
                if byte == 0x0A {
                    starts.append(i)
                } else if byte == 0x0D {
                    if i < n, b[i] == 0x0A { i += 1 }
                    starts.append(i)
                }
            }
        }
        self.starts = starts
    }

    public var lineCount: Int { starts.count }

    /// 0-based line index containing `offset` (an offset at end of file belongs to the last line).
    public func lineIndex(of offset: Int) -> Int {
        // The last start at or before `offset`, found without branches on the comparisons (a conditional move
        // each halving) over the starts in place: a file of 2,500 lines took ~240 instructions a look-up with
        // the array's checked reads and a branch per step. The answer lies in `base..<base + count`
        // (`starts[0] == 0 <= offset`, or `offset` is negative and line 0 is the answer), and every index read,
        // `base + half` with `half < count`, lies inside it, so inside the buffer.
        starts.withUnsafeBufferPointer { starts in
            var base = 0, count = starts.count
            while count > 1 {
                let half = count / 2
                if starts[base + half] <= offset { base += half }
                count -= half
            }
            return base
        }
    }

    /// Byte range of line `index` (0-based) without its line terminator.
    public func lineRange(_ index: Int, in bytes: [UInt8]) -> Range<Int> {
        let start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// 1-based line and UTF-16 column of a byte offset.
    public func position(of offset: Int, in bytes: [UInt8]) -> Position {
        let clamped = max(0, min(offset, bytes.count))
        let index = lineIndex(of: clamped)
        var start = starts[index]
        // A byte-order mark is not a column: editors start counting after it.
        if index == 0, LineMap.hasByteOrderMark(bytes), clamped >= 3 { start = 3 }
        return Position(line: index + 1, column: LineMap.utf16Length(bytes, start..<clamped) + 1)
    }

    /// `(position(of: range.lowerBound), position(of: range.upperBound))`. When the range ends on the line it
    /// starts on (a finding's span almost always does), the end is worked out from the start: no second search
    /// of the line starts, and only the range's own bytes are counted, not the line's again up to the end.
    public func positions(of range: Range<Int>, in bytes: [UInt8]) -> (start: Position, end: Position) {
        let start = position(of: range.lowerBound, in: bytes)
        let lower = max(0, min(range.lowerBound, bytes.count)), upper = max(0, min(range.upperBound, bytes.count))
        if lower == upper { return (start, start) }
        let index = start.line - 1
        // Counting on from `lower` gives the count from the line's start only when no UTF-8 sequence of the
        // line runs across `lower`: then `bytes[lower]` is no continuation byte (0b10xxxxxx). A byte-order mark
        // moves line 1's first column (the start's count began after it, the end's may not).
        guard upper < (index + 1 < starts.count ? starts[index + 1] : Int.max), bytes[lower] & 0xC0 != 0x80,
              index > 0 || lower >= 3 || !LineMap.hasByteOrderMark(bytes) else {
            return (start, position(of: range.upperBound, in: bytes))
        }
        return (start, Position(line: start.line, column: start.column + LineMap.utf16Length(bytes, lower..<upper)))
    }

    public static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// UTF-16 length of a byte range, counting each invalid byte as one unit.
    public static func utf16Length(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "the range lies in the bytes")
        // Read in place, eight ASCII bytes (a unit each) at a time: a finding's column is a run of ASCII code,
        // which the array's checked reads counted at ~10 instructions a byte. Every read is below `end`, so
        // inside the buffer (the range was checked above).
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var units = 0
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                if end - i >= 8, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    units += 8; i += 8
                    continue
                }
                if base[i] < 0x80 {
                    units += 1; i += 1
                    continue
                }
                let length = UTF8Sequence.length(bytes, at: i, end: end)
                if length == 0 {  // invalid byte
                    units += 1; i += 1
                } else {
                    units += length == 4 ? 2 : 1
                    i += length
                }
            }
            return units
        }
    }
}

/// A 1-based line and column (UTF-16 units).
public struct Position: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

enum UTF8Sequence {
    /// Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there does not
    /// start one (stray continuation byte, overlong form, truncated sequence, surrogate).
    static func length(_ bytes: [UInt8], at i: Int, end: Int) -> Int {
        let b0 = bytes[i]
        func cont(_ k: Int) -> Bool { i + k < end && bytes[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 >= 0xA0 { return 0 }
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }
}
