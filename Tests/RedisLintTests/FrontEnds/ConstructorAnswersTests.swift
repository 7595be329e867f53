import Testing
@testable import RedisLint

/// `ConstructorAnswers` gives the answer of the work for each call, and works it out again only when the last
/// ask on the receiver was of another method or `new`.
@Suite struct ConstructorAnswersTests {
    static func call(receiver: Int32, method: Int32, new: Bool) -> CallSite {
        CallSite(receiverTokens: 0..<0, receiverID: receiver, receiverCall: nil, methodID: method, nameToken: 0, argumentStart: 0,
                 argumentCount: 0, hasArgumentList: true, isConstruction: new, firstToken: 0, lastToken: 0, argumentTokens: 0..<0)
    }

    @Test func answersAsTheWorkDoesAndRemembersTheLastMethod() {
        var answers = ConstructorAnswers(receiverCount: 3)
        var worked = 0
        // The truth: receiver 1 constructs with method 4 and with `new`; nothing else does.
        func truth(_ call: CallSite) -> Bool { call.receiverID == 1 && (call.methodID == 4 || call.isConstruction) }
        let asks = [(1, 4, false), (1, 4, false), (1, 5, false), (1, 4, false), (1, 4, true), (1, 4, true), (0, 4, false),
                    (2, 0, true), (2, 0, false), (2, 0, true), (0, 4, false)]
        for (receiver, method, new) in asks {
            let call = Self.call(receiver: Int32(receiver), method: Int32(method), new: new)
            #expect(answers.answer(call) { worked += 1; return truth(call) } == truth(call))
        }
        // Repeats of the last ask on a receiver (the second, the sixth, the last) were not worked out again.
        #expect(worked == asks.count - 3)
    }

    /// Method number 0 without `new` is told apart from "not asked yet", and the largest method numbers fit.
    @Test func methodZeroAndLargeNumbers() {
        var answers = ConstructorAnswers(receiverCount: 1)
        var worked = 0
        for method in [Int32(0), 0, Int32.max, Int32.max] {
            _ = answers.answer(Self.call(receiver: 0, method: method, new: false)) { worked += 1; return method == 0 }
        }
        #expect(worked == 2)
        #expect(answers.answer(Self.call(receiver: 0, method: Int32.max, new: false)) { Issue.record("asked again"); return true } == false)
    }
}
