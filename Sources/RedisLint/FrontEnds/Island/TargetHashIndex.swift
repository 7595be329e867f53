/// Per assignment target, the index of its last assignment, found by a hash of the target's bytes: for a
/// file whose targets are all ASCII (nearly every file). A `[String: Int32]` hashed each target with SipHash
/// (about 350 instructions an assignment, most of the table's cost); this hash reads the bytes eight at a time.
///
/// Bytes stand for the string only when both sides are ASCII: two ASCII strings are equal exactly when
/// their bytes are, but a non-ASCII one can equal an ASCII one (the Kelvin sign equals "K"), so a caller
/// answers a non-ASCII question another way, and keeps a dictionary for a file with a non-ASCII target.
///
/// The hash is not seeded: a probe gives up after `probeLimit` slots (an insert then fails and the caller
/// falls back to a dictionary), so a file of colliding names cannot make a table quadratic.
struct TargetHashIndex {
    /// Per slot: the hash's high 32 bits above the index of the target's last assignment plus one (0: free).
    private var slots: [UInt64]
    private let mask: Int
    /// Slots a probe reads at most: an entered target is within this many of its hash's slot, so a look-up
    /// that reads this many without finding it finds none.
    private let probeLimit: Int

    /// The probe limit tables are made with (a parameter only for the tests of the fallback).
    static let maximumProbes = 32

    /// Room for `count` targets, at most half the slots used.
    init(capacity count: Int, probeLimit: Int = TargetHashIndex.maximumProbes) {
        var size = 8
        while size < 2 * count { size <<= 1 }
        slots = [UInt64](filled: 0, count: size)
        mask = size - 1
        self.probeLimit = probeLimit
    }

    /// The hash of `text`'s bytes, and whether they are all ASCII.
    @inline(__always) static func hash(_ text: String) -> (value: UInt64, isASCII: Bool) {
        // Read in place (a small string from a copy on the stack): a copy to ask withUTF8 of retained the string.
        if let found = text.utf8.withContiguousStorageIfAvailable(hash) { return found }
        var copy = text
        return copy.withUTF8(hash)
    }

    /// The bytes' hash (eight at a time, the last few packed in one word), and whether they are all ASCII.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt64, isASCII: Bool) {
        var value = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var seen: UInt64 = 0
        guard let start = bytes.baseAddress else { return (value ^ (value >> 29), true) }
        let base = UnsafeRawPointer(start)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            seen |= word
            value = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 32
            offset += 8
        }
        if offset < bytes.count {
            // The last one to seven bytes in at most three loads (a byte at a time cost about 40 instructions).
            var word: UInt64 = 0
            var shift: UInt64 = 0
            if bytes.count - offset >= 4 {
                word = UInt64(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                shift = 32
                offset += 4
            }
            if bytes.count - offset >= 2 {
                word |= UInt64(base.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) << shift
                shift += 16
                offset += 2
            }
            if offset < bytes.count { word |= UInt64(bytes[offset]) << shift }
            seen |= word
            value = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
        }
        value ^= value >> 29
        return (value, seen & 0x8080_8080_8080_8080 == 0)
    }

    /// Records `index` as the last assignment of the target hashed `hash` (`isTarget` tells whether an
    /// earlier assignment's index has the same target) and returns the one it replaces, if any; `entered`
    /// false (and nothing recorded) when the target's probe runs past the limit.
    @inline(__always) mutating func update(hash: UInt64, to index: Int32, isTarget: (Int32) -> Bool) -> (entered: Bool, previous: Int32?) {
        guard let found = find(hash: hash, isTarget: isTarget) else { return (false, nil) }
        slots[found.slot] = hash & Self.tagBits | UInt64(index + 1)
        return (true, found.index)
    }

    /// The last assignment's index of the target hashed `hash` (`isTarget` tells whether an index's
    /// assignment has the target asked for), nil for none.
    @inline(__always) func last(hash: UInt64, isTarget: (Int32) -> Bool) -> Int32? {
        find(hash: hash, isTarget: isTarget)?.index
    }

    /// The bits of a slot that hold the hash's high half.
    private static var tagBits: UInt64 { 0xFFFF_FFFF_0000_0000 }

    /// The slot holding the target's last assignment (and its index), or the free slot where it would go;
    /// nil when neither is within `probeLimit` slots.
    @inline(__always) private func find(hash: UInt64, isTarget: (Int32) -> Bool) -> (slot: Int, index: Int32?)? {
        let tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<probeLimit {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if entry & Self.tagBits == tag {
                let index = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if isTarget(index) { return (slot, index) }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
