import Testing
import RedisTestSupport
@testable import RedisLint

@Suite("Key indices appended to a kept list")
struct KeyIndicesTests {
    /// `appendKeyIndices` gives `extractKeys`'s key positions (nothing and false when malformed), after
    /// whatever the list held, for generated argument lists of every command with some arguments unknown,
    /// spread, cut short or lengthened, and hostile words in their place.
    @Test("appendKeyIndices equals extractKeys' key indices")
    func equalsExtraction() {
        var generator = ArgumentListGenerator(seed: 0x5EED, serverVersion: "99.0.0")
        var random = SeededRandom(seed: 0x1D5)
        let hostile: [CommandArgument] = [.unknown, .spread, .text("0"), .text("-1"), .text("2"), .text("99999999999999999999"),
                                          .text(""), .text("STORE"), .text("STREAMS"), .text("KEYS"), .text("GET"), .text("BY")]
        var mismatches: [String] = []
        var kept: [Int] = [7, 8]
        for spec in CommandTable.all {
            for round in 0..<10 {
                var arguments = generator.arguments(for: spec)
                let nameCount = spec.containerName == nil ? 1 : 2
                switch round % 4 {
                case 0 where arguments.count > nameCount:
                    arguments[Int.random(in: nameCount..<arguments.count, using: &random)] = hostile.randomElement(using: &random)!
                case 1 where arguments.count > nameCount:
                    arguments.removeLast(Int.random(in: 1...(arguments.count - nameCount), using: &random))
                case 2:
                    arguments.append(hostile.randomElement(using: &random)!)
                default:
                    break
                }
                let extraction = spec.extractKeys(arguments)
                let expected = [7, 8] + (extraction.isMalformed ? [] : extraction.keyIndices)
                kept.removeAll()
                kept.append(contentsOf: [7, 8])
                let wellFormed = spec.appendKeyIndices(CommandArgumentList(arguments), to: &kept)
                if wellFormed == extraction.isMalformed || kept != expected {
                    mismatches.append("\(spec.name) \(arguments.map { $0.text ?? "?" }): \(wellFormed) \(kept), expected \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// No command without keys has a key finder of its own (`appendKeyIndices` does not ask for one).
    @Test("keyless commands have no legacy key finder")
    func keylessCommandsHaveNoFinder() {
        let keylessWithFinder = CommandTable.all.filter { !$0.hasKeys && LegacyKeyFinders.finder(for: $0.name) != nil }.map(\.name)
        #expect(CommandTable.all.contains { !$0.hasKeys })
        #expect(keylessWithFinder.isEmpty, "\(keylessWithFinder)")
    }

    /// The op builder's values read in place (`OpKeyArguments`) give the key positions and the arguments of
    /// the list they stand for: literals as their bytes, numbers as their text's bytes, the rest unknown.
    @Test("appendKeyIndices over an op's values equals it over their list")
    func opValuesEqualTheirList() {
        var generator = ArgumentListGenerator(seed: 0xA11, serverVersion: "99.0.0")
        var random = SeededRandom(seed: 0x0B5)
        var mismatches: [String] = []
        for spec in CommandTable.all {
            for _ in 0..<6 {
                var arguments = generator.arguments(for: spec)
                let nameCount = spec.containerName == nil ? 1 : 2
                guard arguments.count >= nameCount, !arguments.contains(.spread) else { continue }
                if arguments.count > nameCount, Bool.random(using: &random) {
                    arguments[Int.random(in: nameCount..<arguments.count, using: &random)] = [.unknown, .text("2"), .text("-1")].randomElement(using: &random)!
                }
                // A number the code spells otherwise than as digits (`1.5`, `-0`) is its text too.
                var spelledNumber: Int? = nil
                if arguments.count > nameCount, Int.random(in: 0..<4, using: &random) == 0 {
                    spelledNumber = Int.random(in: nameCount..<arguments.count, using: &random)
                    arguments[spelledNumber!] = .text(["1.5", "-0", "1e3"].randomElement(using: &random)!)
                }
                let values: [ArgumentValue] = arguments.indices.dropFirst(nameCount).map { index in
                    guard let text = arguments[index].text else { return .dynamic("x") }
                    if index == spelledNumber { return .number(text) }
                    return text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) && Bool.random(using: &random)
                        ? .number(text) : .literal(arguments[index].bytes!)
                }
                var command = arguments[0].text!, subcommand = nameCount == 2 ? arguments[1].text! : nil
                var fromValues: [Int] = [3], fromList: [Int] = [3]
                let (wellFormed, list, count) = OpKeyArguments.reading(command: &command, subcommand: &subcommand, values: values) {
                    (spec.appendKeyIndices($0, to: &fromValues), $0.commandArguments, $0.count)
                }
                let expected = spec.appendKeyIndices(CommandArgumentList(arguments), to: &fromList)
                if list != arguments || count != arguments.count || wellFormed != expected || fromValues != fromList {
                    mismatches.append("\(spec.name) \(arguments.map { $0.text ?? "?" }): \(wellFormed) \(fromValues), expected \(expected) \(fromList)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

@Suite("Option words read bytewise")
struct OptionWordsTests {
    /// The option word a text spells equals upper-casing its `String` and asking the set of option words,
    /// for every option word in mixed cases, with a byte changed, cut or lengthened, and for non-ASCII
    /// look-alikes (the Kelvin sign, a dotless i, a long s, a NUL).
    @Test("word equals the String upper-casing and set look-up")
    func equalsStringLookUp() {
        var texts: [String] = ["", "e", "x", "asynchronous", "withscores", "WithScores", "transaction", "\u{212A}EEPTTL", "ſync",
                               "l\u{131}mit", "EX\0", "\0EX", "exat ", "pxat1", "méta", "ÉX", "EXATEXAT", "COUNTCOUNT"]
        var random = SeededRandom(seed: 0x0971)
        for word in OpBuilder.flagOrValuedOptions.sorted() {
            let bytes = Array(word.utf8)
            for _ in 0..<6 {
                var mixed = bytes.map { Bool.random(using: &random) ? $0 | 0x20 : $0 }
                texts.append(String(decoding: mixed, as: UTF8.self))
                mixed[Int.random(in: 0..<mixed.count, using: &random)] &+= 1
                texts.append(String(decoding: mixed, as: UTF8.self))
            }
            texts.append(String(word.dropLast()))
            texts.append(word + "S")
            texts.append(word.lowercased())
        }
        for text in texts {
            let upper = CommandTable.uppercased(text)
            let expected = OpBuilder.flagOrValuedOptions.contains(upper) ? upper : nil
            #expect(OptionWords.number(text)?.word == expected, "\(text)")
            #expect(OptionWords.number(Array(text.utf8))?.word == expected, "\(text)")
            // The word handed out is the set's own spelling, byte for byte.
            if let expected, let found = OptionWords.number(text)?.word { #expect(Array(found.utf8) == Array(expected.utf8)) }
        }
    }

    /// `OptionWords.insert` gives the set `Set.insert` would: into an empty set a shared set of the word alone,
    /// which a later insert copies rather than changes.
    @Test("insert equals Set.insert")
    func insertEqualsSetInsert() {
        let words = OpBuilder.flagOrValuedOptions.sorted()
        for first in words {
            var options = Set<String>()
            OptionWords.insert(OptionWords.number(Array(first.lowercased().utf8))!, into: &options)
            #expect(options == [first])
            for second in words {
                var more = options
                OptionWords.insert(OptionWords.number(second)!, into: &more)
                #expect(more == [first, second])
            }
            #expect(options == [first])
        }
        var kelvin = Set(["NX"])
        OptionWords.insert(OptionWords.number("\u{212A}eepttl")!, into: &kelvin)
        #expect(kelvin.count == 2 && kelvin.contains { Array($0.utf8) == Array("\u{212A}EEPTTL".utf8) })
    }
}
