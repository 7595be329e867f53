#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A table from paths to small numbers, looked up by the paths' bytes with a hash a prefix's hash extends
/// (FNV-1a): the folders above a file are looked up from one pass over its path, with no string made for
/// them. Keys compare bytewise, so only ASCII paths may be keys where `String` equality must hold (an ASCII
/// string equals another only when their bytes do).
struct PathTable: Sendable {
    private struct Slot {
        var hash: UInt64
        /// -1: an empty slot.
        var length: Int32
        var start: Int32
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// Every key's bytes, one after another.
    private var keys: [UInt8] = []
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(hash: 0, length: -1, start: 0, value: 0), count: capacity)
        mask = capacity - 1
    }

    static let emptyHash: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The hash of `bytes` after a prefix whose hash is `hash` (`emptyHash` for none).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, after hash: UInt64 = emptyHash) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = extend(hash, byte) }
        return hash
    }

    @inline(__always)
    static func extend(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The value of `key` (whose hash is `hash`), or nil.
    func value(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let index = find(key, hash)
        return slots[index].length >= 0 ? slots[index].value : nil
    }

    /// Sets `key`'s value (replacing it when the table holds the key).
    mutating func set(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, to value: Int32) {
        let index = find(key, hash)
        if slots[index].length >= 0 {
            slots[index].value = value
        } else {
            add(key, hash, value, at: index)
        }
    }

    /// Adds `key` with `value` unless the table holds it; whether it was added.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Int32 = 0) -> Bool {
        let index = find(key, hash)
        if slots[index].length >= 0 { return false }
        add(key, hash, value, at: index)
        return true
    }

    /// Where the table keeps `key` (a number below `slotCount`, the same for the key while the table is not
    /// changed) and its value, or nil.
    func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, value: Int32)? {
        let index = find(key, hash)
        return slots[index].length >= 0 ? (index, slots[index].value) : nil
    }

    /// The number of places a key may be kept at (`slot(of:hash:)`).
    var slotCount: Int { slots.count }

    /// Every key (as a string) and its value, in no particular order.
    var entries: [(key: String, value: Int32)] {
        slots.filter { $0.length >= 0 }.map { slot in
            (String(decoding: keys[Int(slot.start)..<Int(slot.start + slot.length)], as: UTF8.self), slot.value)
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> Int {
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let slot = slots[index]
            if slot.length < 0 { return index }
            if slot.hash == hash, Int(slot.length) == key.count, matches(slot, key) { return index }
            index = (index + 1) & mask
        }
    }

    private func matches(_ slot: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keys.withUnsafeBufferPointer { stored in PathTable.equal(UnsafeBufferPointer(rebasing: stored[Int(slot.start)...]), key, count: key.count) }
    }

    /// The first `count` bytes of `a` and `b` are equal (`memcmp`: the generic `elementsEqual` went a byte at a time).
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        count == 0 || memcmp(a.baseAddress!, b.baseAddress!, count) == 0
    }

    private mutating func add(_ key: UnsafeBufferPointer<UInt8>, _ hash: UInt64, _ value: Int32, at index: Int) {
        slots[index] = Slot(hash: hash, length: Int32(key.count), start: Int32(keys.count), value: value)
        keys.append(contentsOf: key)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Twice the slots, the keys placed again by their hashes (at most half the slots are used, so that a key
    /// the table does not hold is told after a probe or two).
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, length: -1, start: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.length >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 29)) & mask
            while slots[index].length >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
