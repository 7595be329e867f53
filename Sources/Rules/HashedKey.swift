import RedisLint

/// A key expression as a dictionary key, hashed a part at a time. `KeyExpr`'s synthesised hash feeds
/// the hasher every literal byte in a separate call, which made the key-indexed tables of the pair
/// rules a visible share of a scan. Equality is `KeyExpr`'s.
struct HashedKey: Hashable, Sendable {
    let key: KeyExpr

    init(_ key: KeyExpr) { self.key = key }

    static func == (a: HashedKey, b: HashedKey) -> Bool { a.key == b.key }

    func hash(into hasher: inout Hasher) {
        hasher.combine(key.parts.count)
        for part in key.parts {
            switch part {
            case .literal(let bytes):
                hasher.combine(block: bytes)
            case .hole(let text):
                hasher.combine(text)
            }
        }
    }
}
