import Testing
import RedisTestSupport
@testable import RedisLint

/// `ChainParser.allCalls` hands the calls over ordered by their last token, then their first, and
/// re-points every receiver link to the receiver call's new position.
@Suite struct ChainCallOrderTests {
    @Test(arguments: [7, 8, 9])
    func callsAreOrderedByEndAndReceiversFollowThem(seed: Int) {
        let source = TracerLookupEquivalenceTests.generatedPython(seed: UInt64(seed), blocks: 60)
            + "r.pipeline().set('a', 1).expire('a', 5).execute()\nf(g(h(x).y()).z(), w.v(u()))\n"
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        let calls = ChainParser(view: view, syntax: FrontEnd.pythonSyntax).allCalls().sites
        #expect(calls.count > 50)
        var linked = 0
        for index in calls.indices {
            if index > 0 {
                let ordered = (calls[index - 1].lastToken, calls[index - 1].firstToken) <= (calls[index].lastToken, calls[index].firstToken)
                #expect(ordered, "call \(index)")
            }
            guard let receiver = calls[index].receiverCall else { continue }
            linked += 1
            // A chain's receiver call starts where the chain starts and ends before the call does.
            let inside = receiver < index && calls[receiver].firstToken == calls[index].firstToken
                && calls[receiver].lastToken < calls[index].lastToken
            #expect(inside, "call \(index) receiver \(receiver)")
        }
        #expect(linked > 3)
    }

    /// `sortNearlySorted` gives the order `sort` gives: on keys nearly in order (the insertion sort's
    /// case), on shuffled ones (past its budget of moves), and on the short lists at its edges.
    @Test(arguments: [1, 2, 3, 4])
    func nearlySortedKeysSortLikeSort(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        for count in [0, 1, 2, 3, 10, 200, 2_000] {
            for disorder in [0, 5, 50, 100] {
                var keys: [(UInt64, Int)] = (0..<count).map { (UInt64($0 / 3) << 32 | UInt64(random.below(4)), $0) }
                for _ in 0..<(count * disorder / 100) {
                    let a = random.below(count), b = min(count - 1, a + random.below(disorder == 100 ? count : 4))
                    keys.swapAt(a, b)
                }
                var expected = keys
                expected.sort { $0 < $1 }
                ChainParser.sortNearlySorted(&keys)
                #expect(keys.map(\.0) == expected.map(\.0) && keys.map(\.1) == expected.map(\.1), "count \(count) disorder \(disorder)")
            }
        }
    }
}
