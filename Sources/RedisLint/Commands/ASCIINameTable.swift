/// A fixed table from names to numbers, looked up by their bytes with a cheap hash: the command table is
/// asked about every method name the tracers meet and every op's command, several times per op. As a
/// `[String: Int]` each look-up hashed the name with SipHash (about 600 instructions with the probe and
/// compare; 4.7 % of a synthetic scan); here it is a multiply per byte and one compare of the bytes.
/// Names match exactly (bytewise); case is the caller's business.
struct ASCIINameTable: Sendable {
    private struct Slot {
        var hash: UInt32
        /// -1: an empty slot.
        var length: Int32
        var start: Int32
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// Every name's bytes, one after another (`Slot.start`, `Slot.length`).
    private var bytes: [UInt8] = []
    /// The number of names.
    private(set) var count = 0

    /// An empty table with room for `minimumCapacity` names (it does not grow: at most half its slots
    /// are used, so that a name it does not hold is told after a probe or two).
    init(minimumCapacity: Int) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(hash: 0, length: -1, start: 0, value: 0), count: capacity)
        mask = capacity - 1
    }

    /// `entries` in order; a repeated name keeps its first value.
    init(_ entries: some Collection<(String, Int32)>) {
        self.init(minimumCapacity: entries.count)
        for (name, value) in entries { insert(name, value) }
    }

    /// Adds `name` unless the table holds it already (then it keeps its value).
    mutating func insert(_ name: String, _ value: Int32) {
        var name = name
        name.withUTF8 { insert(bytes: $0, value) }
    }

    /// The same for a name given as bytes (any bytes: they are compared as they are).
    mutating func insert(bytes name: UnsafeBufferPointer<UInt8>, _ value: Int32) {
        precondition(count * 2 < slots.count, "ASCIINameTable is full")
        let hash = Self.hash(name, 0, nil)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].length >= 0 {
            if slots[index].hash == hash, matches(index, name, 0, nil) { return }
            index = (index + 1) & mask
        }
        slots[index] = Slot(hash: hash, length: Int32(name.count), start: Int32(bytes.count), value: value)
        bytes.append(contentsOf: name)
        count += 1
    }

    /// Adds `name` with its ASCII letters upper-cased (`CommandTable.uppercased` of ASCII text), without
    /// building that string.
    mutating func insertUppercased(_ name: String, _ value: Int32) {
        var name = name
        name.withUTF8 { insertUppercased(bytes: $0, value) }
    }

    /// The same for a name given as bytes.
    mutating func insertUppercased(bytes name: UnsafeBufferPointer<UInt8>, _ value: Int32) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, name.count)) { upper in
            for index in name.indices { upper[index] = upperASCII(name[index]) }
            insert(bytes: UnsafeBufferPointer(rebasing: upper[..<name.count]), value)
        }
    }

    /// Every name and its value, in no particular order.
    var entries: [(String, Int32)] {
        slots.filter { $0.length >= 0 }.map { slot in
            (String(decoding: bytes[Int(slot.start)..<Int(slot.start + slot.length)], as: UTF8.self), slot.value)
        }
    }

    /// The value of `name`, or nil when the table does not hold it.
    func value(of name: String) -> Int32? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ find($0, 0, nil) }) { return found }
        return Array(name.utf8).withUnsafeBufferPointer { find($0, 0, nil) }
    }

    /// The value of the name spelled by `name`'s bytes.
    func value(ofBytes name: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(name, 0, nil)
    }

    /// The value of `first`, `separator` and `second` written one after another (`config|set`), without
    /// building that string.
    func value(of first: String, _ separator: UInt8, _ second: String) -> Int32? {
        var first = first, second = second
        return first.withUTF8 { head in second.withUTF8 { tail in find(head, separator, tail) } }
    }

    /// `head`, then `separator` and `tail` when `tail` is given.
    private func find(_ head: UnsafeBufferPointer<UInt8>, _ separator: UInt8, _ tail: UnsafeBufferPointer<UInt8>?) -> Int32? {
        let hash = Self.hash(head, separator, tail)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].length >= 0 {
            if slots[index].hash == hash, matches(index, head, separator, tail) { return slots[index].value }
            index = (index + 1) & mask
        }
        return nil
    }

    private func matches(_ index: Int, _ head: UnsafeBufferPointer<UInt8>, _ separator: UInt8, _ tail: UnsafeBufferPointer<UInt8>?) -> Bool {
        let slot = slots[index]
        let length = head.count + (tail.map { $0.count + 1 } ?? 0)
        guard Int(slot.length) == length else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            var k = Int(slot.start)
            for byte in head {
                if stored[k] != byte { return false }
                k += 1
            }
            guard let tail else { return true }
            if stored[k] != separator { return false }
            k += 1
            for byte in tail {
                if stored[k] != byte { return false }
                k += 1
            }
            return true
        }
    }

    /// FNV-1a over the bytes, folded to 32 bits (names are short: a multiply per byte is all it costs).
    private static func hash(_ head: UnsafeBufferPointer<UInt8>, _ separator: UInt8, _ tail: UnsafeBufferPointer<UInt8>?) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for byte in head { mix(byte) }
        if let tail {
            mix(separator)
            for byte in tail { mix(byte) }
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}
