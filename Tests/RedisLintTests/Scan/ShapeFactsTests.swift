import Testing
import RedisTestSupport
@testable import RedisLint

/// Compaction works out each shape's command number and "gives a TTL" once (`RedisOp.Shape.facts`).
/// What an op answers must be what its fields say, before and after compaction and after a change.
@Suite struct ShapeFactsTests {
    static let commands = ["SET", "GET", "EXPIRE", "PSETEX", "GETEX", "RESTORE", "HSET", "CLIENT", "XACKDEL", "set", "NOSUCH"]
    static let words = ["EX", "px", "KEEPTTL", "NX", "GET", "exat", "Pxat", "10"]

    static func randomOp(_ random: inout SeededRandom) -> RedisOp {
        func pick(_ list: [String]) -> String { list[Int.random(in: 0..<list.count, using: &random)] }
        let options = Set((0..<Int.random(in: 0..<3, using: &random)).map { _ in pick(words).uppercased() })
        let arguments: [ArgumentValue] = (0..<Int.random(in: 0..<4, using: &random)).map { _ in
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return .literal(Array(pick(words).utf8))
            case 1: return .number(pick(words))
            default: return .dynamic(pick(words))
            }
        }
        return RedisOp(command: pick(commands), keys: [.literal("k")], arguments: arguments, options: options,
                       method: "m", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
    }

    static func expectFactsFollowFields(_ op: RedisOp) {
        #expect(op.commandID == CommandIDs.id(op.command), "\(op.command)")
        #expect(op.givesTTL == op.computedGivesTTL, "\(op.command) \(op.options) \(op.arguments)")
    }

    @Test func compactedOpsAnswerWhatTheirFieldsSay() {
        var random = SeededRandom(seed: 17)
        for _ in 0..<50 {
            let ops = (0..<Int.random(in: 1..<40, using: &random)).map { _ in Self.randomOp(&random) }
            var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
            model.traces = [Trace(name: "f", kind: .function, span: 0..<1, ops: ops)]
            let compacted = model.compactedCopy()
            #expect(compacted.traces[0].ops.allSatisfy { $0.knownGivesTTL != nil })  // facts kept for every op
            for (before, after) in zip(ops, compacted.traces[0].ops) {
                Self.expectFactsFollowFields(before)
                Self.expectFactsFollowFields(after)
                #expect(before.givesTTL == after.givesTTL && before.commandID == after.commandID)
            }
        }
        #expect(CommandIDs.id("SET") >= 0 && CommandIDs.id("set") == -1 && CommandIDs.id("NOSUCH") == -1)
    }

    @Test func changingACompactedOpForgetsItsFacts() {
        let op = RedisOp(command: "SET", keys: [.literal("k")], options: ["EX"], method: "set", receiver: "r",
                         confidence: .high, span: 0..<1, nameSpan: 0..<1)
        var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
        model.traces = [Trace(name: "f", kind: .function, span: 0..<1, ops: [op, op])]
        var compacted = model.compactedCopy()
        #expect(compacted.traces[0].ops[0].givesTTL)
        compacted.traces[0].ops[0].options = []
        #expect(!compacted.traces[0].ops[0].givesTTL)
        compacted.traces[0].ops[0].command = "GET"
        #expect(compacted.traces[0].ops[0].commandID == CommandIDs.id("GET"))
        // The other op shared the shape and keeps its answers.
        #expect(compacted.traces[0].ops[1].givesTTL && compacted.traces[0].ops[1].commandID == CommandIDs.id("SET"))
        Self.expectFactsFollowFields(compacted.traces[0].ops[0])
        Self.expectFactsFollowFields(compacted.traces[0].ops[1])
    }
}

/// Compaction finds an op's shape by a hash of its names and keys only (`ContentShape`): ops share a
/// shape exactly when every field of their shapes is equal, as when every field was hashed.
@Suite struct ShapeSharingTests {
    static func randomOp(_ random: inout SeededRandom) -> RedisOp {
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &random)] }
        // Few choices per field: many ops agree on names and keys and differ only in arguments or sets.
        let keys: [[KeyExpr]] = [[], [.literal("k")], [.literal("k"), .hole("id")], [KeyExpr(parts: [.literal(Array("user:".utf8)), .hole("id")])]]
        var op = RedisOp(command: pick(["GET", "SET"]), keys: pick(keys), arguments: pick([[], [.literal([0x31])], [.dynamic("v")], [.number("1")]]),
                         options: pick([[], ["NX"], ["EX"], ["NX", "EX"]]), method: "set", receiver: pick(["r", "self.redis_connection_pool"]),
                         confidence: .high, span: 0..<1, nameSpan: 0..<1)
        op.conditions = pick([[], [0], [0, 1]])
        op.argumentNames = pick([[], ["a"], ["b"], ["a", "b"]])
        op.assignedTo = pick([nil, "v", "a_rather_long_variable_name"])
        return op
    }

    static func sameShape(_ a: RedisOp, _ b: RedisOp) -> Bool {
        a.command == b.command && a.method == b.method && a.receiver == b.receiver && a.assignedTo == b.assignedTo && a.keys == b.keys
            && a.arguments == b.arguments && a.options == b.options && a.conditions == b.conditions && a.argumentNames == b.argumentNames
    }

    @Test func opsShareAShapeExactlyWhenTheirShapesAreEqual() {
        var random = SeededRandom(seed: 23)
        for _ in 0..<20 {
            let ops = (0..<Int.random(in: 1..<120, using: &random)).map { _ in Self.randomOp(&random) }
            var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
            model.traces = [Trace(name: "f", kind: .function, span: 0..<1, ops: ops)]
            let compacted = model.compactedCopy().traces[0].ops
            #expect(compacted.count == ops.count)
            for i in ops.indices {
                #expect(Self.sameShape(compacted[i], ops[i]))
                for j in ops.indices where j > i {
                    #expect((compacted[i].shapeIdentity == compacted[j].shapeIdentity) == Self.sameShape(ops[i], ops[j]))
                }
            }
        }
    }
}
