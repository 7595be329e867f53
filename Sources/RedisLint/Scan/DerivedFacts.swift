#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts a rule derives from the whole project (every write of a key, every add that grows a
/// collection), computed once — by the first file whose check asks — and shared by every file's
/// check. Asking per file made such rules quadratic in the project: on the 50 MB benchmark corpus one
/// of them was 40 % of the scan.
@usableFromInline final class DerivedFacts: Sendable {
    /// One slot per fact, made by the first ask.
    private let slots = Locked<[String: Slot]>([:])
    /// The facts already computed, each in its typed box: asked again (most asks), a fact is one lock and a
    /// short search away, and read back with a class cast. Going through its slot took three locks and a cast
    /// of `any Sendable` to the fact's type (bullmq's rules ask 4,140 times). Searched, not hashed: a file
    /// has a handful of facts, and comparing the literal keys costs less than hashing one.
    @usableFromInline let computed = Locked<[(key: String, box: AnyObject)]>([])

    /// A computed fact, held by class so that it reads back with a class cast.
    @usableFromInline final class Box<T: Sendable>: Sendable {
        @usableFromInline let value: T
        @usableFromInline init(_ value: T) { self.value = value }
    }

    @usableFromInline init() {}

    /// A fact's value, computed under the slot's own lock: a thread that asks while another computes it
    /// waits for that answer instead of computing it too (at the start of phase 2 every thread asked for the
    /// project's written keys at once, and each worked them all out). Other facts are not held up. A fact's
    /// computation may ask for other facts, never (even indirectly) for itself, so the waits cannot cycle;
    /// a thread that asks again for a fact it is computing stops with that message instead of waiting
    /// for itself forever.
    private final class Slot: Sendable {
        let value = Locked<(any Sendable)?>(nil)
        /// The thread computing the value, while it does.
        let computingThread = Locked<pthread_t?>(nil)
    }

    /// Inlined into the rules, so that the box's type is known there (its metadata looked up once, not at
    /// every ask).
    @inlinable func value<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        let found = computed.withLock { facts in facts.first { $0.key == key }?.box }
        // A key names one computation, so one type: another type is a caller's mistake, asked the slow way.
        if let box = found as? Box<T> { return box.value }
        return computeValue(key, compute)
    }

    /// `value` the first time a fact is asked for (or while another thread computes it).
    @usableFromInline func computeValue<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        let thread = pthread_self()
        if slot.computingThread.withLock({ $0.map { pthread_equal($0, thread) != 0 } ?? false }) {
            preconditionFailure("the derived fact \(key) asked for itself while it was being computed")
        }
        return slot.value.withLock { stored in
            if let known = stored as? T { return known }
            slot.computingThread.withLock { $0 = thread }
            defer { slot.computingThread.withLock { $0 = nil } }
            let value = compute()
            stored = value
            computed.withLock { $0.append((key, Box(value))) }
            return value
        }
    }
}

extension ProjectModel {
    /// The fact named `key`, computed by `compute` the first time any file asks. `key` must name one
    /// computation (the rule and the fact: `"RL404.writtenKeys"`). `compute` may ask for other facts, never
    /// (even through other facts) for the one it computes: that stops the process.
    @inlinable public func derived<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        derivedFacts.value(key, compute)
    }
}
