import Dispatch
import Synchronization

/// Maps `body` over `0..<count` on `jobs` threads, results in index order whatever the scheduling.
/// Work is handed out one index at a time from a shared counter, so one huge file does not hold up
/// a whole pre-assigned chunk. `order`: the indices in the order to hand them out (a permutation of
/// `0..<count`; index order when nil), e.g. the longest work first, so that it does not come last.
func parallelMap<T: Sendable>(count: Int, jobs: Int, order: [Int]? = nil, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    precondition(order.map { $0.count == count } ?? true, "parallelMap: the order must list every index once")
    let results = ResultSlots<T>(count: count)
    let next = Atomic<Int>(0)
    let workers = max(1, min(jobs, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let taken = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard taken < count else { break }
            let index = order?[taken] ?? taken
            results.store(body(index), at: index)
        }
    }
    return results.collect()
}

/// One slot per index; each slot is written by exactly one worker before `collect` runs.
/// A fixed buffer, not an `[T?]`: writing through an array is a mutating access of the array
/// itself (uniqueness check, exclusivity bookkeeping) from every worker at once, which
/// ThreadSanitizer reports as a race. Distinct elements of one buffer are independent memory.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    /// The results were moved out (`collect`): the slots hold nothing to destroy.
    private var collected = false
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        if !collected { _ = slots.deinitialize() }
        slots.deallocate()
    }
    func store(_ value: T, at index: Int) { slots[index] = value }
    /// The results, moved out of their slots (copying each, then destroying the slots' copies, was a retain
    /// and a release of every field of every file model on the thread that goes on alone); call once.
    func collect() -> [T] {
        precondition(!collected, "parallelMap's results are collected once")
        collected = true
        var results: [T] = []
        results.reserveCapacity(slots.count)
        for index in slots.indices { results.append((slots.baseAddress! + index).move()!) }
        return results
    }
}
