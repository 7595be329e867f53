#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder's entries as listed: every name's bytes one after another in one array, and per entry where its
/// name is and its kind. A walk lists thousands of folders of a few entries each: a `String` and a tuple
/// per name, and the arrays a sort by key made and dropped, were allocations and releases that cost more
/// than reading the folder.
struct FolderEntries {
    struct Entry {
        /// The name's first eight bytes, big-endian in a word (zero-padded: a name holds no NUL, so a shorter
        /// one comes first): most comparisons of a sort are decided by it.
        var key: UInt64
        var start: Int32
        var count: Int32
        /// Every byte of the name is ASCII: its bytes are then those of its `String` (an invalid UTF-8 name is
        /// repaired when made a string, and compares with other strings by canonical equivalence).
        var isASCII: Bool
        /// The kind when the folder says it (`d_type`) and it is a regular file or a folder; nil for links
        /// and unknown types.
        var kind: FileSystem.Kind?
    }

    /// Every name's bytes, one after another.
    private(set) var names: [UInt8] = []
    private(set) var entries: [Entry] = []

    /// Room for a few entries at once: most folders of a tree hold a few, and growing both arrays from empty was
    /// two or three allocations (and copies) each.
    init() {
        names.reserveCapacity(256)
        entries.reserveCapacity(16)
    }

    mutating func append(name: UnsafeBufferPointer<UInt8>, kind: FileSystem.Kind?) {
        var key: UInt64 = 0
        for index in 0..<8 { key = key << 8 | (index < name.count ? UInt64(name[index]) : 0) }
        var bits: UInt8 = 0
        for byte in name { bits |= byte }
        entries.append(Entry(key: key, start: Int32(names.count), count: Int32(name.count), isASCII: bits < 0x80, kind: kind))
        names.append(contentsOf: name)
    }

    /// Sorts the entries in byte order of their names as the folder gave them (for valid UTF-8, the order of the
    /// UTF-8 views' `lexicographicallyPrecedes`; a name that is not sorts by its raw bytes, not by the replacement
    /// characters its path gets): by key, then (names sharing eight bytes) by `memcmp` of the whole names.
    mutating func sort() {
        names.withUnsafeBufferPointer { bytes in
            entries.sort { a, b in
                if a.key != b.key { return a.key < b.key }
                let common = Int(min(a.count, b.count))
                let order = common == 0 ? 0 : memcmp(bytes.baseAddress! + Int(a.start), bytes.baseAddress! + Int(b.start), common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }

    /// The bytes of `entry`'s name, as a slice of `names` (no copy).
    func name(of entry: Entry) -> ArraySlice<UInt8> {
        names[Int(entry.start)..<Int(entry.start + entry.count)]
    }
}
