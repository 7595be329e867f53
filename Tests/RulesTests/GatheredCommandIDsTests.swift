import Testing
@testable import RedisLint
@testable import Rules

/// Compaction gathers every op's command number (`FileModel.opCommandIDs`) for the rules; what the rules
/// read from it (`FileCommandIDs(file)`) must be what the ops say, and a change to the traces forgets it.
@Suite struct GatheredCommandIDsTests {
    @Test func gatheredNumbersAreTheOpsNumbers() {
        for var file in RuleShortcutEquivalenceTests.files(count: 40, seed: 77) {
            #expect(file.opCommandIDs == nil)
            file.compact()
            let flat = file.traces.flatMap { $0.ops.map(\.commandID) }
            #expect(file.opCommandIDs == flat)
            let gathered = FileCommandIDs(file), asked = FileCommandIDs(file.traces)
            for (position, trace) in file.traces.enumerated() {
                for index in trace.ops.indices {
                    #expect(gathered.id(trace: position, op: index) == asked.id(trace: position, op: index))
                    #expect(gathered.id(trace: position, op: index) == CommandIDs.id(trace.ops[index].command))
                }
            }
        }
    }

    @Test func aChangeToTheTracesForgetsThem() throws {
        var file = RuleShortcutEquivalenceTests.files(count: 1, seed: 3)[0]
        file.compact()
        #expect(file.opCommandIDs != nil)
        let trace = try #require(file.traces.firstIndex { !$0.ops.isEmpty })
        file.traces[trace].ops[0].command = "KEYS"
        #expect(file.opCommandIDs == nil)
        #expect(FileCommandIDs(file).id(trace: trace, op: 0) == CommandIDs.id("KEYS"))
        file.compact()
        #expect(file.opCommandIDs == file.traces.flatMap { $0.ops.map(\.commandID) })
        file.traces.append(Trace(name: "t", kind: .function, span: 0..<1))
        #expect(file.opCommandIDs == nil)
    }
}
