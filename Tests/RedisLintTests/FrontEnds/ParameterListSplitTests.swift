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
            parameters.map { "\($0.name) \($0.type ?? "-") \(String(describing: $0.defaultValue))" }
        }
        var ranges = (0..<view.count).compactMap { open in view.close(of: open).map { open + 1..<$0 } }
        ranges.append(0..<view.count)
        var compared = 0
        for range in ranges {
            var whole: [Parameter] = []
            let found = ParameterList.parse(view, range, language: language, into: &whole)
            #expect(found == 0..<whole.count)
            var pieces: [Parameter] = []
            var begin = range.lowerBound, index = range.lowerBound
            while index < range.upperBound {
                if let close = view.close(of: index), close < range.upperBound { index = close + 1; continue }
                if view.isPunct(index, ",") {
                    ParameterList.parse(view, begin..<index, language: language, into: &pieces)
                    begin = index + 1
                }
                index += 1
            }
            ParameterList.parse(view, begin..<range.upperBound, language: language, into: &pieces)
            #expect(describe(whole) == describe(pieces), "\(range)")
            compared += whole.count
        }
        return compared
    }
}
