import LuaParse

/// How backslash escapes are read when decoding a literal's content.
enum EscapeStyle: Sendable {
    /// No escapes at all (Python raw strings, JSX text and attributes).
    case none
    /// Ruby `"…"`: C escapes plus `\e \s`, octal, `\xHH`, `\uXXXX`, `\u{…}`; unknown escapes drop the backslash.
    case ruby
    /// Ruby `'…'`/`%q`: only `\\` and a backslash before either delimiter are escapes.
    case rubySingle(open: UInt8, close: UInt8)
    /// Python: C escapes, octal, `\xHH`, `\uXXXX`, `\UXXXXXXXX`; unknown escapes keep the backslash.
    case python
    /// JavaScript: C escapes, `\0`, `\xHH`, `\uXXXX`, `\u{…}`; unknown escapes drop the backslash.
    case javaScript
    /// Swift: `\0 \\ \t \n \r \" \'`, `\u{…}`; in raw strings an escape is `\` followed by `hashes` `#`.
    case swift(hashes: Int)
}

/// Decodes literal contents into bytes, keeping for every output byte the source offset it came from.
enum StringDecoding {
    /// Decodes `range` of `bytes`.
    /// - `stripIndent`: columns of leading whitespace removed at the start of every line (squiggly
    ///   heredocs, Swift multi-line strings); tabs advance to the next multiple of 8.
    /// - `startsAtLineStart`: whether `range.lowerBound` is itself the start of a line.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, style: EscapeStyle,
                       stripIndent: Int = 0, startsAtLineStart: Bool = false) -> DecodedString {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        var out = Output(capacity: upper - lower)
        func hexValue(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x41...0x46: return UInt32(c - 0x41 + 10)
            case 0x61...0x66: return UInt32(c - 0x61 + 10)
            default: return nil
            }
        }
        /// Reads up to `maxDigits` hex digits at `k`; returns value and end.
        func hexRun(_ k: Int, _ maxDigits: Int) -> (UInt32, Int) {
            var v: UInt32 = 0
            var j = k
            while j < upper, j - k < maxDigits, let h = hexValue(bytes[j]) { v = v &* 16 &+ h; j += 1 }
            return (v, j)
        }
        /// `{…}` form of `\u`: returns the scalar and the end, or nil when malformed.
        func bracedScalar(_ k: Int) -> (UInt32, Int)? {
            guard k < upper, bytes[k] == ASCII.lbrace else { return nil }
            let (v, j) = hexRun(k + 1, 8)
            guard j > k + 1, j < upper, bytes[j] == ASCII.rbrace else { return nil }
            return (v, j + 1)
        }

        var i = lower
        var atLineStart = startsAtLineStart
        while i < upper {
            if atLineStart {
                atLineStart = false
                if stripIndent > 0 {
                    var width = 0
                    while i < upper, width < stripIndent, bytes[i] == ASCII.space || bytes[i] == ASCII.tab {
                        let w = bytes[i] == ASCII.tab ? (width / 8 + 1) * 8 : width + 1
                        if w > stripIndent { break }
                        width = w
                        i += 1
                    }
                    if i >= upper { break }
                }
            }
            // The bytes before the next line end or backslash are copied as one run: most literals
            // have no escape, and byte-by-byte `put` was most of this function's cost.
            let runEnd = bytes.withUnsafeBufferPointer {
                ByteSearch.firstOf(ASCII.backslash, ASCII.lf, ASCII.cr, ASCII.cr, in: $0, from: i, to: upper)
            }
            if runEnd > i { out.putRun(bytes, i, runEnd); i = runEnd; continue }
            let c = bytes[i]
            if c == ASCII.lf || c == ASCII.cr {
                out.put(c, i)
                if c == ASCII.cr, i + 1 < upper, bytes[i + 1] == ASCII.lf { out.put(ASCII.lf, i + 1); i += 1 }
                i += 1
                atLineStart = true
                continue
            }
            guard c == ASCII.backslash, i + 1 < upper else { out.put(c, i); i += 1; continue }
            // An escape candidate.
            var e = i + 1  // first byte after the backslash (and, for raw Swift, its hashes)
            switch style {
            case .none:
                out.put(c, i); i += 1; continue
            case .rubySingle(let open, let close):
                let d = bytes[e]
                if d == ASCII.backslash || d == open || d == close { out.put(d, e); i = e + 1 } else { out.put(c, i); i += 1 }
                continue
            case .swift(let hashes):
                var h = 0
                while h < hashes, e < upper, bytes[e] == ASCII.hash { h += 1; e += 1 }
                if h < hashes || e >= upper { out.put(c, i); i += 1; continue }
            default:
                break
            }
            let d = bytes[e]
            // Line continuation: the backslash and the line end vanish (Swift allows spaces between).
            var k = e
            if case .swift = style { while k < upper, bytes[k] == ASCII.space || bytes[k] == ASCII.tab { k += 1 } }
            if k < upper, bytes[k] == ASCII.lf || bytes[k] == ASCII.cr {
                i = (bytes[k] == ASCII.cr && k + 1 < upper && bytes[k + 1] == ASCII.lf) ? k + 2 : k + 1
                atLineStart = true
                continue
            }
            var simple: UInt8? = nil
            switch d {
            case 0x6E: simple = 0x0A  // n
            case 0x74: simple = 0x09  // t
            case 0x72: simple = 0x0D  // r
            case ASCII.backslash, ASCII.dquote, ASCII.squote: simple = d
            default: break
            }
            if case .swift = style {
                if let s = simple { out.put(s, i); i = e + 1; continue }
                if d == ASCII.zero { out.put(0, i); i = e + 1; continue }
                if d == 0x75, let (v, j) = bracedScalar(e + 1) { out.putScalar(v, i); i = j; continue }
                // Not a valid Swift escape: keep it as written.
                out.put(c, i); i += 1; continue
            }
            if simple == nil {
                switch d {
                case 0x61: simple = 0x07  // a
                case 0x62: simple = 0x08  // b
                case 0x66: simple = 0x0C  // f
                case 0x76: simple = 0x0B  // v
                default: break
                }
                if case .ruby = style {
                    if d == 0x65 { simple = 0x1B }  // e
                    if d == 0x73 { simple = 0x20 }  // s
                }
                if case .javaScript = style, d == 0x61 { simple = nil }
            }
            if let s = simple { out.put(s, i); i = e + 1; continue }
            // Octal (Ruby, Python) or `\0` (JavaScript).
            if d >= 0x30 && d <= 0x37 {
                if case .javaScript = style {
                    if d == ASCII.zero { out.put(0, i); i = e + 1; continue }
                } else {
                    var v: UInt32 = 0
                    var j = e
                    while j < upper, j - e < 3, bytes[j] >= 0x30, bytes[j] <= 0x37 { v = v * 8 + UInt32(bytes[j] - 0x30); j += 1 }
                    if case .python = style { out.putScalar(v, i) } else { out.put(UInt8(truncatingIfNeeded: v), i) }
                    i = j; continue
                }
            }
            if d == 0x78 {  // x
                let (v, j) = hexRun(e + 1, 2)
                if j > e + 1 {
                    if case .python = style { out.putScalar(v, i) } else { out.put(UInt8(v), i) }
                    i = j; continue
                }
            }
            if d == 0x75 {  // u
                if case .python = style {} else if let (v, j) = bracedScalar(e + 1) { out.putScalar(v, i); i = j; continue }
                let (v, j) = hexRun(e + 1, 4)
                if j == e + 5 { out.putScalar(v, i); i = j; continue }
            }
            if d == 0x55, case .python = style {  // U
                let (v, j) = hexRun(e + 1, 8)
                if j == e + 9 { out.putScalar(v, i); i = j; continue }
            }
            if case .python = style {
                // Unknown escapes (and `\N{…}`) keep their backslash.
                out.put(c, i); i += 1; continue
            }
            // Ruby and JavaScript: an unknown escape is the escaped byte itself.
            out.put(d, e); i = e + 1
        }
        return DecodedString(value: out.value, sourceOffsets: out.offsets)
    }

    /// The decoded bytes and their source offsets. A struct rather than local functions capturing two
    /// arrays: captured variables are checked for exclusive access at run time on every byte.
    private struct Output {
        var value: [UInt8] = []
        var offsets: [Int32] = []

        init(capacity: Int) {
            value.reserveCapacity(capacity)
            offsets.reserveCapacity(capacity)
        }

        @inline(__always) mutating func put(_ byte: UInt8, _ at: Int) {
            value.append(byte)
            offsets.append(Int32(truncatingIfNeeded: at))
        }

        /// `bytes[start..<end]`, each from its own offset. Both appends copy from contiguous memory (the
        /// offsets are written into a temporary buffer first): appending the `Range<Int32>` went element
        /// by element through the generic sequence path, a quarter of all decoding.
        mutating func putRun(_ bytes: [UInt8], _ start: Int, _ end: Int) {
            let count = end - start
            guard count > 0 else { return }
            bytes.withUnsafeBufferPointer { value.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { run in
                var offset = Int32(truncatingIfNeeded: start)
                for k in 0..<count {
                    run[k] = offset
                    offset &+= 1
                }
                offsets.append(contentsOf: UnsafeBufferPointer(run))
            }
        }

        mutating func putScalar(_ scalar: UInt32, _ at: Int) {
            var s = scalar
            if s > 0x10FFFF || (s >= 0xD800 && s <= 0xDFFF) { s = 0xFFFD }
            if s < 0x80 {
                put(UInt8(s), at)
            } else if s < 0x800 {
                put(UInt8(0xC0 | (s >> 6)), at); put(UInt8(0x80 | (s & 0x3F)), at)
            } else if s < 0x10000 {
                put(UInt8(0xE0 | (s >> 12)), at); put(UInt8(0x80 | ((s >> 6) & 0x3F)), at)
                put(UInt8(0x80 | (s & 0x3F)), at)
            } else {
                put(UInt8(0xF0 | (s >> 18)), at); put(UInt8(0x80 | ((s >> 12) & 0x3F)), at)
                put(UInt8(0x80 | ((s >> 6) & 0x3F)), at); put(UInt8(0x80 | (s & 0x3F)), at)
            }
        }
    }

    /// Smallest indentation (tabs to multiples of 8) over the lines of `range` that hold anything but
    /// whitespace: what a Ruby squiggly heredoc removes. Lines are those starting inside the range
    /// (plus the first when `startsAtLineStart`).
    static func minimumIndent(_ bytes: [UInt8], _ range: Range<Int>, startsAtLineStart: Bool) -> Int {
        var best = Int.max
        var i = max(0, range.lowerBound)
        let upper = min(range.upperBound, bytes.count)
        var atStart = startsAtLineStart
        while i < upper {
            if atStart {
                var width = 0
                while i < upper, bytes[i] == ASCII.space || bytes[i] == ASCII.tab {
                    width = bytes[i] == ASCII.tab ? (width / 8 + 1) * 8 : width + 1
                    i += 1
                }
                if i < upper, bytes[i] != ASCII.lf, bytes[i] != ASCII.cr { best = min(best, width) }
                atStart = false
                continue
            }
            if bytes[i] == ASCII.lf || (bytes[i] == ASCII.cr && (i + 1 >= upper || bytes[i + 1] != ASCII.lf)) { atStart = true }
            i += 1
        }
        return best == Int.max ? 0 : best
    }

    /// Whether `offset` is at the start of a line.
    static func isLineStart(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset <= 0 || offset > bytes.count || bytes[offset - 1] == ASCII.lf || bytes[offset - 1] == ASCII.cr
    }
}
