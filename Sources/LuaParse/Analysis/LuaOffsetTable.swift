/// Source offset → integer, for the scope resolver's local references (the offset of a name
/// expression → the id of the local it names). The resolver adds one entry per local reference and
/// the Redis view asks about nearly every name: `Dictionary<Int, Int>` hashed each key with SipHash,
/// about a fifth of scope resolution and the view together; a multiplicative hash costs a few
/// instructions. Open addressing with linear probing, kept at most half full.
public struct LuaOffsetTable: Sendable {
    /// -1 marks an empty slot (offsets are never negative).
    private var keys: [Int] = []
    private var values: [Int] = []
    /// `64 - log2(keys.count)`: the hash's top bits pick the slot.
    private var shift: UInt64 = 64
    public private(set) var count = 0

    public init() {}

    /// The value stored for `offset`, if any.
    public subscript(offset: Int) -> Int? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var slot = slot(of: offset)
        while true {
            let key = keys[slot]
            if key == offset { return values[slot] }
            if key < 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Makes room for `minimumCount` entries without growing.
    public mutating func reserveCapacity(_ minimumCount: Int) {
        var size = 8
        while size < 2 * minimumCount { size *= 2 }
        if size > keys.count { rebuild(size: size) }
    }

    /// Stores `value` for `offset` (`offset >= 0`), replacing what was there.
    public mutating func set(_ offset: Int, _ value: Int) {
        if 2 * (count + 1) > keys.count { rebuild(size: max(8, keys.count * 2)) }
        let mask = keys.count - 1
        var slot = slot(of: offset)
        while true {
            let key = keys[slot]
            if key == offset { values[slot] = value; return }
            if key < 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = offset
        values[slot] = value
        count += 1
    }

    @inline(__always) private func slot(of offset: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: offset) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Resizes to `size` slots (a power of two) and puts every entry back.
    private mutating func rebuild(size: Int) {
        let oldKeys = keys, oldValues = values
        keys = [Int](repeating: -1, count: size)
        values = [Int](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for slot in oldKeys.indices where oldKeys[slot] >= 0 { set(oldKeys[slot], oldValues[slot]) }
    }
}
