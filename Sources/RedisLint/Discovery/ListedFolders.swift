/// The folders a walk listed (absolute paths), and whether each holds a configuration file (`.redislint.toml`):
/// the configuration is then looked up without a `stat` per folder. Kept by the paths' bytes (`PathTable`) while
/// every path is ASCII: a `[String: Bool]` hashed each folder's path with SipHash as the walk went, and again for
/// each look-up. A path that is not ASCII turns it into that dictionary (strings compare by canonical
/// equivalence, which bytes do not tell).
public struct ListedFolders: Sendable {
    /// 1: the folder holds a configuration file; 0: it does not.
    private var table = PathTable()
    /// Every folder by its path as a string, once a path that is not ASCII was recorded; nil until then.
    private var dictionary: [String: Bool]?

    public init() {}

    /// Records that `path` was listed and whether it holds a configuration file. `hash`: its bytes' hash
    /// (`PathTable.hash`), nil when they are not all ASCII.
    mutating func record(_ path: String, hash: UInt64?, holdsConfiguration: Bool) {
        if dictionary == nil, let hash {
            var path = path
            path.withUTF8 { table.set($0, hash: hash, to: holdsConfiguration ? 1 : 0) }
        } else {
            if dictionary == nil { dictionary = asDictionary }
            dictionary![path] = holdsConfiguration
        }
    }

    /// Every path is kept by its bytes (`holdsConfiguration(bytes:hash:)` answers for any path).
    var isByBytes: Bool { dictionary == nil }

    /// Whether the folder at `bytes` (ASCII, hashed with `PathTable.hash`) holds a configuration file; nil when it
    /// was not listed (or the listing could not tell). Only while `isByBytes`.
    func holdsConfiguration(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool? {
        precondition(isByBytes, "ListedFolders: asked by bytes after a path that is not ASCII")
        return table.value(of: bytes, hash: hash).map { $0 != 0 }
    }

    /// `holdsConfiguration(bytes:hash:)` with a number for the folder, below `folderNumbers` and different for each
    /// folder: the configuration look-up marks the folders it checked in a bit set by these numbers (adding every
    /// folder to a table of its own, its bytes copied, was a second look-up and ~300 instructions a folder).
    /// Only while `isByBytes`.
    func numberedLookUp(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int, holdsConfiguration: Bool)? {
        precondition(isByBytes, "ListedFolders: asked by bytes after a path that is not ASCII")
        return table.slot(of: bytes, hash: hash).map { ($0.index, $0.value != 0) }
    }

    /// The numbers `numberedLookUp` gives are below this.
    var folderNumbers: Int { table.slotCount }

    /// The folders as a dictionary by path.
    var asDictionary: [String: Bool] {
        if let dictionary { return dictionary }
        var made: [String: Bool] = [:]
        for (key, value) in table.entries { made[key] = value != 0 }
        return made
    }

    /// Whether `path` was listed and holds a configuration file; nil when it was not listed (or the listing could not tell).
    public subscript(_ path: String) -> Bool? {
        if let dictionary { return dictionary[path] }
        var path = path
        if let found = path.withUTF8({ bytes in ListedFolders.asciiHash(bytes).map { holdsConfiguration(bytes: bytes, hash: $0) } }) {
            return found
        }
        return asDictionary[path]  // not ASCII: it may still equal an ASCII path as a string
    }

    /// The hash of `bytes` (`PathTable.hash`), or nil when they are not all ASCII.
    static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var hash = PathTable.emptyHash
        var bits: UInt8 = 0
        for byte in bytes {
            bits |= byte
            hash = PathTable.extend(hash, byte)
        }
        return bits < 0x80 ? hash : nil
    }
}
