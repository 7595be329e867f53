import Testing
@testable import RedisLint

/// `RedisOp` keeps its fields in a small shared box (offsets as `Int32`, rarely set fields in a box of
/// their own): every field must still read back what was written, and copies stay independent values.
@Suite struct RedisOpStorageTests {
    static func op() -> RedisOp {
        RedisOp(command: "GET", keys: [.literal("k")], method: "get", receiver: "r", confidence: .medium,
                span: 10..<20, nameSpan: 12..<15, context: .pipeline, loopDepth: 2)
    }

    @Test func fieldsReadBackWhatWasWritten() {
        var op = Self.op()
        #expect(op.span == 10..<20 && op.nameSpan == 12..<15 && op.loopDepth == 2 && op.context == .pipeline)
        #expect(op.subcommand == nil && op.viaHelper == nil && op.helperSpan == nil)
        op.subcommand = "KILL"
        op.viaHelper = "_get"
        op.helperSpan = 100..<103
        op.span = 1_000_000..<1_000_050
        op.loopDepth += 1
        #expect(op.subcommand == "KILL" && op.viaHelper == "_get" && op.helperSpan == 100..<103)
        #expect(op.span == 1_000_000..<1_000_050 && op.loopDepth == 3)
        op.subcommand = nil
        #expect(op.subcommand == nil && op.viaHelper == "_get" && op.helperSpan == 100..<103)
        op.viaHelper = nil
        op.helperSpan = nil
        #expect(op.subcommand == nil && op.viaHelper == nil && op.helperSpan == nil)
        op.helperSpan = 0..<0
        #expect(op.helperSpan == 0..<0)
        let sub = RedisOp(command: "CLIENT", subcommand: "KILL", method: "client_kill", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
        #expect(sub.subcommand == "KILL" && sub.viaHelper == nil)
    }

    @Test func copiesAreIndependentValues() {
        var original = Self.op()
        original.viaHelper = "_get"
        var copy = original
        copy.helperSpan = 5..<9
        copy.viaHelper = "_other"
        copy.nameSpan = 0..<1
        #expect(original.viaHelper == "_get" && original.helperSpan == nil && original.nameSpan == 12..<15)
        #expect(copy.viaHelper == "_other" && copy.helperSpan == 5..<9)
        original.subcommand = "X"
        #expect(copy.subcommand == nil)
    }

    @Test func offsetsBeyondInt32AreClampedNotTrapped() {
        var op = Self.op()
        op.span = 0..<Int(Int32.max) + 10
        #expect(op.span == 0..<Int(Int32.max))
        op.loopDepth = Int.max
        #expect(op.loopDepth == Int(Int32.max))
    }

    @Test func freedMemoryCanBeReturnedOnLinux() {
        #if os(Linux)
        #expect(System.canReturnFreedMemory == !System.sanitizerServesMalloc)
        #endif
        System.returnFreedMemory()
    }

    @Test func opsSharingAShapeStayIndependentValues() throws {
        var first = Self.op()
        first.options = ["NX"]
        first.assignedTo = "n"
        var second = first
        second.span = 30..<40
        var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
        model.traces = [Trace(name: "f", kind: .function, span: 0..<50, ops: [first, second])]
        var compacted = model.compactedCopy()
        compacted.traces[0].ops[1].options.insert("XX")
        compacted.traces[0].ops[1].assignedTo = nil
        compacted.traces[0].ops[1].keys.append(.literal("k2"))
        compacted.traces[0].ops[1].command = "SET"
        compacted.traces[0].ops[1].conditions = [0]
        let (a, b) = (compacted.traces[0].ops[0], compacted.traces[0].ops[1])
        #expect(a.options == ["NX"] && a.assignedTo == "n" && a.keys == [.literal("k")] && a.command == "GET" && a.conditions == [])
        #expect(b.options == ["NX", "XX"] && b.assignedTo == nil && b.keys == [.literal("k"), .literal("k2")] && b.command == "SET")
        #expect(a.span == 10..<20 && b.span == 30..<40 && b.conditions == [0])
    }
}
