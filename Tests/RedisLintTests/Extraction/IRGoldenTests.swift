import Testing
import Foundation
import RedisTestSupport
@testable import RedisLint

/// `fixtures/ir/<language>/<file>`: realistic files per client library; what the front-ends extract
/// (`redislint dump-ir`) equals `<file>.ir.json` beside them.
@Suite struct IRGoldenTests {
    static let files: [String] = {
        let root = Golden.repository.appendingPathComponent("fixtures/ir")
        let languages = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return languages.sorted().flatMap { language in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(language).path)) ?? [])
                .filter { !$0.hasSuffix(".ir.json") }.sorted().map { "\(language)/\($0)" }
        }
    }()

    static func model(_ url: URL) throws -> FileModel {
        let bytes = [UInt8](try Data(contentsOf: url))
        let language = try #require(Language.forFileName(url.lastPathComponent))
        return FrontEnd.analyze(SourceFile(path: url.lastPathComponent, language: language, bytes: bytes))
    }

    @Test(arguments: files)
    func extractionMatchesGolden(_ file: String) throws {
        let url = Golden.repository.appendingPathComponent("fixtures/ir").appendingPathComponent(file)
        let dump = IRDump.render([try Self.model(url)])
        if let problem = Golden.check(dump, against: URL(fileURLWithPath: url.path + ".ir.json")) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func everyHostLanguageHasIRFixtures() {
        for language in ["ruby", "python", "javascript", "swift"] {
            #expect(Self.files.contains { $0.hasPrefix(language + "/") }, "no IR fixture for \(language)")
        }
    }
}

/// The lexer torture files hide `keys` calls in every literal and comment form; only the lines marked
/// `CODE` hold real ones, so every extracted KEYS op must sit on such a line.
@Suite struct TortureExtractionTests {
    static let files = ["ruby/torture.rb", "python/torture.py", "javascript/torture.tsx", "swift/torture.swift"]

    @Test(arguments: files)
    func opsOnlyOnCodeLines(_ file: String) throws {
        let url = Golden.repository.appendingPathComponent("fixtures/lexers").appendingPathComponent(file)
        let model = try IRGoldenTests.model(url)
        let lines = String(decoding: model.source.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for trace in model.traces {
            for op in trace.ops where op.command == "KEYS" {
                let line = model.source.lines.position(of: op.nameSpan.lowerBound, in: model.source.bytes).line
                #expect(lines[line - 1].contains("CODE"), "\(file):\(line): \(op.command) extracted from a non-code line: \(lines[line - 1])")
            }
        }
    }
}
