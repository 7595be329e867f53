import Testing
import RedisTestSupport
@testable import RedisLint

/// `PathTable` keeps paths by their bytes: look-ups by a hash made in one pass (a prefix's hash extended), values
/// set and replaced, and the same answers after it grows; `ListedFolders` answers as a dictionary by path would.
@Suite struct PathTableTests {
    func hash(_ path: String) -> UInt64 {
        var path = path
        return path.withUTF8 { PathTable.hash($0) }
    }

    @Test func findsWhatWasAddedAfterGrowing() {
        var random = SeededRandom(seed: 0x9A7B)
        var table = PathTable()
        var expected: [String: Int32] = [:]
        for index in 0..<500 {
            let path = "/" + (0..<1 + random.below(4)).map { _ in random.pick(["a", "bb", "src", "pkg\(index % 7)", "x.py"]) }.joined(separator: "/")
            var bytes = path
            let value = Int32(index)
            if random.below(2) == 0 {
                bytes.withUTF8 { table.set($0, hash: hash(path), to: value) }
                expected[path] = value
            } else {
                let added = bytes.withUTF8 { table.insert($0, hash: hash(path), value: value) }
                #expect(added == (expected[path] == nil))
                if expected[path] == nil { expected[path] = value }
            }
        }
        #expect(table.count == expected.count)
        for (path, value) in expected {
            var bytes = path
            #expect(bytes.withUTF8 { table.value(of: $0, hash: hash(path)) } == value)
        }
        var missing = "/not/there"
        #expect(missing.withUTF8 { table.value(of: $0, hash: hash("/not/there")) } == nil)
        #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == expected)
    }

    /// Keys whose hashes collide (all given hash 0, or 1) are still told apart by their bytes, before and after the
    /// table grows: a key is found only at its own bytes, a prefix or an extension of it is not.
    @Test func collidingHashesAreToldApartByBytes() {
        var table = PathTable()
        let paths = (0..<100).map { "/a/\($0)" } + ["/a", "/a/1/", ""]
        for (index, path) in paths.enumerated() {
            var bytes = path
            let added = bytes.withUTF8 { table.insert($0, hash: UInt64(index % 2), value: Int32(index)) }
            #expect(added)
        }
        for (index, path) in paths.enumerated() {
            var bytes = path
            #expect(bytes.withUTF8 { table.value(of: $0, hash: UInt64(index % 2)) } == Int32(index))
            #expect(bytes.withUTF8 { table.value(of: $0, hash: 7) } == nil)
        }
        var absent = "/a/1000"
        #expect(absent.withUTF8 { table.value(of: $0, hash: 0) } == nil)
        #expect(table.count == paths.count)
    }

    /// A prefix's hash, extended byte by byte, is the hash of the longer path.
    @Test func aPrefixsHashExtends() {
        var path = "/work/app/lib/x.py"
        path.withUTF8 { bytes in
            let prefix = PathTable.hash(UnsafeBufferPointer(rebasing: bytes[..<9]))
            #expect(PathTable.hash(UnsafeBufferPointer(rebasing: bytes[9...]), after: prefix) == PathTable.hash(bytes))
        }
    }

    /// `numberedLookUp` numbers each listed folder once (different numbers, below `folderNumbers`, the same when
    /// asked again) and answers as `holdsConfiguration` does.
    @Test func listedFoldersAreNumbered() {
        var listed = ListedFolders()
        let paths = (0..<100).map { "/r/pkg\($0)" }
        for (index, path) in paths.enumerated() {
            var bytes = path
            listed.record(path, hash: bytes.withUTF8 { ListedFolders.asciiHash($0) }, holdsConfiguration: index % 3 == 0)
        }
        var numbers = Set<Int>()
        for (index, path) in paths.enumerated() {
            var bytes = path
            let found = bytes.withUTF8 { listed.numberedLookUp(bytes: $0, hash: hash(path)) }
            #expect(found?.holdsConfiguration == (index % 3 == 0))
            guard let number = found?.number else { continue }
            #expect(number >= 0 && number < listed.folderNumbers)
            #expect(bytes.withUTF8 { listed.numberedLookUp(bytes: $0, hash: hash(path)) }?.number == number)
            numbers.insert(number)
        }
        #expect(numbers.count == paths.count)
        var missing = "/r/other"
        #expect(missing.withUTF8 { listed.numberedLookUp(bytes: $0, hash: hash("/r/other")) } == nil)
    }

    /// Recorded by bytes while every path is ASCII; a path that is not turns the record into a dictionary by
    /// string, which keeps what was recorded before.
    @Test func listedFoldersAnswerAsADictionary() {
        var listed = ListedFolders()
        for (path, holds) in [("/r", true), ("/r/app", false), ("/r/app", true), ("/r/lib", false)] {
            var bytes = path
            listed.record(path, hash: bytes.withUTF8 { ListedFolders.asciiHash($0) }, holdsConfiguration: holds)
        }
        #expect(listed.isByBytes)
        #expect(listed["/r"] == true && listed["/r/app"] == true && listed["/r/lib"] == false && listed["/r/x"] == nil)
        var café = "/r/café"
        #expect(café.withUTF8 { ListedFolders.asciiHash($0) } == nil)
        listed.record(café, hash: nil, holdsConfiguration: true)
        #expect(!listed.isByBytes)
        #expect(listed.asDictionary == ["/r": true, "/r/app": true, "/r/lib": false, "/r/café": true])
        #expect(listed["/r/cafe\u{301}"] == true, "strings compare by canonical equivalence")
    }
}
