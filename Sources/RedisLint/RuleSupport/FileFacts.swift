#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts of one file that several rules derive (`RuleContext.fileFact`), computed by the first rule
/// that asks. One recursive lock guards them all, and a fact is computed while it is held (a fact's
/// computation may ask for other facts of the file): the threads that share one file's context (a large
/// file's rules, split) wait for each other's facts, which are cheap. `DerivedFacts`, with a slot and two
/// locks per fact so that project facts do not hold each other up, cost more to set up and tear down than
/// most files' facts cost to compute (~5,000 instructions per file on bullmq).
@usableFromInline final class FileFacts: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// The computed facts in the order asked: a file has a handful, and comparing the literal keys costs
    /// less than hashing one. Read and written only with the lock held, so the run-time exclusivity check
    /// (a call into the runtime at every ask, ~100 instructions with its end) is left out.
    @exclusivity(unchecked) @usableFromInline var facts: [(key: String, box: AnyObject)] = []
    /// The facts being computed, innermost last (a fact that asks for itself stops the process).
    @exclusivity(unchecked) private var computing: [String] = []

    @usableFromInline init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    @usableFromInline func lock() { pthread_mutex_lock(mutex) }
    @usableFromInline func unlock() { pthread_mutex_unlock(mutex) }

    /// The fact named `key`. Inlined into the rules, so that the box's type is known there.
    @inlinable func value<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        lock()
        defer { unlock() }
        for entry in facts where entry.key == key {
            // A key names one computation, so one type: another type is a caller's mistake, computed again.
            if let box = entry.box as? DerivedFacts.Box<T> { return box.value }
        }
        // The box is made here, where its type is known: made in the generic function, its type's
        // metadata was looked up in the runtime's cache for every fact (~500 instructions).
        return computeHoldingLock(key, compute, box: { DerivedFacts.Box($0) })
    }

    /// `value` the first time: computed with the lock held (recursive: `compute` may ask for other facts).
    /// `box` makes the box the fact is kept in.
    @usableFromInline func computeHoldingLock<T: Sendable>(_ key: String, _ compute: () -> T, box: (T) -> AnyObject) -> T {
        if computing.contains(key) {
            preconditionFailure("the file fact \(key) asked for itself while it was being computed")
        }
        computing.append(key)
        let value = compute()
        computing.removeLast()
        facts.append((key, box(value)))
        return value
    }
}
