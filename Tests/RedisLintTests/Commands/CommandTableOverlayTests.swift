import Foundation
import Testing
@testable import RedisLint

/// The committed table was regenerated after the last overlay edit: every overlay command and
/// deprecation is in it with the overlay's version.
@Suite("Command table overlay")
struct CommandTableOverlayTests {
    private struct Overlay: Decodable {
        struct Command: Decodable {
            let name: String
            let from: String
            let arity: Int
        }
        struct Patch: Decodable {
            let name: String
            let from: String
            let deprecated_since: String?
            let replaced_by: String?
        }
        let commands: [Command]
        let patches: [Patch]
    }

    private static func overlay() throws -> Overlay {
        // Tests/RedisLintTests/Commands/<this file> -> repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("scripts/command-table-overlay.json"))
        return try JSONDecoder().decode(Overlay.self, from: data)
    }

    @Test func everyOverlayFactIsInTheGeneratedTable() throws {
        let overlay = try Self.overlay()
        #expect(overlay.commands.count >= 10)
        for command in overlay.commands {
            let spec = try #require(CommandTable.command(named: command.name), "\(command.name) missing: regenerate")
            #expect(spec.overlayVersion == command.from, "\(command.name)")
            #expect(spec.arity == command.arity, "\(command.name)")
        }
        for patch in overlay.patches {
            let spec = try #require(CommandTable.command(named: patch.name))
            #expect(spec.overlayPatches.contains { $0.version == patch.from }, "\(patch.name): regenerate")
            if let since = patch.deprecated_since {
                #expect(spec.deprecation == .init(since: since, replacedBy: patch.replaced_by), "\(patch.name)")
                #expect(spec.docFlags.contains("deprecated"))
            }
        }
    }

    @Test func tableServerVersionIsRecorded() {
        #expect(CommandTable.serverVersion.split(separator: ".").count == 3)
        #expect(CommandTable.all.count > 380)
        #expect(CommandTable.all.map(\.name) == CommandTable.all.map(\.name).sorted())
    }
}
