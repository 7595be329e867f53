/// Source offset → integer, for the scope resolver's local references (the offset of a name
/// expression → the id of the local it names). The resolver adds one entry per local reference and
/// the Redis view asks about nearly every name: `Dictionary<Int, Int>` hashed each key with SipHash,
/// about a fifth of scope resolution and the view together; a multiplicative hash costs a few
/// instructions. Open addressing with linear probing, kept at most half full.
///
/// Offsets and values are below `UInt32.max` (the parser takes no source of `Int32.max` bytes, and a
/// value is a local's id), so an entry is one word, `offset + 1` above the value: one array to clear,
/// grow, check for uniqueness and read, where a key array and a value array were two (that halved
/// the bytes cleared, and took a fifth off a store).
public struct LuaOffsetTable: Sendable {
    /// `(offset + 1) << 32 | value`; 0 marks an empty slot.
    private var entries: [UInt64] = []
    /// `64 - log2(entries.count)`: the hash's top bits pick the slot.
    private var shift: UInt64 = 64
    public private(set) var count = 0

    public init() {}

    /// The value stored for `offset`, if any.
    public subscript(offset: Int) -> Int? {
        guard !entries.isEmpty else { return nil }
        let key = Self.key(offset)
        let mask = entries.count &- 1
        var slot = slot(of: offset)
        while true {
            let entry = entries[slot]
            // The empty slot first: its key bits (0) are those of offset -1, which is never stored.
            if entry == 0 { return nil }
            if entry &>> 32 == key { return Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) }
            slot = (slot &+ 1) & mask
        }
    }

    /// Makes room for `minimumCount` entries without growing.
    public mutating func reserveCapacity(_ minimumCount: Int) {
        var size = 8
        while size < 2 * minimumCount { size *= 2 }
        if size > entries.count { rebuild(size: size) }
    }

    /// Stores `value` for `offset` (both in `0..<UInt32.max`), replacing what was there.
    public mutating func set(_ offset: Int, _ value: Int) {
        precondition(offset >= 0 && offset < Int(UInt32.max) && value >= 0 && value < Int(UInt32.max))
        if 2 * (count + 1) > entries.count { rebuild(size: max(8, entries.count * 2)) }
        let key = Self.key(offset)
        let mask = entries.count &- 1
        var slot = slot(of: offset)
        while true {
            let entry = entries[slot]
            if entry == 0 { count += 1; break }
            if entry &>> 32 == key { break }
            slot = (slot &+ 1) & mask
        }
        entries[slot] = key &<< 32 | UInt64(truncatingIfNeeded: value)
    }

    /// The upper half of an entry for `offset` (never 0).
    @inline(__always) private static func key(_ offset: Int) -> UInt64 { UInt64(truncatingIfNeeded: offset) &+ 1 }

    @inline(__always) private func slot(of offset: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: offset) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Resizes to `size` slots (a power of two) and puts every entry back.
    private mutating func rebuild(size: Int) {
        let old = entries
        entries = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for entry in old where entry != 0 {
            set(Int(truncatingIfNeeded: entry &>> 32) - 1, Int(truncatingIfNeeded: entry & 0xFFFF_FFFF))
        }
    }
}
