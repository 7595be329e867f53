import Testing
@testable import RedisLint
import RedisTestSupport

/// `AssignmentTable` answers as the dictionary of arrays it replaced: per target, its assignments in the
/// file's order, sorted by position when they were out of order (the same stable sort), nil for none.
@Suite struct AssignmentTableTests {
    /// The table as it was: a list per target, appended in the file's order, then sorted where out of order.
    static func reference(_ assignments: [Assignment]) -> [String: [Assignment]] {
        var table: [String: [Assignment]] = [:]
        for assignment in assignments { table[assignment.target, default: []].append(assignment) }
        for (target, list) in table where zip(list, list.dropFirst()).contains(where: { $0.position > $1.position }) {
            table[target] = list.sorted { $0.position < $1.position }
        }
        return table
    }

    static func same(_ left: [Assignment], _ right: [Assignment]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0.target == $1.target && $0.value == $1.value && $0.position == $1.position }
    }

    /// Targets with a non-ASCII one (the table keyed by strings) and all ASCII (keyed by bytes: names of
    /// 1 to 17 bytes across the 8-byte words the hash reads, "K" asked for with the Kelvin sign, equal as strings).
    @Test(arguments: [["redis", "self.redis", "@redis", "this.client", "x", "é", ""],
                      ["redis", "self.redis", "@redis", "this.client", "x", "", "K", "abcdefgh", "abcdefghi",
                       "self.redis_client", "self.redis_clienT"]])
    func agreesWithTheDictionaryOfArrays(targets: [String]) {
        var random = SeededRandom(seed: 0xA551)
        var unsorted = 0
        for round in 0..<300 {
            // Positions mostly rising, some repeated and some going back (as parsers list them).
            var position = 0
            let assignments = (0..<random.below(30)).map { index -> Assignment in
                position += random.chance(15) ? -random.below(6) : random.below(4)
                return Assignment(target: random.pick(targets), value: index..<index + random.below(3), position: max(0, position))
            }
            let expected = Self.reference(assignments)
            let table = AssignmentTable(assignments)
            if round % 2 == 0 { table.fill() }
            for target in targets + ["missing", "\u{212A}", "é", "self.redis_clien"] {
                let found = table[target]
                #expect((found == nil) == (expected[target] == nil), "\(target)")
                #expect(Self.same(found.map(Array.init) ?? [], expected[target] ?? []), "\(target) round \(round)")
            }
            if assignments.indices.dropFirst().contains(where: { assignments[$0].position < assignments[$0 - 1].position }) { unsorted += 1 }
        }
        #expect(unsorted > 50)
    }

    /// Many distinct ASCII targets (the byte-hashed table probing past taken slots), each asked for; with a
    /// probe limit of one slot, colliding targets send the table to its fallback by strings (500 targets in
    /// 1,024 slots: some collide), which answers the same.
    @Test(arguments: [TargetHashIndex.maximumProbes, 1])
    func findsEachOfManyTargets(probeLimit: Int) {
        let targets = (0..<500).map { "t\($0 % 7 == 0 ? "self.client_" : "")\($0)" }
        let assignments = (0..<1500).map { Assignment(target: targets[($0 * 7) % 500], value: $0..<$0 + 1, position: $0) }
        let expected = Self.reference(assignments)
        let table = AssignmentTable(assignments, probeLimit: probeLimit)
        for target in targets + ["t500", "self.client_7"] {
            #expect(Self.same(table[target].map(Array.init) ?? [], expected[target] ?? []), "\(target)")
            #expect((table[target] == nil) == (expected[target] == nil), "\(target)")
        }
    }
}
