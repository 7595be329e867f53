import Testing
import Foundation
import RedisTestSupport
@testable import RedisLint

/// A bounded, deterministic mutation test over every front-end: fixtures with tokens deleted,
/// duplicated and swapped, bytes damaged, and prefixes cut must never trap, and their spans stay in
/// bounds. (Open-ended fuzzing is a script; this is the regression net in the suite.)
@Suite struct FrontEndMutationTests {
    /// Every host-language and Lua file under `fixtures/`.
    static let files: [String] = {
        let root = Golden.repository.appendingPathComponent("fixtures")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            if Language.forFileName(path) != nil, !path.hasSuffix(".json") { found.append(path) }
        }
        return found.sorted()
    }()

    /// `REDISLINT_TEST_SCALE`: `small` under sanitizers, `large` for a longer local search (with
    /// `REDISLINT_TEST_SEED=N` for another sequence).
    static var rounds: Int {
        switch ProcessInfo.processInfo.environment["REDISLINT_TEST_SCALE"] {
        case "small": return 8
        case "large": return 1_000
        default: return 40
        }
    }

    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var out = bytes
        let cut = { (r: inout SeededRandom) -> Range<Int> in
            let start = r.below(out.count)
            return start..<min(out.count, start + 1 + r.below(40))
        }
        switch random.below(6) {
        case 0: out.removeSubrange(cut(&random))
        case 1: let range = cut(&random); out.insert(contentsOf: out[range], at: random.below(out.count))
        case 2: out[random.below(out.count)] = UInt8(truncatingIfNeeded: random.next())
        case 3: out = Array(out.prefix(random.below(out.count)))
        case 4:
            let a = cut(&random), b = cut(&random)
            if a.upperBound <= b.lowerBound { out = Array(out[..<a.lowerBound] + out[b] + out[a.upperBound..<b.lowerBound] + out[a] + out[b.upperBound...]) }
        default:
            let openers: [UInt8] = Array("([{\"'`#/\\<|".utf8)
            out.insert(openers[random.below(openers.count)], at: random.below(out.count))
        }
        return out
    }

    @Test(arguments: files)
    func mutatedSourcesNeverTrap(_ file: String) throws {
        let url = Golden.repository.appendingPathComponent("fixtures").appendingPathComponent(file)
        let original = [UInt8](try Data(contentsOf: url))
        let language = try #require(Language.forFileName(file))
        let seed = UInt64(ProcessInfo.processInfo.environment["REDISLINT_TEST_SEED"] ?? "") ?? 0x9E3779B97F4A7C15
        var random = SeededRandom(seed: seed ^ UInt64(truncatingIfNeeded: file.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
        var bytes = original
        for _ in 0..<Self.rounds {
            bytes = Self.mutate(random.below(4) == 0 ? original : bytes, &random)
            let model = FrontEnd.analyze(SourceFile(path: file, language: language, bytes: bytes), prefilter: false)
            for trace in model.traces {
                for op in trace.ops {
                    #expect(op.span.upperBound <= bytes.count && op.nameSpan.upperBound <= bytes.count)
                }
            }
            for script in model.scripts {
                #expect(script.span.upperBound <= bytes.count)
            }
        }
    }
}
