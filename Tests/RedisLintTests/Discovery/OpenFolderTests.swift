import Testing
import Foundation
@testable import RedisLint

/// A folder is listed and identified from one opening (`FileSystem.openFolder`): the same entries and kinds
/// as `listWithKinds`, and the same device and inode as `status` (links followed).
@Suite struct OpenFolderTests {
    @Test func listsAndIdentifiesAsByPath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-open-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        for name in ["b.py", "a.rb", "Z.ts", "é.swift"] { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: folder.path)
        for path in [folder.path, root.appendingPathComponent("link").path, root.path] {
            let opened = try #require(FileSystem.openFolder(path))
            let status = try #require(FileSystem.status(path))
            #expect(opened.status.device == status.device && opened.status.inode == status.inode && opened.status.kind == .directory)
            let listed = try FileSystem.listWithKinds(path).get()
            #expect(opened.entries.nameStrings == listed.nameStrings)
            #expect(opened.entries.entries.map { "\($0.kind.map { "\($0)" } ?? "-")" } == listed.entries.map { "\($0.kind.map { "\($0)" } ?? "-")" })
        }
        #expect(FileSystem.openFolder(root.appendingPathComponent("missing").path) == nil)
        #expect(FileSystem.openFolder(folder.appendingPathComponent("b.py").path) == nil)
    }
}
