import Testing
import Foundation

/// Every run pays for the libraries the tool loads: Foundation (with its ICU data) added ~4 ms to each start,
/// half of a one-file scan. The tool's sources use the standard library and the C library instead.
@Suite struct StartupTests {
    @Test func noSourceImportsFoundation() throws {
        let sources = CLI.repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import Foundation") || $0.hasPrefix("@_exported import Foundation") }
            #expect(imports.isEmpty, "\(file) imports Foundation")
        }
    }
}
