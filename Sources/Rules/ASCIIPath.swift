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

    static func hasPrefix(_ part: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { part.count >= $0.count && part.prefix($0.count).elementsEqual($0) }
    }

    static func hasSuffix(_ part: ArraySlice<UInt8>, _ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { part.count >= $0.count && part.suffix($0.count).elementsEqual($0) }
    }

    static func contains(_ part: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { text in
            guard part.count >= text.count else { return false }
            var start = part.startIndex
            while start + text.count <= part.endIndex {
                if part[start..<start + text.count].elementsEqual(text) { return true }
                start += 1
            }
            return false
        }
    }

    static func equals(_ part: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { part.elementsEqual($0) }
    }
}
