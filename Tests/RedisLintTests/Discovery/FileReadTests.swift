import Testing
import Foundation
import RedisTestSupport
@testable import RedisLint

/// `FileSystem.read` reads into uninitialised memory: every size (empty, a few bytes, across pages and read
/// calls) must come back exactly as written, and the size limit and non-files still refused.
@Suite struct FileReadTests {
    @Test func filesComeBackAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededRandom(seed: 0x2EAD)
        for size in [0, 1, 15, 4_095, 4_096, 4_097, 70_000, 1 << 20] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let url = folder.appendingPathComponent("f\(size).py")
            try Data(bytes).write(to: url)
            #expect(try FileSystem.read(url.path, limit: 1 << 21).get() == bytes, "size \(size)")
            if size > 0 {
                guard case .failure(.tooLarge(size)) = FileSystem.read(url.path, limit: size - 1) else {
                    Issue.record("size \(size) over the limit was read")
                    continue
                }
            }
        }
        guard case .failure(.notRegular) = FileSystem.read(folder.path, limit: 1 << 20) else {
            Issue.record("a folder was read as a file")
            return
        }
    }
}
