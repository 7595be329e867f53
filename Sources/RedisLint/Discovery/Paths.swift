#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lexical path handling (no symlink resolution, so reported paths keep the user's layout).
public enum Paths {
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        normalize(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Removes `.`, `..` and repeated or trailing `/`. On the path's bytes, split at each `/` byte: split into
    /// `Character`s, a 60-byte path cost ~32,000 instructions (grapheme breaking), and the policy pass
    /// normalises the path of every file with findings, on the main thread.
    public static func normalize(_ path: String) -> String {
        var path = path
        return path.withUTF8 { bytes -> String in
            // Each kept component's start and end in `bytes`.
            var parts: [(start: Int, end: Int)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != slashByte { end += 1 }
                let length = end - start
                if length == 0 || (length == 1 && bytes[start] == dotByte) {
                    // an empty (repeated `/`) or `.` component
                } else if length == 2 && bytes[start] == dotByte && bytes[start + 1] == dotByte {
                    if !parts.isEmpty { parts.removeLast() }
                } else {
                    parts.append((start, end))
                }
                start = end + 1
            }
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count + 1)
            if parts.isEmpty { normalized.append(slashByte) }
            for part in parts {
                normalized.append(slashByte)
                normalized.append(contentsOf: bytes[part.start..<part.end])
            }
            // Components are whole runs between `/` bytes of valid UTF-8: the result is valid UTF-8 too.
            return String(decoding: normalized, as: UTF8.self)
        }
    }

    // The functions below work on the UTF-8 bytes: a path's separator is the byte `/`. (As `Character`s,
    // `lastIndex(of: "/")` and `count` ran grapheme breaking over the whole path: the parent of each
    // scanned file's folder, looked up for configuration files, was 1.2 % of a scan of 12 repositories.)

    public static func parent(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = lastSlash(path), slash != utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Whether `folder` is `path`'s parent: `parent(path) == folder`, without making the parent's string.
    public static func isParent(_ folder: String, of path: String) -> Bool {
        var path = path
        var folder = folder
        return path.withUTF8 { pathBytes in
            var slash = pathBytes.count - 1
            while slash >= 0 && pathBytes[slash] != slashByte { slash -= 1 }
            return folder.withUTF8 { folderBytes in
                // No `/`, or only the leading one: the parent is the root.
                guard slash > 0 else { return folderBytes.count == 1 && folderBytes[0] == slashByte }
                return folderBytes.count == slash && memcmp(pathBytes.baseAddress!, folderBytes.baseAddress!, slash) == 0
            }
        }
    }

    /// `prefix` followed by `name`, made in one allocation: `prefix + name` made a copy of `prefix` and then
    /// grew it (~900 instructions a path; the walk makes two for every file it keeps).
    static func joined(_ prefix: String, _ name: String) -> String {
        var prefix = prefix, name = name  // `withUTF8` may make a string contiguous; ours already are
        return prefix.withUTF8 { head in
            name.withUTF8 { tail in
                String(unsafeUninitializedCapacity: head.count + tail.count) { buffer in
                    guard let start = buffer.baseAddress else { return 0 }
                    if let bytes = head.baseAddress { start.initialize(from: bytes, count: head.count) }
                    if let bytes = tail.baseAddress { (start + head.count).initialize(from: bytes, count: tail.count) }
                    return head.count + tail.count
                }
            }
        }
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
    private static let dotByte = UInt8(ascii: ".")

    /// Where the rest of `path` starts when it begins with `folder` and a `/`. On the bytes with `memcmp`
    /// (through the UTF-8 view's indices it was ~10 instructions a byte; configuration look-up asks it of
    /// every folder above a scanned file, on the main thread).
    private static func afterPrefix(_ path: String, _ folder: String) -> String.Index? {
        var path = path, folder = folder  // `withUTF8` may make a string contiguous; ours already are
        let offset = path.withUTF8 { pathBytes in folder.withUTF8 { afterPrefix(pathBytes, $0) } }
        return offset.map { path.utf8.index(path.utf8.startIndex, offsetBy: $0) }
    }

    /// `afterPrefix` on the paths' bytes: the offset where the rest of `path` starts.
    static func afterPrefix(_ path: UnsafeBufferPointer<UInt8>, _ folder: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = folder.count
        guard path.count > length, path[length] == slashByte else { return nil }
        guard length == 0 || memcmp(path.baseAddress!, folder.baseAddress!, length) == 0 else { return nil }
        return length + 1
    }
}
