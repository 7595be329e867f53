import Testing
import RedisTestSupport
@testable import RedisLint

/// A file's share of the command index gathers its ops by command number (names outside the command
/// table by name): each command's locations must be every op sending it, in trace and op order.
@Suite struct CommandIndexGatherTests {
    /// `\u{212A}EYS` (the Kelvin sign) is outside the table but equals `KEYS` as a `String`: one list for both
    /// (joined by number, the second spelling's list replaced the first's).
    static let commands = ["SET", "GET", "EXPIRE", "HSET", "NOSUCH", "set", "XACKDEL", "CLIENT", "KEYS", "\u{212A}EYS"]

    @Test func everyOpIsIndexedUnderItsCommandInOrder() {
        var random = SeededRandom(seed: 31)
        for _ in 0..<30 {
            var files: [FileModel] = []
            for file in 0..<Int.random(in: 1..<4, using: &random) {
                var model = FileModel(source: SourceFile(path: "f\(file).py", language: .python, bytes: []))
                model.traces = (0..<Int.random(in: 0..<5, using: &random)).map { _ in
                    Trace(name: "t", kind: .function, span: 0..<1, ops: (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                        RedisOp(command: Self.commands[Int.random(in: 0..<Self.commands.count, using: &random)], keys: [.literal("k")],
                                method: "m", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
                    })
                }
                // Compacted or not: the numbers come from the shapes' facts or are looked up.
                files.append(Bool.random(using: &random) ? model.compactedCopy() : model)
            }
            var expected: [String: [String]] = [:]
            for (file, model) in files.enumerated() {
                for (trace, ops) in model.traces.map(\.ops).enumerated() {
                    for (op, value) in ops.enumerated() { expected[value.command, default: []].append("\(file).\(trace).\(op)") }
                }
            }
            let index = ProjectCommandIndex(files: files)
            let found = index.host.mapValues { $0.map { "\($0.file).\($0.trace).\($0.op)" } }
            // The two spellings of KEYS share one list; within a file each spelling's ops come together (a file's
            // part lists them apart), so that list is compared as a whole, not in order.
            #expect(found.filter { $0.key != "KEYS" } == expected.filter { $0.key != "KEYS" })
            #expect(found["KEYS"]?.sorted() == expected["KEYS"]?.sorted())
        }
    }

    /// The value writes' first keys are tallied as the parts are made when the scan shares one tally (phase 1),
    /// and joined from the parts otherwise: both count each key as often as a value-writing op sends it first.
    @Test func valueWriteKeysAreCountedAlikeGatheredOrJoined() {
        var random = SeededRandom(seed: 47)
        let keys: [[KeyExpr]] = [[.literal("a")], [.literal("b"), .literal("c")], [], [.literal("c")]]
        for _ in 0..<30 {
            var files: [FileModel] = []
            var expected: [KeyExpr: Int] = [:]
            for file in 0..<Int.random(in: 1..<4, using: &random) {
                var model = FileModel(source: SourceFile(path: "f\(file).py", language: .python, bytes: []))
                model.traces = (0..<Int.random(in: 0..<5, using: &random)).map { _ in
                    Trace(name: "t", kind: .function, span: 0..<1, ops: (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                        let command = Self.commands[Int.random(in: 0..<Self.commands.count, using: &random)]
                        let opKeys = keys[Int.random(in: 0..<keys.count, using: &random)]
                        if ProjectCommandIndex.valueWriters.contains(command), let first = opKeys.first { expected[first, default: 0] += 1 }
                        return RedisOp(command: command, keys: opKeys, method: "m", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
                    })
                }
                files.append(model)
            }
            let shared = ProjectCommandIndex.SharedKeys()
            let gathered = ProjectCommandIndex(parts: files.map { ProjectCommandIndex.FilePart($0, sharing: shared) }, sharedKeys: shared)
            let joined = ProjectCommandIndex(files: files)
            for index in [gathered, joined] {
                #expect(index.valueWriteKeys.keys.count == expected.count)
                #expect(expected.allSatisfy { index.valueWriteKeys.count(of: $0.key) == $0.value })
            }
        }
    }
}
