import Testing
@testable import RedisLint

/// `RedisOp.givesTTL` decides the command with a switch: the same answers as the set look-ups it replaced.
@Suite struct GivesTTLFastPathTests {
    /// The rule as written with sets and Unicode upper-casing.
    private static func givesTTLBySets(_ op: RedisOp) -> Bool {
        if RedisOp.expiringCommands.contains(op.command) { return true }
        guard ["SET", "GETEX", "RESTORE"].contains(op.command) else { return false }
        if !op.options.isDisjoint(with: RedisOp.ttlOptions) { return true }
        return op.arguments.contains { argument in
            if case .literal(let bytes) = argument { return RedisOp.ttlOptions.contains(String(decoding: bytes, as: UTF8.self).uppercased()) }
            return false
        }
    }

    @Test func agreesWithTheSetsOnEveryCommand() {
        let commands = CommandTable.all.map { $0.name.uppercased() } + ["expire", "Set", "SET ", ""]
        let argumentLists: [[ArgumentValue]] = [[], [.literal(Array("ex".utf8))], [.literal(Array("KeepTTL".utf8))], [.number("30")],
                                                [.dynamic("EX")], [.literal(Array("ıncr".utf8))], [.literal([0x65, 0x78, 0xFF])], [.literal(Array("pxat".utf8))]]
        let optionSets: [Set<String>] = [[], ["NX"], ["EX"], ["KEEPTTL", "XX"]]
        var gives = 0
        for command in commands {
            for arguments in argumentLists {
                for options in optionSets {
                    let op = RedisOp(command: command, arguments: arguments, options: options, method: "m", receiver: "r",
                                     confidence: .high, span: 0..<1, nameSpan: 0..<1)
                    #expect(op.givesTTL == Self.givesTTLBySets(op), "\(command) \(arguments) \(options)")
                    if op.givesTTL { gives += 1 }
                }
            }
        }
        #expect(gives > 100)
    }
}
