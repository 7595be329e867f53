import Testing
@testable import RedisLint

/// `ParameterList.parse` finds a list's top-level commas over the token, partner and byte buffers: the
/// parameters it reads are those of each piece a plain walk (`close(of:)`, `isPunct` per token) cuts the
/// list into, on every bracket pair of token soups and argument lists and on the whole file.
@Suite struct ParameterListSplitTests {
    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [12, 13])
    func parametersSplitAsAPlainWalkSplitsThem(language: Language, seed: Int) {
        var compared = 0
        for source in [ChainScreenTests.soup(seed: UInt64(seed), tokens: 2_000, language: language),
                       ChainScreenTests.argumentSoup(seed: UInt64(seed), calls: 300)] {
            compared += compare(ChainScreenTests.tokenView(source, language), language)
        }
        #expect(compared > 100)
    }

    /// Compares the two on every bracket pair of `view` and on the whole file; returns how many parameters were read.
    func compare(_ view: TokenView, _ language: Language) -> Int {
        func describe(_ parameters: [Parameter]) -> [String] {
            parameters.map { "\($0.name) \($0.type(in: view) ?? "-") \(String(describing: $0.defaultValue))" }
        }
        var ranges = (0..<view.count).compactMap { open in view.close(of: open).map { open + 1..<$0 } }
        ranges.append(0..<view.count)
        var compared = 0
        for range in ranges {
            var whole: [Parameter] = []
            let found = ParameterList.parse(view, range, language: language, into: &whole)
            #expect(found == 0..<whole.count)
            var pieces: [Parameter] = []
            // (Empty pieces, which `plainSplit` leaves out, hold no parameter.)
            for piece in ChainScreenTests.plainSplit(view, range) { ParameterList.parse(view, piece, language: language, into: &pieces) }
            #expect(describe(whole) == describe(pieces), "\(range)")
            // The bytewise screen answers as `RedisEvidence.names` of the type's text.
            for parameter in whole {
                #expect(parameter.typeNamesRedis(in: view) == (parameter.type(in: view).map { RedisEvidence.names($0) } ?? false))
            }
            compared += whole.count
        }
        return compared
    }
}
