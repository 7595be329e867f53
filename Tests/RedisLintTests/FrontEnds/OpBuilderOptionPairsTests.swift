import Testing
@testable import RedisLint

/// `OpBuilder.insertOption` (a set of two option words made once per builder and shared) gives the sets that
/// `OptionWords.insert` gives: for every pair of option words in both orders, a word inserted twice, past the
/// limit of pairs kept, and into sets holding words that are no option word.
@Suite struct OpBuilderOptionPairsTests {
    private static func builder() -> OpBuilder {
        let bytes = Array("r.set(k, v)\n".utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        return OpBuilder(view: view, values: ValueReader(view: view) { PythonLexer.decode($0, in: bytes) }, language: .python)
    }

    private static let words = OpBuilder.flagOrValuedOptions.sorted()

    @Test func everyPairIsTheSetInsertingMakes() {
        let builder = Self.builder()
        for first in Self.words {
            for second in Self.words {
                var expected = Set<String>(), found = Set<String>()
                for word in [first, second] {
                    let number = OptionWords.number(word)!
                    OptionWords.insert(number, into: &expected)
                    builder.insertOption(number, into: &found)
                }
                #expect(found == expected, "\(first) \(second)")
                // Asked again: the kept pair (or, past the limit, a new set) is still the same set.
                var again = Set<String>()
                builder.insertOption(OptionWords.number(first)!, into: &again)
                builder.insertOption(OptionWords.number(second)!, into: &again)
                #expect(again == expected, "\(first) \(second)")
            }
        }
    }

    @Test func setsWithOtherWordsGrowAsInsertingGrowsThem() {
        let builder = Self.builder()
        for start in [Set<String>(), ["STRING"], ["NX", "STRING"], ["NX", "XX"], ["ÉX"]] {
            for word in Self.words {
                var expected = start, found = start
                OptionWords.insert(OptionWords.number(word)!, into: &expected)
                builder.insertOption(OptionWords.number(word)!, into: &found)
                #expect(found == expected, "\(start) \(word)")
            }
        }
    }
}
