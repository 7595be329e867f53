import Testing
@testable import RedisLint
import RedisTestSupport

/// `Tracer.Ending`: the outermost and innermost call ending on a token, found from runs of calls in list order,
/// agree with the dictionaries they replaced (per token, the first call that starts first, and the first that
/// starts last), whatever order the calls come in.
@Suite struct ClosureEndingsTests {
    static func call(first: Int, last: Int) -> CallSite {
        CallSite(receiverTokens: first..<first, receiverID: 0, receiverCall: nil, methodID: 0, nameToken: first, argumentStart: 0,
                 argumentCount: 0, hasArgumentList: true, isConstruction: false, firstToken: first, lastToken: last,
                 argumentTokens: last..<last)
    }

    @Test func runsMergedAgreeWithTheDictionaries() {
        var random = SeededRandom(seed: 0xE4D)
        for round in 0..<400 {
            let count = random.below(40)
            var calls = (0..<count).map { _ in Self.call(first: random.below(8), last: random.below(10)) }
            // Half the rounds in the chain parser's order (by end, then start), the others in any order.
            if round % 2 == 0 { calls.sort { ($0.lastToken, $0.firstToken) < ($1.lastToken, $1.firstToken) } }
            var outermost: [Int: Int] = [:], innermost: [Int: Int] = [:]
            for index in calls.indices {
                let last = calls[index].lastToken, first = calls[index].firstToken
                if let existing = outermost[last], calls[existing].firstToken <= first {} else { outermost[last] = index }
                if let existing = innermost[last], calls[existing].firstToken >= first {} else { innermost[last] = index }
            }
            var runs: [Tracer.Ending] = []
            for index in calls.indices {
                if let previous = runs.last, previous.token == calls[index].lastToken {
                    runs[runs.count - 1].widen(outermost: index, innermost: index, calls)
                } else {
                    runs.append(Tracer.Ending(token: calls[index].lastToken, outermost: index, innermost: index))
                }
            }
            let merged = Tracer.Ending.merged(runs, calls)
            #expect(merged.map(\.token) == outermost.keys.sorted())
            for ending in merged {
                #expect(ending.outermost == outermost[ending.token] && ending.innermost == innermost[ending.token], "\(round)")
            }
        }
        #expect(Tracer.Ending.merged([], []).isEmpty)
    }
}
