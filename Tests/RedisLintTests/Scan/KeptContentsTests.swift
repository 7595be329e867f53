import Testing
import Dispatch
import Synchronization
@testable import RedisLint

/// The budget of contents kept from phase 1 to phase 2: a file is kept only when all its bytes fit, and
/// threads asking at once never take more than the budget between them.
@Suite struct KeptContentsTests {
    @Test func aFileIsKeptOnlyWhenItFits() {
        let kept = KeptContents(budget: 10)
        #expect(kept.admits(4))
        #expect(kept.admits(4))
        #expect(!kept.admits(4))
        #expect(kept.admits(2))
        #expect(!kept.admits(1))
        #expect(kept.admits(0))
        #expect(!KeptContents(budget: 0).admits(1))
    }

    /// Large trees keep 8 MB; smaller ones more, up to 32 MB, never less as the tree shrinks.
    @Test func theBudgetShrinksAsTheTreeGrows() {
        let megabyte = 1 << 20
        #expect(KeptContents.budget(forTreeBytes: 0) == 32 * megabyte)
        #expect(KeptContents.budget(forTreeBytes: 32 * megabyte) == 32 * megabyte)
        #expect(KeptContents.budget(forTreeBytes: 64 * megabyte) == 16 * megabyte)
        #expect(KeptContents.budget(forTreeBytes: 80 * megabyte) == 8 * megabyte)
        #expect(KeptContents.budget(forTreeBytes: 216 * megabyte) == 8 * megabyte)
        let budgets = stride(from: 0, through: 100 * megabyte, by: megabyte / 3).map { KeptContents.budget(forTreeBytes: $0) }
        #expect(zip(budgets, budgets.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func threadsNeverTakeMoreThanTheBudget() {
        let kept = KeptContents(budget: 5_000)
        let admitted = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<2_000 where kept.admits(1 + (index + thread) % 3) {
                admitted.wrappingAdd(1 + (index + thread) % 3, ordering: .relaxed)
            }
        }
        let taken = admitted.load(ordering: .relaxed)
        #expect(taken == 5_000)  // size-1 requests come after every larger one: the budget is used up exactly
    }
}
