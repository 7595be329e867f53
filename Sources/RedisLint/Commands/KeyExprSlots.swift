/// What the linter can prove about the hash slot of a key built from literals and holes.
public enum SlotFact: Hashable, Sendable {
    /// The slot is known: the key is fully literal, or its hash tag is.
    case literal(Int)
    /// The hash tag is known up to holes: these parts (between the literal `{` and `}`), with the
    /// same hole values, always give the same tag.
    case tag([KeyExpr.Part])
    /// Nothing can be said (a hole could hold a `{` or `}`, or there is no tag).
    case unknown
}

/// How the slots of two keys relate.
public enum SlotRelation: Hashable, Sendable {
    /// Proven to share a slot (same literal slot, same key, or the same tag expression).
    case same
    /// Proven to be in different slots (both slots known from literals).
    case different
    /// Not proven, but the keys have different literal prefixes and no common hash tag, so they
    /// will usually land in different slots.
    case likelyDifferent
    case unknown
}

extension KeyExpr {
    /// The slot fact for this key. Holes are assumed to be non-empty when they make up the
    /// whole tag (`"user:{" + id + "}"`): an empty id would hash the whole key instead.
    public var slotFact: SlotFact {
        if let bytes = literalBytes { return .literal(HashSlot.slot(of: bytes)) }
        // Find the first `{`. A hole before it could contain a `{` of its own.
        var partIndex = 0
        var openOffset: Int?
        while partIndex < parts.count {
            guard case .literal(let bytes) = parts[partIndex] else { return .unknown }
            if let open = bytes.firstIndex(of: UInt8(ascii: "{")) {
                openOffset = open
                break
            }
            partIndex += 1
        }
        guard let openOffset else { return .unknown }
        // Collect the tag up to the first literal `}` after the `{`.
        var tag: [Part] = []
        var index = partIndex
        var start = openOffset + 1
        while index < parts.count {
            switch parts[index] {
            case .literal(let bytes):
                let rest = bytes[start...]
                if let close = rest.firstIndex(of: UInt8(ascii: "}")) {
                    tag.append(.literal(Array(bytes[start..<close])))
                    return SlotFact(tagParts: KeyExpr(parts: tag).parts)
                }
                tag.append(.literal(Array(rest)))
            case .hole:
                tag.append(parts[index])
            }
            index += 1
            start = 0
        }
        // No literal `}`: a hole after the `{` may or may not close the tag.
        return .unknown
    }
}

extension SlotFact {
    /// Tag parts found between a literal `{` and a literal `}` with no hole before the `{`.
    fileprivate init(tagParts: [KeyExpr.Part]) {
        if tagParts.isEmpty {
            // `{}` first: Redis hashes the whole key, which has holes.
            self = .unknown
        } else if tagParts.count == 1, case .literal(let bytes) = tagParts[0] {
            self = .literal(Int(HashSlot.crc16(bytes) & 0x3FFF))
        } else {
            self = .tag(tagParts)
        }
    }
}

/// How the hash slots of two keys relate; see `SlotRelation`.
public func slotRelation(_ a: KeyExpr, _ b: KeyExpr) -> SlotRelation {
    slotRelation(a, a.slotFact, b, b.slotFact)
}

/// How the slots of all `keys` relate, as a multi-key command needs them to (CROSSSLOT):
/// `.same` when every key is proven to share one slot, `.different` when some pair is proven
/// apart, `.likelyDifferent` when some pair probably is, otherwise `.unknown`.
/// Fewer than two keys are trivially `.same`.
public func slotRelation(among keys: [KeyExpr]) -> SlotRelation {
    guard let first = keys.first else { return .same }
    let facts = keys.map(\.slotFact)
    // `.same` is an equivalence (identical key, equal literal slot, equal tag), so comparing
    // every key with the first is enough.
    if keys.indices.allSatisfy({ slotRelation(first, facts[0], keys[$0], facts[$0]) == .same }) { return .same }
    var likelyDifferent = false
    for i in keys.indices {
        for j in keys.indices where j > i {
            switch slotRelation(keys[i], facts[i], keys[j], facts[j]) {
            case .different: return .different
            case .likelyDifferent: likelyDifferent = true
            case .same, .unknown: break
            }
        }
    }
    return likelyDifferent ? .likelyDifferent : .unknown
}

private func slotRelation(_ a: KeyExpr, _ factA: SlotFact, _ b: KeyExpr, _ factB: SlotFact) -> SlotRelation {
    if a == b { return .same }
    switch (factA, factB) {
    case (.literal(let slotA), .literal(let slotB)):
        return slotA == slotB ? .same : .different
    case (.tag(let tagA), .tag(let tagB)) where tagA == tagB:
        return .same
    default:
        break
    }
    // Different literal prefixes make different slots likely (a shared tag was caught above).
    let prefixA = a.literalPrefix
    let prefixB = b.literalPrefix
    let common = min(prefixA.count, prefixB.count)
    if common > 0, prefixA[..<common] != prefixB[..<common] { return .likelyDifferent }
    return .unknown
}
