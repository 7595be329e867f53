/// What the tracer works out from a name alone (a method name's facts, a receiver name's confidence),
/// remembered for the whole process: a project's files ask about the same names over and over, and the
/// scan's threads share the answers.
///
/// A `Dictionary` keyed by the name hashed it with seeded SipHash (some 500 instructions for a short
/// name) on every ask, a few thousand asks per tree; here the name's bytes are hashed with FNV-1a, in
/// an open-addressed table. Names are told apart by `String` equality, as the dictionary did. A name
/// whose probe runs long (the hash is not seeded: a file of colliding names) is not remembered, and
/// is worked out again at each ask: the same answer, at bounded cost.
struct NameCache<Value: Sendable>: Sendable {
    private var names: [String] = []
    private var tags: [UInt8] = []
    private var hashes: [UInt64] = []
    private var values: [Value] = []
    /// An entry's index + 1 per slot, 0 for empty. A power of two in size, at most half full.
    private var slots = [Int32](filled: 0, count: 256)
    static var maximumProbes: Int { 32 }

    /// The value remembered for `name` under `tag` (which kind of name or which language), if any.
    func value(of name: String, tag: UInt8, hash: UInt64) -> Value? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maximumProbes {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if hashes[entry] == hash && tags[entry] == tag && names[entry] == name { return values[entry] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Remembers `value` for `name` (a name another thread entered meanwhile keeps its first value).
    mutating func remember(_ value: Value, for name: String, tag: UInt8, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maximumProbes {
            let entry = Int(slots[slot]) - 1
            if entry < 0 {
                names.append(name)
                tags.append(tag)
                hashes.append(hash)
                values.append(value)
                slots[slot] = Int32(names.count)
                if names.count * 2 > slots.count { grow() }
                return
            }
            if hashes[entry] == hash && tags[entry] == tag && names[entry] == name { return }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the table and puts every entry back. (One put back past the probe limit from its home slot
    /// is only worked out again when asked, and may be entered twice: never answered wrongly.)
    private mutating func grow() {
        let old = slots
        slots = [Int32](filled: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: hashes[Int(entry) - 1]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a over the name's bytes, from a start that depends on the tag.
    static func hash(_ name: String, tag: UInt8) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037 ^ UInt64(tag)
        if let done = name.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var running = hash
            for byte in bytes { running = (running ^ UInt64(byte)) &* 1_099_511_628_211 }
            return running
        }) { return done }
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }
}

extension Locked {
    /// The value `NameCache` remembers for `name`, else `compute()`'s (worked out outside the lock, then
    /// remembered).
    func value<Remembered>(of name: String, tag: UInt8, _ compute: () -> Remembered) -> Remembered
    where Value == NameCache<Remembered> {
        let hash = NameCache<Remembered>.hash(name, tag: tag)
        if let known = withLock({ $0.value(of: name, tag: tag, hash: hash) }) { return known }
        let found = compute()
        withLock { $0.remember(found, for: name, tag: tag, hash: hash) }
        return found
    }
}
