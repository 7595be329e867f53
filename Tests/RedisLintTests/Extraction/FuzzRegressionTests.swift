import Testing
import Foundation
import RedisTestSupport
import LuaParse
@testable import RedisLint

/// Replays every input kept under `fixtures/fuzz/<target>/` (crashes the fuzzers found, and seeds
/// worth keeping) through the same call as the libFuzzer target in `Fuzz/<target>/`, with the same
/// invariants, so a fixed bug stays fixed without running the fuzzer.
@Suite struct FuzzRegressionTests {
    static let root = Golden.repository.appendingPathComponent("fixtures/fuzz")

    /// `<target>/<file>` for every kept input.
    static let inputs: [String] = {
        let manager = FileManager.default
        let targets = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        return targets.flatMap { target in
            ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? []).map { "\(target)/\($0)" }
        }.sorted()
    }()

    static func checkLexer<L: HostLexer>(_ lexer: L.Type, _ bytes: [UInt8]) {
        let lexed = L.lex(bytes)
        var previousStart: Int32 = 0
        // As in Fuzz/FuzzSupport: Ruby heredoc bodies break offset order by design.
        let ordered = !lexed.tokens.contains { $0.flags.contains(.multiline) }
        for token in lexed.tokens {
            #expect(!ordered || token.start >= previousStart)
            #expect(token.start >= 0 && token.start <= token.end && Int(token.end) <= bytes.count)
            #expect(token.contentStart >= 0 && token.contentStart <= token.contentEnd && Int(token.contentEnd) <= bytes.count)
            previousStart = token.start
            if [.string, .stringHead, .stringMiddle, .stringTail].contains(token.kind) {
                let decoded = L.decode(token, in: bytes)
                #expect(decoded.value.count == decoded.sourceOffsets.count)
                #expect(decoded.sourceOffsets.allSatisfy { $0 >= 0 && Int($0) <= bytes.count })
            }
        }
        #expect(lexed.comments.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count })
    }

    @Test func everyTargetHasARegressionFolderOrNone() throws {
        let known: Set = ["FuzzRubyLexer", "FuzzPythonLexer", "FuzzJavaScriptLexer", "FuzzSwiftLexer", "FuzzFrontEnd", "FuzzLuaParse", "FuzzTOML"]
        let folders = Set(Self.inputs.map { String($0.prefix { $0 != "/" }) })
        #expect(folders.isSubset(of: known), "fixtures/fuzz holds a folder that names no fuzz target")
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func keptInputNeverTraps(_ input: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(input)))
        switch String(input.prefix { $0 != "/" }) {
        case "FuzzRubyLexer": Self.checkLexer(RubyLexer.self, bytes)
        case "FuzzPythonLexer": Self.checkLexer(PythonLexer.self, bytes)
        case "FuzzJavaScriptLexer": Self.checkLexer(JavaScriptLexer.self, bytes)
        case "FuzzSwiftLexer": Self.checkLexer(SwiftLexer.self, bytes)
        case "FuzzLuaParse":
            let script = LuaScript(source: bytes)
            #expect(script.syntaxErrors.allSatisfy { $0.offset >= 0 && $0.offset <= bytes.count })
        case "FuzzTOML":
            // Kept TOML inputs are either crashers (any outcome but a trap is fine) or the README's
            // example, which must keep parsing.
            let document = try? TOMLParser.parse(bytes)
            if input.hasSuffix("readme-example.toml") { #expect(document != nil) }
        case "FuzzFrontEnd":
            // As in the target: the first byte picks the language.
            guard let first = bytes.first else { return }
            let languages: [Language] = [.ruby, .python, .javascript, .swift, .lua]
            let file = Array(bytes.dropFirst())
            let model = FrontEnd.analyze(SourceFile(path: "fuzz", language: languages[Int(first) % languages.count], bytes: file), prefilter: false)
            for op in model.traces.flatMap(\.ops) {
                #expect(op.span.upperBound <= file.count && op.nameSpan.upperBound <= file.count)
            }
            #expect(model.scripts.allSatisfy { $0.span.upperBound <= file.count })
        default:
            Issue.record("no replay for \(input)")
        }
    }
}
