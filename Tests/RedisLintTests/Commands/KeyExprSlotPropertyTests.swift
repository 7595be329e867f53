import Testing
import RedisTestSupport
@testable import RedisLint

/// Checks slot facts and relations against what actually happens when the holes are filled in:
/// random key expressions, random non-empty hole values full of braces, and `HashSlot.slot`
/// (itself checked against CLUSTER KEYSLOT) as the judge.
@Suite("KeyExpr slot facts hold for every filling of the holes")
struct KeyExprSlotPropertyTests {
    private static let pieces = ["{", "}", "a", "b", ":", "{a}", "{}", "x{", "}y", "user:", "{id}"]
    private static let holeNames = ["id", "user", "n"]
    private static let valueAlphabet: [UInt8] = Array("{}ab:".utf8)

    private func randomKey(_ random: inout SeededRandom) -> KeyExpr {
        let count = Int.random(in: 1...4, using: &random)
        return KeyExpr(parts: (0..<count).map { _ in
            Bool.random(using: &random)
                ? .hole(Self.holeNames.randomElement(using: &random)!)
                : .literal(Array(Self.pieces.randomElement(using: &random)!.utf8))
        })
    }

    private func fill(_ key: KeyExpr, _ values: [String: [UInt8]]) -> [UInt8] {
        key.parts.flatMap { part -> [UInt8] in
            switch part {
            case .literal(let bytes): return bytes
            case .hole(let name): return values[name]!
            }
        }
    }

    private func randomValues(_ random: inout SeededRandom) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: Self.holeNames.map { name in
            (name, (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.valueAlphabet.randomElement(using: &random)! })
        })
    }

    @Test func factsAndRelationsAreSound() {
        var random = SeededRandom(seed: 0x510)
        var counts: [SlotRelation: Int] = [:]
        var failures: [String] = []
        for _ in 0..<5_000 {
            let a = randomKey(&random)
            let b = randomKey(&random)
            let relation = slotRelation(a, b)
            counts[relation, default: 0] += 1
            for _ in 0..<8 {
                let values = randomValues(&random)
                let slotA = HashSlot.slot(of: fill(a, values))
                let slotB = HashSlot.slot(of: fill(b, values))
                if case .literal(let slot) = a.slotFact, slot != slotA {
                    failures.append("\(a.display) claimed slot \(slot), filled \(fill(a, values)) is \(slotA)")
                }
                if relation == .same && slotA != slotB {
                    failures.append("\(a.display) ~ \(b.display) claimed same; \(values) gives \(slotA) vs \(slotB)")
                }
                if relation == .different && slotA == slotB {
                    failures.append("\(a.display) ~ \(b.display) claimed different; \(values) gives \(slotA)")
                }
            }
        }
        // Groups of three keys, as a multi-key command would send them.
        for _ in 0..<1_000 {
            let keys = (0..<3).map { _ in randomKey(&random) }
            let relation = slotRelation(among: keys)
            for _ in 0..<4 {
                let values = randomValues(&random)
                let slots = Set(keys.map { HashSlot.slot(of: fill($0, values)) })
                if relation == .same && slots.count != 1 {
                    failures.append("\(keys.map(\.display)) claimed same; \(values) gives \(slots)")
                }
                if relation == .different && slots.count == 1 {
                    failures.append("\(keys.map(\.display)) claimed different; \(values) gives \(slots)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(5))")
        // The generator must exercise every verdict, or the test proves little.
        #expect(counts[.same, default: 0] > 30)
        #expect(counts[.different, default: 0] > 50)
        #expect(counts[.unknown, default: 0] > 50)
        #expect(counts[.likelyDifferent, default: 0] > 50)
    }
}
