/// Lexical path handling (no symlink resolution, so reported paths keep the user's layout).
public enum Paths {
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        normalize(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Removes `.`, `..` and repeated or trailing `/`.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    // The functions below work on the UTF-8 bytes: a path's separator is the byte `/`. (As `Character`s,
    // `lastIndex(of: "/")` and `count` ran grapheme breaking over the whole path: the parent of each
    // scanned file's folder, looked up for configuration files, was 1.2 % of a scan of 12 repositories.)

    public static func parent(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = lastSlash(path), slash != utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }

    public static func lastComponent(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = lastSlash(path) else { return path }
        return String(path[utf8.index(after: slash)...])
    }

    /// The last `/`, found on the path's own bytes when they are stored contiguously (always, for a path
    /// built or read here): stepping back through the UTF-8 view a byte at a time cost ~10 instructions a byte.
    private static func lastSlash(_ path: String) -> String.Index? {
        let utf8 = path.utf8
        let offset = utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var k = bytes.count - 1
            while k >= 0 && bytes[k] != slashByte { k -= 1 }
            return k
        }
        guard let offset else { return utf8.lastIndex(of: slashByte) }
        return offset < 0 ? nil : utf8.index(utf8.startIndex, offsetBy: offset)
    }

    public static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || afterPrefix(path, folder) != nil
    }

    /// `path` relative to `folder`, or nil when it is not inside. The folder itself is `.`.
    public static func relative(_ path: String, to folder: String) -> String? {
        if path == folder { return "." }
        if folder == "/" { return path.utf8.first == slashByte ? String(path[path.utf8.index(after: path.startIndex)...]) : path }
        return afterPrefix(path, folder).map { String(path[$0...]) }
    }

    private static let slashByte = UInt8(ascii: "/")

    /// Where the rest of `path` starts when it begins with `folder` and a `/`.
    private static func afterPrefix(_ path: String, _ folder: String) -> String.Index? {
        let utf8 = path.utf8
        var index = utf8.startIndex
        for byte in folder.utf8 {
            guard index != utf8.endIndex, utf8[index] == byte else { return nil }
            index = utf8.index(after: index)
        }
        guard index != utf8.endIndex, utf8[index] == slashByte else { return nil }
        return utf8.index(after: index)
    }
}
