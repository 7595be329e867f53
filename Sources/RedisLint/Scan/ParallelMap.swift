import Dispatch
import Synchronization

/// Maps `body` over `0..<count` on `jobs` threads, results in index order whatever the scheduling.
/// Work is handed out one index at a time from a shared counter, so one huge file does not hold up
/// a whole pre-assigned chunk.
func parallelMap<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let results = ResultSlots<T>(count: count)
    let next = Atomic<Int>(0)
    let workers = max(1, min(jobs, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { break }
            results.store(body(index), at: index)
        }
    }
    return results.collect()
}

/// One slot per index; each slot is written by exactly one worker before `collect` runs.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: T, at index: Int) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    func collect() -> [T] { slots.map { $0! } }
}
