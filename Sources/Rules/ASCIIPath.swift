/// A path's lower-cased components as bytes, for the questions rules ask of every file's path (is it
/// a test?). Splitting and lower-casing the path as a `String` and searching it with `contains` was a
/// tenth of the rule phase on real trees. Only for ASCII paths: there lower-casing and comparing bytes
/// is what the `String` operations do; other paths are asked the `String` way.
struct ASCIIPath {
    /// The components between `/`s (empty ones left out, as `split` does), lower-cased.
    let components: [ArraySlice<UInt8>]

    init?(_ path: String) {
        var bytes = Array(path.utf8)
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if byte >= 0x41 && byte <= 0x5A { bytes[index] = byte + 0x20 }
        }
        components = bytes.split(separator: 0x2F)
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
    func matches(_ part: ArraySlice<UInt8>) -> Bool {
        part.withUnsafeBufferPointer { part in
            byteNames.contains { part.count == $0.count && Self.equal(part, at: 0, $0) }
                || bytePrefixes.contains { part.count >= $0.count && Self.equal(part, at: 0, $0) }
                || byteSuffixes.contains { part.count >= $0.count && Self.equal(part, at: part.count - $0.count, $0) }
                || byteInfixes.contains { infix in
                    part.count >= infix.count && (0...part.count - infix.count).contains { Self.equal(part, at: $0, infix) }
                }
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
