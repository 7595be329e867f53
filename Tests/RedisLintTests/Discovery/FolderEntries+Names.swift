@testable import RedisLint

extension FolderEntries {
    /// The names as strings, in order.
    var nameStrings: [String] {
        entries.map { String(decoding: name(of: $0), as: UTF8.self) }
    }
}
