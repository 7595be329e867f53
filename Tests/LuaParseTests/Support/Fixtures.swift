import Foundation

enum Fixtures {
    static let luaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/lua")

    static func lua(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: luaDirectory.appendingPathComponent(name)))
    }
}
