/// How often each key occurs, in a table of its own: a key is hashed by a cheap mix of its bytes (FNV-1a)
/// instead of the standard hasher, which cost ~630 instructions a key counted (SipHash of every part, a
/// hasher set up and finished per key) when the project's written keys (RL404) were counted in a dictionary,
/// and ~740 a key given a TTL when the scan's were gathered in a set. Equal keys are found by their hashes,
/// then `same` (the parts compared in place, as `==` compares them).
public struct KeyTally: Sendable {
    /// Open addressing, linear probing: an entry's index + 1, 0 for an empty slot. A power of two long, at
    /// least twice the entries.
    private var slots: [Int32]
    /// The distinct keys in the order first added, and how often each was added.
    public private(set) var keys: [KeyExpr] = []
    public private(set) var counts: [Int] = []
    private var hashes: [UInt64] = []

    /// Room for `capacity` distinct keys before the table grows.
    public init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        keys.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// Counts one more `key`; true when it is new to the tally.
    @discardableResult public mutating func add(_ key: KeyExpr) -> Bool {
        add(key, hash: KeyTally.hash(key))
    }

    /// `add` with the key's `hash` worked out beforehand (outside a lock held for the tally).
    @discardableResult mutating func add(_ key: KeyExpr, hash: UInt64) -> Bool {
        let found = find(key, hash: hash)
        if let entry = found.entry {
            counts[entry] += 1
            return false
        }
        slots[found.slot] = Int32(keys.count + 1)
        keys.append(key)
        counts.append(1)
        hashes.append(hash)
        if keys.count * 2 > slots.count { grow() }
        return true
    }

    /// How often `key` was added (0 for never).
    public func count(of key: KeyExpr) -> Int {
        find(key, hash: KeyTally.hash(key)).entry.map { counts[$0] } ?? 0
    }

    /// `key`'s entry, or the free slot where it would go.
    @inline(__always) private func find(_ key: KeyExpr, hash: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash && KeyTally.same(keys[entry], key) { return (slot, entry) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// `a == b`, the parts compared in place: a literal's bytes a word at a time, a hole's text as a `String`
    /// (by canonical equivalence, as `==` does). `==` on the parts' lists cost ~100 instructions a found key.
    static func same(_ a: KeyExpr, _ b: KeyExpr) -> Bool {
        guard a.parts.count == b.parts.count else { return false }
        for index in a.parts.indices {
            switch a.parts[index] {
            case .literal(let left):
                guard case .literal(let right) = b.parts[index], sameBytes(left, right) else { return false }
            case .hole(let left):
                guard case .hole(let right) = b.parts[index], left == right else { return false }
            }
        }
        return true
    }

    /// Whether `a` and `b` hold the same bytes, compared 8 at a time.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                var offset = 0
                while offset + 8 <= a.count {
                    if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                    offset += 8
                }
                while offset < a.count {
                    if a[offset] != b[offset] { return false }
                    offset += 1
                }
                return true
            }
        }
    }

    /// Twice the slots, the entries placed again by their kept hashes.
    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    /// FNV-1a over the parts: each part's kind, a literal's bytes, a hole's text. Equal keys hash alike: a
    /// literal is compared byte for byte, a hole's text as a `String`, by canonical equivalence. Only three
    /// characters outside ASCII are canonically equivalent to an ASCII text: the Kelvin sign (`K`), the Greek
    /// question mark (`;`) and the Greek varia (`` ` ``), each to one character. So an ASCII text is hashed by
    /// its bytes, a text whose other characters are ASCII as if those three were `K`, `;` and `` ` ``, and any
    /// other text by its kind alone. (Hashing every text with a `K` by its kind alone sent `cacheKey`, `lockKey`…
    /// to one probe chain.)
    static func hash(_ key: KeyExpr) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        for part in key.parts {
            switch part {
            case .literal(let bytes):
                mix(0x01)
                bytes.withUnsafeBufferPointer { for byte in $0 { mix(byte) } }
            case .hole(let text):
                mix(0x02)
                let kindOnly = hash
                let isASCII = text.utf8.withContiguousStorageIfAvailable { bytes in
                    for byte in bytes {
                        if byte >= 0x80 { return false }
                        mix(byte)
                    }
                    return true
                } ?? false
                if !isASCII {
                    hash = kindOnly
                    scalars: for scalar in text.unicodeScalars {
                        switch scalar.value {
                        case 0..<0x80: mix(UInt8(scalar.value))
                        case 0x212A: mix(UInt8(ascii: "K"))
                        case 0x037E: mix(UInt8(ascii: ";"))
                        case 0x1FEF: mix(UInt8(ascii: "`"))
                        default:
                            hash = kindOnly
                            break scalars
                        }
                    }
                }
            }
            // Where a part ends, so that parts do not run together.
            mix(0xFF)
        }
        return hash
    }
}
