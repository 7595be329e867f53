/// A path's lower-cased components as bytes, for the questions rules ask of every file's path (is it
/// a test?). Splitting and lower-casing the path as a `String` and searching it with `contains` was a
/// tenth of the rule phase on real trees; an array of components, and a memo of answers by path, still
/// cost ~9,000 instructions a path. Only for ASCII paths: there lower-casing and comparing bytes is what
/// the `String` operations do; other paths are asked the `String` way.
struct ASCIIPath {
    /// The path, lower-cased.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the last component (the last run of bytes between `/`s that is not empty) starts and ends;
    /// an empty range when the path has none.
    let last: Range<Int>

    /// `body` given the path lower-cased in a temporary buffer (valid only during the call); nil for a
    /// path with a byte outside ASCII.
    static func with<Result>(_ path: String, _ body: (ASCIIPath) -> Result) -> Result? {
        var path = path
        return path.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { buffer in
                for index in utf8.indices {
                    let byte = utf8[index]
                    if byte >= 0x80 { return nil }
                    buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                }
                let bytes = UnsafeBufferPointer(rebasing: buffer[..<utf8.count])
                var end = bytes.count
                while end > 0 && bytes[end - 1] == 0x2F { end -= 1 }
                var start = end
                while start > 0 && bytes[start - 1] != 0x2F { start -= 1 }
                return body(ASCIIPath(bytes: bytes, last: start..<end))
            }
        }
    }

    /// The last component (`split(separator: "/").last`); empty when there is none.
    var lastComponent: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[last]) }

    /// Some component before the last (`split(separator: "/").dropLast()`) satisfies `predicate`.
    func containsFolder(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var start = 0
        while start < last.lowerBound {
            var end = start
            while end < last.lowerBound && bytes[end] != 0x2F { end += 1 }
            if end > start && predicate(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return true }
            start = end + 1
        }
        return false
    }
}

/// What a lower-cased path component is matched against (`test_…`, `…_spec.rb`, `….test.…`, `conftest.py`):
/// written once, and asked either of an ASCII component's bytes or of a lower-cased `String`, which
/// answer alike for ASCII text.
struct NamePatterns: Sendable {
    private let prefixes: [String], suffixes: [String], infixes: [String], names: Set<String>
    private let bytePrefixes: [[UInt8]], byteSuffixes: [[UInt8]], byteInfixes: [[UInt8]], byteNames: [[UInt8]]

    init(prefixes: [String] = [], suffixes: [String] = [], infixes: [String] = [], names: Set<String> = []) {
        (self.prefixes, self.suffixes, self.infixes, self.names) = (prefixes, suffixes, infixes, names)
        bytePrefixes = prefixes.map { Array($0.utf8) }
        byteSuffixes = suffixes.map { Array($0.utf8) }
        byteInfixes = infixes.map { Array($0.utf8) }
        byteNames = names.map { Array($0.utf8) }
    }

    /// Compared in place, a byte at a time: a set of names needed the component copied into an array and
    /// hashed, and the generic slice searches cost several times more (~8,000 instructions per path).
    func matches(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        byteNames.contains { part.count == $0.count && Self.equal(part, at: 0, $0) }
            || bytePrefixes.contains { part.count >= $0.count && Self.equal(part, at: 0, $0) }
            || byteSuffixes.contains { part.count >= $0.count && Self.equal(part, at: part.count - $0.count, $0) }
            || byteInfixes.contains { infix in
                part.count >= infix.count && (0...part.count - infix.count).contains { Self.equal(part, at: $0, infix) }
            }
    }

    /// `part[offset...]` starts with `bytes` (which fit).
    private static func equal(_ part: UnsafeBufferPointer<UInt8>, at offset: Int, _ bytes: [UInt8]) -> Bool {
        for index in bytes.indices where part[offset + index] != bytes[index] { return false }
        return true
    }

    func matches(_ part: String) -> Bool {
        names.contains(part) || prefixes.contains { part.hasPrefix($0) } || suffixes.contains { part.hasSuffix($0) }
            || infixes.contains { part.contains($0) }
    }
}
