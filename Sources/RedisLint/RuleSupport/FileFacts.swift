#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts of one file that several rules derive (`RuleContext.fileFact`), computed by the first rule
/// that asks. When the file's context is shared by threads (a large file's rules, split), one recursive
/// lock guards them all, and a fact is computed while it is held (a fact's computation may ask for other
/// facts of the file): the threads wait for each other's facts, which are cheap. A context one thread
/// reads (every other file) takes no lock: locking and unlocking were most of an ask, and the rules of
/// the 12 repositories ask 95,000 times. `DerivedFacts`, with a slot and two locks per fact so that
/// project facts do not hold each other up, cost more to set up and tear down than most files' facts
/// cost to compute (~5,000 instructions per file on bullmq).
@usableFromInline final class FileFacts: @unchecked Sendable {
    /// Nil when one thread reads the facts.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>?
    /// The computed facts in the order asked: a file has a handful, told apart by their literal keys'
    /// addresses (`FactKey.same`) rather than hashed or compared as strings. Read and written only by one
    /// thread or with the lock held, so the run-time exclusivity check (a call into the runtime at every ask,
    /// ~100 instructions with its end) is left out.
    /// A fact being computed has `computing` as its box until it is done (a fact that asks for itself
    /// stops the process): no list of the facts being computed is kept (one more allocation per file).
    @exclusivity(unchecked) @usableFromInline var facts: [(key: StaticString, box: AnyObject)] = []

    /// `sharedByThreads`: whether several threads ask at once (then the facts are guarded by a lock).
    @usableFromInline init(sharedByThreads: Bool) {
        guard sharedByThreads else {
            mutex = nil
            return
        }
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        self.mutex = mutex
    }

    deinit {
        guard let mutex else { return }
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    @usableFromInline func lock() { if let mutex { pthread_mutex_lock(mutex) } }
    @usableFromInline func unlock() { if let mutex { pthread_mutex_unlock(mutex) } }

    /// The fact named `key`. Inlined into the rules, so that the box's type is known there.
    @inlinable func value<T: Sendable>(_ key: StaticString, _ compute: () -> T) -> T {
        lock()
        defer { unlock() }
        // By index: binding each entry retained and released its box.
        for index in facts.indices where FactKey.same(facts[index].key, key) {
            // A key names one computation, so one type: another type is a caller's mistake, computed again.
            if let box = facts[index].box as? DerivedFacts.Box<T> { return box.value }
        }
        // The box is made here, where its type is known: made in the generic function, its type's
        // metadata was looked up in the runtime's cache for every fact (~500 instructions).
        return computeHoldingLock(key, compute, box: { DerivedFacts.Box($0) })
    }

    /// `value` the first time: computed with the lock held (recursive: `compute` may ask for other facts).
    /// `box` makes the box the fact is kept in.
    @usableFromInline func computeHoldingLock<T: Sendable>(_ key: StaticString, _ compute: () -> T, box: (T) -> AnyObject) -> T {
        if facts.contains(where: { FactKey.same($0.key, key) && $0.box === FileFacts.computing }) {
            preconditionFailure("the file fact \(key) asked for itself while it was being computed")
        }
        // Room for a file's usual facts at once (grown from one, the list was copied three times).
        if facts.isEmpty { facts.reserveCapacity(8) }
        // Facts that `compute` asks for are added after this one, so its place stays put.
        let place = facts.count
        facts.append((key, FileFacts.computing))
        let value = compute()
        facts[place].box = box(value)
        return value
    }

    /// The file's line map, once a rule asked for it (`lines(of:)`). Guarded like `facts`.
    @exclusivity(unchecked) private var lineMap: LineMap?

    /// The line map of `source` (the file's), taken from it at the first ask: the source's own map is behind
    /// a lock of its own, taken at every ask (~200 instructions, three asks per finding of the race rules).
    func lines(of source: SourceFile) -> LineMap {
        lock()
        defer { unlock() }
        if let lineMap { return lineMap }
        let lines = source.lines
        lineMap = lines
        return lines
    }

    /// The box of a fact being computed.
    private static let computing = Computing()
    private final class Computing: Sendable {}
}

/// Fact keys are string literals: a literal's text lies at one address, so two asks with the same literal
/// are told equal by that address. Comparing them as `String`s went through the runtime's comparison for
/// every fact that did not match (~80 instructions each).
@usableFromInline enum FactKey {
    /// Whether `a` and `b` have the same text (by address first, then by bytes: one text may be at two
    /// addresses, in two modules).
    @inlinable static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        if a.hasPointerRepresentation && b.hasPointerRepresentation {
            if a.utf8Start == b.utf8Start && a.utf8CodeUnitCount == b.utf8CodeUnitCount { return true }
            if a.utf8CodeUnitCount != b.utf8CodeUnitCount { return false }
        }
        return sameBytes(a, b)
    }

    @usableFromInline static func sameBytes(_ a: StaticString, _ b: StaticString) -> Bool {
        a.withUTF8Buffer { a in b.withUTF8Buffer { b in a.elementsEqual(b) } }
    }
}
