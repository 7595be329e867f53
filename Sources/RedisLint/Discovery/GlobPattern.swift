/// A `.gitignore`-style pattern: `*`, `?`, `[a-z]`, `[!x]`, `**` across directories, `\` escapes.
///
/// The same matcher serves `.gitignore`/`.ignore` lines, `--exclude` and configuration globs, so all
/// of them follow git's documented semantics.
public struct GlobPattern: Sendable, Equatable {
    /// Pattern segments between `/`; `**` is its own segment.
    let segments: [[UInt8]]
    /// Some segment is `**` (otherwise segments and components pair up one to one).
    let hasDoubleStar: Bool
    /// A trailing `/`: only directories match.
    public let directoryOnly: Bool
    /// A leading `!`: a match re-includes.
    public let negated: Bool

    static let doubleStar: [UInt8] = [0x2A, 0x2A]

    /// Parses one pattern. Returns nil for blank lines and comments.
    public init?(gitignoreLine line: [UInt8]) {
        var text = line[...]
        // Trailing spaces are ignored unless escaped with a backslash.
        while let last = text.last, last == 0x20 || last == 0x0D || last == 0x09 {
            let beforeLast = text.index(before: text.endIndex)
            if beforeLast > text.startIndex, text[text.index(before: beforeLast)] == 0x5C, last == 0x20 { break }
            text = text.dropLast()
        }
        guard let first = text.first, first != 0x23 else { return nil }  // blank or `#`
        var negated = false
        if first == 0x21 {  // `!`
            negated = true
            text = text.dropFirst()
        } else if first == 0x5C, text.count > 1, text[text.index(after: text.startIndex)] == 0x21 || text[text.index(after: text.startIndex)] == 0x23 {
            text = text.dropFirst()  // `\!` and `\#` are literal
        }
        var directoryOnly = false
        if text.last == 0x2F {  // trailing `/`
            directoryOnly = true
            while text.last == 0x2F { text = text.dropLast() }
        }
        guard !text.isEmpty else { return nil }
        // A separator at the start or in the middle anchors the pattern to the ignore file's folder;
        // otherwise it matches at any depth.
        let anchored = text.contains(0x2F)
        if text.first == 0x2F { text = text.drop(while: { $0 == 0x2F }) }
        var segments = text.split(separator: 0x2F, omittingEmptySubsequences: true).map(Array.init)
        if !anchored { segments.insert(GlobPattern.doubleStar, at: 0) }
        self.segments = segments
        self.hasDoubleStar = segments.contains(GlobPattern.doubleStar)
        self.directoryOnly = directoryOnly
        self.negated = negated
    }

    /// The name pattern of a line that matches one component at any depth (`node_modules`, `*.log`, `build/`):
    /// it matches the entries whose own name matches it.
    var anyDepthName: [UInt8]? {
        guard segments.count == 2, segments[0] == GlobPattern.doubleStar, segments[1] != GlobPattern.doubleStar else { return nil }
        return segments[1]
    }

    /// Bytes with a meaning in a pattern: `*`, `?`, `[`, `\`.
    static func isSpecial(_ byte: UInt8) -> Bool { byte == 0x2A || byte == 0x3F || byte == 0x5B || byte == 0x5C }

    public init?(_ pattern: String) {
        self.init(gitignoreLine: Array(pattern.utf8))
    }

    /// Does the pattern match `path` (components relative to the pattern's base folder)?
    public func matches(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        if !hasDoubleStar {
            // Segment i matches component i: no tables (the walk asks about every entry of the tree, and
            // building them for each anchored line was a quarter of the walk on large repositories).
            guard components.count == segments.count else { return false }
            return zip(segments, components).allSatisfy { GlobPattern.matchSegment($0[...], $1) }
        }
        return GlobPattern.match(segments[...], components[...])
    }

