import RedisTestSupport
import Foundation
import LuaParse
import Testing

/// LuaParse must accept exactly what Lua 5.1's `loadstring` accepts, and report the first error on
/// the same line with the same message.
@Suite("Differential against lua5.1")
struct DifferentialTests {
    /// `loadstring` runs from the driver's main chunk, two C calls deep (see `Options`).
    static var oracleOptions: LuaParser.Options {
        var options = LuaParser.Options()
        options.initialSyntaxLevel = 2
        return options
    }

    struct Mismatch: CustomStringConvertible {
        let program: [UInt8]
        let expected: LuaOracle.Verdict
        let actual: LuaOracle.Verdict
        var description: String {
            "program: \(String(decoding: program, as: UTF8.self).debugDescription)\n  lua5.1: \(expected)\n  ours:   \(actual)"
        }
    }

    static func ourVerdict(_ program: [UInt8]) -> LuaOracle.Verdict {
        var parser = LuaParser(bytes: program, options: oracleOptions)
        _ = parser.parseChunk()
        guard let first = parser.errors.first else { return .accepted }
        return .rejected(line: first.line, message: first.message)
    }

    static func mismatches(_ programs: [[UInt8]]) throws -> [Mismatch] {
        let oracle = try LuaOracle.shared()
        let verdicts = try oracle.verdicts(programs)
        var result: [Mismatch] = []
        for (program, expected) in zip(programs, verdicts) {
            let actual = ourVerdict(program)
            if actual != expected { result.append(Mismatch(program: program, expected: expected, actual: actual)) }
        }
        return result
    }

    /// The corpus: `count` generated valid programs and one mutation of each.
    static func corpus(seed: UInt64, count: Int) -> (valid: [[UInt8]], mutated: [[UInt8]]) {
        var generator = LuaProgramGenerator(seed: seed)
        var mutationRandom = SeededRandom(seed: seed ^ 0xDEAD_BEEF)
        var valid: [[UInt8]] = [], mutated: [[UInt8]] = []
        for _ in 0..<count {
            let tokens = generator.program()
            valid.append(generator.render(tokens))
            mutated.append(generator.render(LuaProgramMutator.mutate(tokens, random: &mutationRandom)))
        }
        return (valid, mutated)
    }

    @Test func generatedProgramsAndMutationsAgreeWithLua() throws {
        let (valid, mutated) = Self.corpus(seed: 20_240_601, count: 20_000)
        let oracle = try LuaOracle.shared()
        let validVerdicts = try oracle.verdicts(valid)
        let rejectedValid = zip(valid, validVerdicts).filter { $0.1 != .accepted }
        let generatorIsValid = rejectedValid.isEmpty
        #expect(generatorIsValid, "the generator produced \(rejectedValid.count) programs lua5.1 rejects: \(rejectedValid.prefix(2).map { (String(decoding: $0.0, as: UTF8.self), $0.1) })")
        let mutatedVerdicts = try oracle.verdicts(mutated)
        var problems: [Mismatch] = []
        var rejectedMutations = 0
        for (isMutation, programs, verdicts) in [(false, valid, validVerdicts), (true, mutated, mutatedVerdicts)] {
            for (program, expected) in zip(programs, verdicts) {
                let actual = Self.ourVerdict(program)
                if actual != .accepted && isMutation { rejectedMutations += 1 }
                if actual != expected { problems.append(Mismatch(program: program, expected: expected, actual: actual)) }
            }
        }
        let agrees = problems.isEmpty
        #expect(agrees, "\(problems.count) mismatches, first ones:\n\(problems.prefix(5).map(\.description).joined(separator: "\n"))")
        // The mutations must actually exercise error paths.
        #expect(rejectedMutations > 5_000, "only \(rejectedMutations) mutations were rejected")
    }

    @Test func handWrittenEdgeCasesAgreeWithLua() throws {
        let problems = try Self.mismatches(LuaEdgeCases.programs.map { Array($0.utf8) } + LuaEdgeCases.binaryPrograms)
        let agrees = problems.isEmpty
        #expect(agrees, "\(problems.count) mismatches:\n\(problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    @Test func fixtureScriptsAgreeWithLua() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")
        var programs: [[UInt8]] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "lua" {
                var bytes = Array(try Data(contentsOf: url))
                // Redis strips a `#!lua` line but keeps its newline; do the same for loadstring.
                if bytes.starts(with: Array("#!".utf8)) {
                    let end = bytes.firstIndex(of: 10) ?? bytes.count
                    bytes.removeSubrange(0..<end)
                }
                programs.append(bytes)
            }
        }
        #expect(programs.count >= 6)
        let problems = try Self.mismatches(programs)
        let agrees = problems.isEmpty
        #expect(agrees, "\(problems.map(\.description).joined(separator: "\n"))")
    }
}

/// The long run behind `scripts/lua-differential`: enabled only when it sets LUA_DIFFERENTIAL_COUNT.
@Suite("Differential long run")
struct DifferentialLongRun {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["LUA_DIFFERENTIAL_COUNT"] != nil))
    func longRun() throws {
        let count = Int(Self.environment["LUA_DIFFERENTIAL_COUNT"] ?? "") ?? 100_000
        let seed = UInt64(Self.environment["LUA_DIFFERENTIAL_SEED"] ?? "") ?? 1
        var problems: [DifferentialTests.Mismatch] = []
        var done = 0
        while done < count {
            let batch = min(20_000, count - done)
            let (valid, mutated) = DifferentialTests.corpus(seed: seed &+ UInt64(done), count: batch)
            // Byte-level damage reaches lexer corners that token edits do not.
            var random = SeededRandom(seed: seed &+ UInt64(done) &+ 17)
            let interesting = Array("[]=\"'\\\n\r-.0xeE(){}#~<>;:,".utf8) + [0, 0x80, 0xFF]
            let damaged = valid.map { program -> [UInt8] in
                guard !program.isEmpty else { return program }
                var copy = program
                for _ in 0...random.below(2) { copy[random.below(copy.count)] = random.pick(interesting) }
                return copy
            }
            problems += try DifferentialTests.mismatches(valid + mutated + damaged)
            done += batch
        }
        print("lua-differential: seed \(seed), \(count) programs + \(count) token mutations + \(count) byte mutations, \(problems.count) mismatches")
        let agrees = problems.isEmpty
        #expect(agrees, "\(problems.count) mismatches:\n\(problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }
}
