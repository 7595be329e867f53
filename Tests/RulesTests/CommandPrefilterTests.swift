import Testing
import RedisLint
@testable import Rules

/// Rules pick ops by command number before reading anything else of them (`CommandSet`); each set must
/// answer for every command name exactly as the name comparison it stands for.
@Suite struct CommandPrefilterTests {
    static let sets: [(CommandSet, Set<String>)] = [
        (KeysCommand.keysID, ["KEYS"]), (SortedSetMemberCollision.zaddID, ["ZADD"]), (StreamWithoutAck.readGroupID, ["XREADGROUP"]),
        (SetClearsTTL.setID, ["SET"]), (LockWithoutFencingToken.setID, ["SET"]), (DelGrowingCollection.delID, ["DEL"]),
        (DangerousCommand.administrativeIDs, ["FLUSHALL", "FLUSHDB", "DEBUG", "MONITOR", "SHUTDOWN", "CONFIG"]),
        (RaceFacts.counterIDs, RaceFacts.counters), (RaceFacts.acquireIDs, ["SETNX", "GETSET", "SET"]),
        (RaceFacts.lockPairIDs, ["DEL", "UNLINK", "SETNX", "GETSET", "SET"]), (TTLFacts.mayGiveTTL, RedisOp.expiringCommands.union(["SET", "GETEX", "RESTORE"])),
    ]

    @Test func eachSetAnswersAsItsNames() {
        let names = Set(CommandTable.all.map { $0.name.uppercased() }) .union(["XACKDEL", "NOT-A-COMMAND", "set", ""])
        for (set, expected) in Self.sets {
            for name in names {
                #expect(set.contains(CommandIDs.id(name), name) == expected.contains(name), "\(name)")
            }
        }
        // `administrative` and `isAcquire` say yes only to names of their sets.
        for name in names where DangerousCommand.administrative(name) {
            #expect(DangerousCommand.administrativeIDs.contains(CommandIDs.id(name), name))
        }
    }
}