    /// Segment-level match with `**` (any number of components, including none), by dynamic programming
    /// over (segment, component) so patterns with many `**` stay linear-ish.
    static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        // Most ignore lines are one name (`*.log`, `node_modules`), stored as `**` + name: it matches
        // when the last component does. Checked without the tables below (discovery matches every
        // path against every line).
        if pattern.count == 2, pattern.first == doubleStar, let name = pattern.last, name != doubleStar {
            guard let last = path.last else { return false }
            return matchSegment(name[...], last)
        }
        if pattern.count == 1, let name = pattern.first, name != doubleStar {
            return path.count == 1 && matchSegment(name[...], path[path.startIndex])
        }
        return matchByTable(pattern, path)
    }

    /// The general case.
    static func matchByTable(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        let p = Array(pattern), s = Array(path)
        // reachable[j] after processing i segments: can the first i segments consume exactly j components?
        var reachable = [Bool](repeating: false, count: s.count + 1)
        reachable[0] = true
        for (index, segment) in p.enumerated() {
            var next = [Bool](repeating: false, count: s.count + 1)
            if segment == doubleStar {
                // A trailing `/**` matches everything inside, so at least one component.
                let strict = index == p.count - 1 && index > 0
                var any = false
                for j in 0...s.count {
                    if strict {
                        next[j] = any
                        any = any || reachable[j]
                    } else {
                        any = any || reachable[j]
                        next[j] = any
                    }
                }
            } else {
                for j in 0..<s.count where reachable[j] && matchSegment(segment[...], s[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[s.count]
    }

    /// Wildcard match of one path component: `*` and `?` never match `/` (components have none).
    /// Classic two-pointer algorithm with a single backtrack point: linear in practice. Generic so that the
    /// walk can pass buffers it holds in place (a slice of an ignore layer's bytes retained and released the
    /// array at every line asked about).
    static func matchSegment<Pattern: RandomAccessCollection<UInt8>, Text: RandomAccessCollection<UInt8>>(
        _ pattern: Pattern, _ text: Text) -> Bool where Pattern.Index == Int, Text.Index == Int {
        var pi = pattern.startIndex, ti = text.startIndex
        var starP = -1, starT = -1
        while ti < text.endIndex {
            if pi < pattern.endIndex {
                let c = pattern[pi]
                if c == 0x2A {  // `*`
                    starP = pi; starT = ti; pi += 1
                    continue
                }
                if c == 0x3F {  // `?`
                    pi += 1; ti += 1
                    continue
                }
                if c == 0x5B, let (matched, after) = matchClass(pattern, at: pi, byte: text[ti]) {  // `[`
                    if matched { pi = after; ti += 1; continue }
                } else {
                    var literal = c
                    var width = 1
                    if c == 0x5C, pi + 1 < pattern.endIndex { literal = pattern[pi + 1]; width = 2 }
                    if literal == text[ti] { pi += width; ti += 1; continue }
                }
            }
            guard starP >= 0 else { return false }
            pi = starP + 1
            starT += 1
            ti = starT
        }
        while pi < pattern.endIndex, pattern[pi] == 0x2A { pi += 1 }
        return pi == pattern.endIndex
    }

    /// `[abc]`, `[a-z]`, `[!x]`/`[^x]`. Returns nil when the bracket is not a valid class (then `[` is literal).
    static func matchClass<Pattern: RandomAccessCollection<UInt8>>(_ pattern: Pattern, at open: Int, byte: UInt8) -> (Bool, Int)?
    where Pattern.Index == Int {
        var i = open + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == 0x21 || pattern[i] == 0x5E { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            var c = pattern[i]
            if c == 0x5D && !first { return (matched != negate, i + 1) }
            first = false
            if c == 0x5C, i + 1 < pattern.endIndex { i += 1; c = pattern[i] }
            if i + 2 < pattern.endIndex, pattern[i + 1] == 0x2D, pattern[i + 2] != 0x5D {
                let hi = pattern[i + 2]
                if c <= byte && byte <= hi { matched = true }
                i += 3
            } else {
                if c == byte { matched = true }
                i += 1
            }
        }
        return nil
    }
}
