/// Facts a rule derives from the whole project (every write of a key, every add that grows a
/// collection), computed once — by the first file whose check asks — and shared by every file's
/// check. Asking per file made such rules quadratic in the project: on the 50 MB benchmark corpus one
/// of them was 40 % of the scan.
final class DerivedFacts: Sendable {
    private let storage = Locked<[String: any Sendable]>([:])

    func value<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        if let known = storage.withLock({ $0[key] }) as? T { return known }
        // Computed outside the lock: two threads asking first both compute, and one answer is kept.
        let computed = compute()
        return storage.withLock { facts in
            if let known = facts[key] as? T { return known }
            facts[key] = computed
            return computed
        }
    }
}

extension ProjectModel {
    /// The fact named `key`, computed by `compute` the first time any file asks. `key` must name one
    /// computation (the rule and the fact: `"RL404.writtenKeys"`).
    public func derived<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        derivedFacts.value(key, compute)
    }
}
