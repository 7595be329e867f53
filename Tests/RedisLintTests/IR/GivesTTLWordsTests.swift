import Testing
import RedisTestSupport
@testable import RedisLint

/// `RedisOp.computedGivesTTL` compares options and literal arguments with the TTL options byte by byte
/// (`RedisOp.isTTLWord`); it must answer as the `String` comparison it replaced, which upper-cased each
/// literal and compared by canonical equivalence (the Kelvin sign `K` is `K`).
@Suite struct GivesTTLWordsTests {
    static let words = ["EX", "ex", "Px", "EXAT", "exat", "PXAT", "pXaT", "KEEPTTL", "keepttl", "\u{212A}EEPTTL", "\u{212A}eepttl",
                        "E", "EXA", "\0EX", "EX\0", "\0\0EX", "NX", "GET", "EXATX", "KEEPTT", "KEEPTTLS", "é", "EX\u{301}", "", "10"]

    /// The comparison as it was: option strings in the set, literals decoded and upper-cased first.
    static func byStrings(_ op: RedisOp) -> Bool {
        switch op.command {
        case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX": return true
        case "SET", "GETEX", "RESTORE": break
        default: return false
        }
        if !op.options.isDisjoint(with: RedisOp.ttlOptions) { return true }
        return op.arguments.contains { argument in
            if case .literal(let bytes) = argument { return RedisOp.ttlOptions.contains(CommandTable.uppercased(String(decoding: bytes, as: UTF8.self))) }
            return false
        }
    }

    @Test func answersAsTheStringComparison() {
        var random = SeededRandom(seed: 99)
        var gives = 0
        for _ in 0..<3000 {
            let options = Set((0..<random.below(3)).map { _ in random.pick(Self.words) })
            let arguments: [ArgumentValue] = (0..<random.below(4)).map { _ in
                switch random.below(3) {
                case 0: return .literal(Array(random.pick(Self.words).utf8))
                case 1: return .number(random.pick(Self.words))
                default: return .dynamic(random.pick(Self.words))
                }
            }
            let op = RedisOp(command: random.pick(["SET", "GETEX", "RESTORE", "GET", "EXPIRE"]), keys: [.literal("k")], arguments: arguments,
                             options: options, method: "m", receiver: "r", confidence: .high, span: 0..<1, nameSpan: 0..<1)
            #expect(op.computedGivesTTL == Self.byStrings(op), "\(op.command) \(op.options) \(op.arguments)")
            gives += op.computedGivesTTL ? 1 : 0
        }
        #expect(gives > 300 && gives < 2700)
    }

    @Test func wordsAreTheTTLOptions() {
        for word in Self.words {
            let ascii = !word.utf8.contains { $0 >= 0x80 }
            #expect(RedisOp.isTTLWord(word.utf8, foldingCase: false) == (ascii ? RedisOp.ttlOptions.contains(word) : nil), "\(word)")
            #expect(RedisOp.isTTLWord(word.utf8, foldingCase: true) == (ascii ? RedisOp.ttlOptions.contains(word.uppercased()) : nil), "\(word)")
        }
    }

    /// A model kept uncompacted gets its ops' facts when its command numbers are gathered, and they
    /// answer what the fields say, also after a change.
    @Test func gatheringNumbersGivesKeptOpsTheirFacts() {
        var random = SeededRandom(seed: 5)
        let ops = (0..<60).map { _ in ShapeFactsTests.randomOp(&random) }
        var model = FileModel(source: SourceFile(path: "a.py", language: .python, bytes: []))
        model.traces = [Trace(name: "f", kind: .function, span: 0..<1, ops: ops + ops)]
        #expect(model.traces[0].ops.allSatisfy { $0.knownGivesTTL == nil })
        model.gatherCommandIDs()
        #expect(model.traces[0].ops.allSatisfy { $0.knownGivesTTL != nil })
        #expect(model.opCommandIDs == model.traces[0].ops.map { CommandIDs.id($0.command) })
        for op in model.traces[0].ops { ShapeFactsTests.expectFactsFollowFields(op) }
        model.traces[0].ops[0].command = "SETEX"
        #expect(model.traces[0].ops[0].givesTTL && model.traces[0].ops[0].commandID == CommandIDs.id("SETEX"))
        ShapeFactsTests.expectFactsFollowFields(model.traces[0].ops[60])
    }

    /// Shape facts decide by command number (`computedGivesTTL(id:)`): the answer of the name's switch
    /// for every command of the table and names outside it.
    @Test func theCommandNumberAnswersAsTheName() {
        let commands = CommandTable.all.map { $0.name.uppercased() } + ["expire", "Set", "SET ", "", "NOSUCH"]
        var gives = 0
        for command in commands {
            for options in [[], ["EX"], ["NX"]] as [Set<String>] {
                let op = RedisOp(command: command, arguments: [.literal(Array("px".utf8))], options: options, method: "m", receiver: "r",
                                 confidence: .high, span: 0..<1, nameSpan: 0..<1)
                #expect(op.computedGivesTTL(id: CommandIDs.id(command)) == op.computedGivesTTL, "\(command)")
                gives += op.computedGivesTTL ? 1 : 0
            }
        }
        #expect(gives >= 27)
    }
}
