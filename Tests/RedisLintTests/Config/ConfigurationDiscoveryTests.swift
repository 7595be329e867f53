import Testing
import Foundation
@testable import RedisLint

/// The walk says which folders hold a `.redislint.toml`; the configurations found that way are the ones a
/// `stat` per folder finds (a link to a configuration, and a folder with the configuration's name, included).
@Suite struct ConfigurationDiscoveryTests {
    @Test func theWalksListingFindsWhatStatFinds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a.py": "", "app/b.py": "", "app/.redislint.toml": "ignore = [\"RL101\"]\n", "app/deep/c.py": "",
                     "lib/.redislint.toml/d.py": "", "linked/e.py": "", "shared/config.toml": "cluster = \"on\"\n",
                     ".redislint.toml": "select = [\"ALL\"]\n"]
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("linked/.redislint.toml").path,
                                                   withDestinationPath: "../shared/config.toml")
        let discovered = Discovery(root: root.path, workingDirectory: root.path, options: Discovery.Options()).discover(["."])
        #expect(discovered.listedFolders[root.path] == true && discovered.listedFolders[root.path + "/app/deep"] == false)
        #expect(discovered.listedFolders[root.path + "/lib"] == false, "a folder named .redislint.toml is no configuration")
        #expect(discovered.listedFolders[root.path + "/linked"] == nil, "a link is left to stat")
        let catalog = RuleCatalog(entries: [.init(id: "RL101", name: "keys-command", enabledByDefault: true)])
        let paths = discovered.files.map(\.absolutePath)
        let byStat = try ConfigurationSet.discover(root: root.path, files: paths, catalog: catalog)
        let byListing = try ConfigurationSet.discover(root: root.path, files: paths, catalog: catalog, listedFolders: discovered.listedFolders)
        #expect(byListing.paths == byStat.paths)
        #expect(byStat.paths.map { String($0.dropFirst(root.path.count)) } == ["/.redislint.toml", "/app/.redislint.toml", "/linked/.redislint.toml"])
    }

    /// Folders that are not ASCII (the listing then keeps paths as strings), and a walk of a subfolder (the folders
    /// above it were not listed and are asked with `stat`), find what `stat` finds.
    @Test func foldersThatAreNotASCIIAndASubfolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["café/a.py": "", "café/.redislint.toml": "ignore = [\"RL101\"]\n", "app/deep/c.py": "", "app/d.py": "",
                     ".redislint.toml": "select = [\"ALL\"]\n", "app/deep/.redislint.toml": "cluster = \"on\"\n"]
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let catalog = RuleCatalog(entries: [.init(id: "RL101", name: "keys-command", enabledByDefault: true)])
        for paths in [["."], ["app"], ["app/deep", "café"]] {
            let discovered = Discovery(root: root.path, workingDirectory: root.path, options: Discovery.Options()).discover(paths)
            let files = discovered.files.map(\.absolutePath)
            let byStat = try ConfigurationSet.discover(root: root.path, files: files, catalog: catalog)
            let byListing = try ConfigurationSet.discover(root: root.path, files: files, catalog: catalog, listedFolders: discovered.listedFolders)
            #expect(byListing.paths == byStat.paths, "\(paths)")
        }
        let discovered = Discovery(root: root.path, workingDirectory: root.path, options: Discovery.Options()).discover(["."])
        #expect(discovered.listedFolders[root.path + "/café"] == true && discovered.listedFolders[root.path + "/app"] == false)
        let all = try ConfigurationSet.discover(root: root.path, files: discovered.files.map(\.absolutePath), catalog: catalog,
                                                listedFolders: discovered.listedFolders)
        #expect(all.paths.map { String($0.dropFirst(root.path.count)) }
                == ["/.redislint.toml", "/app/deep/.redislint.toml", "/café/.redislint.toml"])
        let app = try ConfigurationSet.discover(root: root.path, files: [root.path + "/app/d.py"], catalog: catalog)
        #expect(app.paths == [root.path + "/.redislint.toml"])
    }
}
