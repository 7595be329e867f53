import Testing
@testable import RedisLint

/// `FileModel.compact(sharing:)` gives every op a new box: the model must read exactly as before, equal
/// calls must share one shape, and copies of one op must stay one box.
@Suite struct CompactionBoxesTests {
    @Test func readsAsBeforeAndSharesEqualShapes() {
        var model = ModelCompactionTests.model()
        let expected = ModelCompactionTests.describe(model)
        model.compact()
        #expect(ModelCompactionTests.describe(model) == expected)
        // Equal calls (the two HSETs) share one shape.
        let hsets = model.traces.flatMap(\.ops).filter { $0.command == "HSET" }
        #expect(hsets.count == 2 && hsets[0].shapeIdentity == hsets[1].shapeIdentity)
    }

    /// One SET op in two traces (one box, two references) and a GET op alone; nothing else holds them.
    static func twoTraces() -> FileModel {
        let set = RedisOp(command: "SET", keys: [.literal("k")], method: "set", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
        let get = RedisOp(command: "GET", keys: [.literal("k")], method: "get", receiver: "r", confidence: .high, span: 2..<3, nameSpan: 2..<3)
        var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
        model.traces = [Trace(name: "a", kind: .function, span: 0..<1, ops: [set, get]), Trace(name: "b", kind: .function, span: 0..<1, ops: [set])]
        return model
    }

    @Test func copiesOfOneOpStayOneBox() {
        var model = Self.twoTraces()
        let original = ModelCompactionTests.describe(model)
        model.compact()
        #expect(ModelCompactionTests.describe(model) == original)
        #expect(model.traces[0].ops[0].storageIdentity == model.traces[1].ops[0].storageIdentity)
        #expect(model.traces[0].ops[1].commandID == CommandIDs.id("GET"))
    }

    /// A model another value shares (every box then held twice, not only the copied SET's) compacts the
    /// same, and the other value is left as it was.
    @Test func aSharedModelCompactsTheSame() {
        var model = Self.twoTraces()
        let kept = model
        let original = ModelCompactionTests.describe(model)
        model.compact()
        #expect(ModelCompactionTests.describe(model) == original)
        #expect(ModelCompactionTests.describe(kept) == original)
        #expect(model.traces[0].ops[0].storageIdentity == model.traces[1].ops[0].storageIdentity)
        #expect(model.traces[0].ops[0].storageIdentity != kept.traces[0].ops[0].storageIdentity)
        #expect(kept.traces[0].ops[0].storageIdentity == kept.traces[1].ops[0].storageIdentity)
    }
}
