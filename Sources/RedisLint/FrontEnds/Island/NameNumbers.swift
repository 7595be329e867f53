/// Numbers the distinct names of one file (method names, receiver texts), each `String` made once.
/// The tracer's per-name tables are then arrays indexed by number: a dictionary keyed by the name
/// hashed the whole string (seeded SipHash) for every call of the file, and each long receiver
/// (`self.redis_client`) was a new string allocation per call.
///
/// Names are compared as bytes, so two spellings that are equal as `String`s but not bytewise (a
/// decomposed accent, repaired invalid UTF-8) get two numbers; users derive everything from the
/// text, so that costs a repeated look-up, never a different answer.
struct NameNumbers {
    /// Each name, by number.
    private(set) var names: [String] = []
    /// The bytes of the names longer than 15 bytes, one after another (`Entry.start`, `count`). A shorter
    /// name keeps none: its key words hold all of it, and appending its bytes was a generic copy per new
    /// name (about a hundred instructions) for bytes never read.
    private var storage: [UInt8] = []
    /// What a look-up compares, per number: with `names`, two appends per new name (the key words and the
    /// bounds were three lists of their own: three appends, each with its uniqueness and capacity tests).
    private var entries: [Entry] = []
    private struct Entry {
        /// A name of at most 15 bytes as two words: up to seven bytes, the bytes packed first lowest
        /// (`PackedWord`) with the length in the top byte, then 0; 8 to 15 bytes, the first eight, then the
        /// rest packed with the length in the top byte. A longer name has `longKey` twice (no shorter name's
        /// second word: theirs is 0 or has a top byte of 8 to 15). Most names are that short, and a look-up
        /// compares these words instead of the stored bytes.
        var first: UInt64
        var second: UInt64
        /// A name longer than 15 bytes: where its bytes are in `storage`, and how many (0 and 0 for the others).
        var start: Int
        var count: Int
    }
    private static let longKey = UInt64.max
    /// Open addressing, linear probing: per slot a name's hash in the high 32 bits and its number + 1 in
    /// the low ones, 0 for empty (the hash beside the number: a probe compares it without reading a
    /// list of hashes, and growing needs none). A power of two in size, at most half full.
    private var slots: [UInt64]
    /// Probes past this many slots are given up: the name gets a fresh number without entering the
    /// table. The hash is not seeded, so a file made of colliding names could otherwise make each
    /// look-up walk all of them (quadratic); this keeps every look-up bounded.
    static let maximumProbes = 32

    /// A table with room for about `capacity` names before any list grows (a file's few dozen names
    /// grew each list from empty a step at a time: a copy per step, per list, per file).
    init(capacity: Int = 32) {
        let capacity = max(capacity, 8)
        names.reserveCapacity(capacity)
        storage.reserveCapacity(capacity * 4)
        entries.reserveCapacity(capacity)
        var slotCount = 64
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = [UInt64](filled: 0, count: slotCount)
    }

    /// The number of the name spelled by `bytes`, a new one when it is first seen.
    mutating func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let count = bytes.count
        guard count <= 15 else { return numberOfLong(bytes) }
        // One or two words hold the whole name: they are hashed as `hash` hashes it, and compared with the
        // stored keys.
        var first: UInt64 = 0, second: UInt64 = 0
        var mixed: UInt64 = 0
        if count > 0, let base = bytes.baseAddress {
            let length = UInt64(truncatingIfNeeded: count)
            mixed = length &* NameNumbers.multiplier
            if count < 8 {
                first = PackedWord.load(base, count)
                mixed = (mixed ^ first) &* NameNumbers.multiplier
                first |= length << 56
            } else {
                first = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                mixed = (mixed ^ first) &* NameNumbers.multiplier
                if count > 8 {
                    second = PackedWord.load(base + 8, count - 8)
                    mixed = (mixed ^ second) &* NameNumbers.multiplier
                }
                second |= length << 56
            }
        }
        let hash = NameNumbers.finish(mixed)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        for _ in 0..<NameNumbers.maximumProbes {
            let entry = slots[slot]
            if entry == 0 { return enter(bytes, first, second, hash: hash, at: slot) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if entries[number].first == first && entries[number].second == second { return Int32(number) }
            }
            slot = (slot + 1) & mask
        }
        return append(bytes, first, second)
    }

    /// `number(of:)` for a name of 16 bytes or more.
    private mutating func numberOfLong(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = NameNumbers.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        for _ in 0..<NameNumbers.maximumProbes {
            let entry = slots[slot]
            if entry == 0 { return enter(bytes, NameNumbers.longKey, NameNumbers.longKey, hash: hash, at: slot) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if spelled(number, bytes) { return Int32(number) }
            }
            slot = (slot + 1) & mask
        }
        return append(bytes, NameNumbers.longKey, NameNumbers.longKey)
    }

    /// Numbers a new name and enters it in the empty `slot` (kept out of the look-up: a name is new once).
    @inline(never) private mutating func enter(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt64, _ second: UInt64, hash: UInt32,
                                               at slot: Int) -> Int32 {
        let number = append(bytes, first, second)
        slots[slot] = UInt64(hash) << 32 | UInt64(number + 1)
        if names.count * 2 > slots.count { grow() }
        return number
    }

    /// The number of the name spelled by `bytes[range]`.
    mutating func number(of range: Range<Int>, in bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { number(of: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt64, _ second: UInt64) -> Int32 {
        names.append(SourceString.make(bytes))
        let start = storage.count
        if bytes.count > 15 { storage.append(contentsOf: bytes) }
        entries.append(Entry(first: first, second: second, start: start, count: storage.count - start))
        return Int32(names.count - 1)
    }

    /// Doubles the table and puts every entered name back (names that overflowed their probes stay out).
    private mutating func grow() {
        let old = slots
        slots = [UInt64](filled: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The bytes hashed eight at a time (a multiply and an xor per word, the last up to seven bytes read
    /// as one word, `PackedWord`), mixed with the length: FNV-1a, a byte at a time, cost
    /// about six instructions a byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return 0 }
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) &* multiplier
            offset += 8
        }
        if offset < count {
            hash = (hash ^ PackedWord.load(base + offset, count - offset)) &* multiplier
        }
        return finish(hash)
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The mixed words folded into the hash.
    @inline(__always) private static func finish(_ mixed: UInt64) -> UInt32 {
        var hash = mixed
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        hash ^= hash >> 32
        return UInt32(truncatingIfNeeded: hash)
    }

    /// Is name `number` spelled `bytes` (of more than 15 bytes)? A shorter name keeps no bytes (count 0),
    /// so it is never spelled so.
    private func spelled(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entries[number].start
        guard entries[number].count == bytes.count else { return false }
        let count = bytes.count
        // Eight bytes at a time, the last up to seven as one word (a byte at a time cost eight instructions a byte).
        return storage.withUnsafeBufferPointer { stored in
            let left = stored.baseAddress! + start, right = bytes.baseAddress!
            var offset = 0
            while offset + 8 <= count {
                if UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
                    != UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self) { return false }
                offset += 8
            }
            return offset == count || PackedWord.load(left + offset, count - offset) == PackedWord.load(right + offset, count - offset)
        }
    }
}
