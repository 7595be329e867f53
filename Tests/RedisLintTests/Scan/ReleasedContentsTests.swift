import Testing
import Foundation
@testable import RedisLint

/// A scan keeps models, not file contents: the bytes are released after phase 1 and read again for
/// the file's rules, and a file rewritten in between is noticed rather than reported at wrong places.
@Suite struct ReleasedContentsTests {
    static func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-released-\(UUID().uuidString).py")
        try Data(text.utf8).write(to: url)
        return url
    }

    static let code = "import redis\nr = redis.Redis()\nr.keys('*')\n"

    @Test func releasedContentsAreReadBackUnchanged() throws {
        let url = try Self.temporaryFile(Self.code)
        defer { try? FileManager.default.removeItem(at: url) }
        var released = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
        released.releaseContents(absolutePath: url.path)
        #expect(released.source.bytes.isEmpty)
        #expect(released.byteCount == Self.code.utf8.count)
        #expect(released.traces.flatMap(\.ops).map(\.command) == ["KEYS"])
        let restored = try #require(released.restoringContents())
        #expect(restored.source.bytes == Array(Self.code.utf8))
        #expect(restored.source.lines.position(of: 31, in: restored.source.bytes).line == 3)  // `r.keys`
    }

    @Test func aFileRewrittenBetweenThePhasesIsNotRestored() throws {
        let url = try Self.temporaryFile(Self.code)
        defer { try? FileManager.default.removeItem(at: url) }
        var released = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
        released.releaseContents(absolutePath: url.path)
        try Data(Self.code.replacingOccurrences(of: "keys", with: "scan").utf8).write(to: url)  // same length
        #expect(released.restoringContents() == nil)
        try FileManager.default.removeItem(at: url)
        #expect(released.restoringContents() == nil)
    }

    @Test func theScannerReportsAtTheRightLinesFromReleasedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-released-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.py", "b.py"] { try Data(Self.code.utf8).write(to: folder.appendingPathComponent(name)) }
        let files = ["a.py", "b.py"].map { Discovery.File(absolutePath: folder.appendingPathComponent($0).path, path: $0, language: .python, explicit: true) }
        var options = Scanner.Options()
        options.keptContentsBytes = 0  // small files are otherwise kept whole (`KeptContents`)
        let result = Scanner(rules: [KeysProbe()], options: options).scan(files)
        #expect(result.findings.map { "\($0.path):\($0.start.line)" }.sorted() == ["a.py:3", "b.py:3"])
        #expect(result.diagnostics.isEmpty)
    }

    /// The digest reads 32 bytes a round in four lanes, then eight bytes per step, and the rest one by one:
    /// a change in any byte, in a round, a whole word or the tail, and a change of length alone, are all
    /// noticed; so is a swap of two lanes' words.
    @Test func everyByteCountsInTheDigest() {
        for count in 0...80 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let digest = FileModel.digest(bytes)
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x20
                #expect(FileModel.digest(changed) != digest, "byte \(position) of \(count)")
            }
            #expect(FileModel.digest([UInt8](repeating: 0, count: count)) != FileModel.digest([UInt8](repeating: 0, count: count + 1)))
            if count >= 32 {
                let swapped = Array(bytes[8..<16] + bytes[0..<8] + bytes[16...])
                #expect(FileModel.digest(swapped) != digest, "lanes swapped in \(count)")
            }
        }
    }

    /// The smallest rule that needs positions: one finding per KEYS op.
    struct KeysProbe: Rule {
        let description = RuleDescription(id: "RL999", name: "keys-probe", severity: .warning, summary: "probe", languages: [.python],
                                          whatItFinds: "", whyItIsAProblem: "", useInstead: "", examples: [])
        func check(_ context: RuleContext) -> [Finding] {
            context.file.traces.flatMap(\.ops).filter { $0.command == "KEYS" }.map { context.finding(description, span: $0.nameSpan, message: "KEYS") }
        }
    }
}
