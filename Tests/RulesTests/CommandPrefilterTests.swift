import Testing
import RedisLint
@testable import Rules

/// Rules pick ops by command number before reading anything else of them (`CommandSet`); each set must
/// answer for every command name exactly as the name comparison it stands for.
@Suite struct CommandPrefilterTests {
    static let sets: [(CommandSet, Set<String>)] = [
        (KeysCommand.keysID, ["KEYS"]), (SortedSetMemberCollision.zaddID, ["ZADD"]), (StreamWithoutAck.readGroupID, ["XREADGROUP"]),
        (CommandSet.set, ["SET"]), (DelGrowingCollection.delID, ["DEL"]),
        (DangerousCommand.administrativeIDs, ["FLUSHALL", "FLUSHDB", "DEBUG", "MONITOR", "SHUTDOWN", "CONFIG"]),
        (RaceFacts.counterIDs, ["INCR", "INCRBY"]), (RaceFacts.acquireIDs, ["SETNX", "GETSET", "SET"]),
        (RaceFacts.lockPairIDs, ["DEL", "UNLINK", "SETNX", "GETSET", "SET"]),
        (TTLFacts.mayGiveTTL, ["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX", "SET", "GETEX", "RESTORE"]),
    ]

    static let names = Set(CommandTable.all.map { $0.name.uppercased() }).union(["XACKDEL", "NOT-A-COMMAND", "set", ""])

    @Test func eachSetAnswersAsItsNames() {
        for (set, expected) in Self.sets {
            for name in Self.names {
                #expect(set.contains(CommandIDs.id(name), name) == expected.contains(name), "\(name)")
            }
        }
    }

    /// The prefilters skip only ops their question would turn away: `danger` objects only to commands of
    /// `administrativeIDs` (dangerous-command), and `isAcquire` takes only commands of `acquireIDs`
    /// (lock-without-expiry; `lockPairIDs` holds them too, for `LockPairs`), with any options.
    @Test func theQuestionsSayYesOnlyToCommandsOfTheirSets() {
        var dangerous = 0, acquires = 0
        for name in Self.names {
            let id = CommandIDs.id(name)
            for subcommand in [nil, "SET", "GET"] {
                if DangerousCommand.danger(name, subcommand: subcommand, async: false) != nil {
                    dangerous += 1
                    #expect(DangerousCommand.administrativeIDs.contains(id, name), "\(name)")
                }
            }
            for options: Set<String> in [[], ["NX"], ["GET"], ["NX", "GET"], ["XX"]] {
                let op = RedisOp(command: name, keys: [.literal("lock")], options: options, method: name.lowercased(), receiver: "r",
                                 confidence: .high, span: 0..<1, nameSpan: 0..<1)
                if RaceFacts.isAcquire(op) {
                    acquires += 1
                    #expect(RaceFacts.acquireIDs.contains(id, name), "\(name) \(options)")
                    #expect(RaceFacts.lockPairIDs.contains(id, name), "\(name) \(options)")
                }
            }
        }
        // FLUSHALL, FLUSHDB, DEBUG, MONITOR, SHUTDOWN (three subcommands each) and CONFIG SET; SETNX and GETSET
        // with any options, SET with NX or GET.
        #expect(dangerous == 16)
        #expect(acquires == 13)
    }
}
