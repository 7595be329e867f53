/// A Lua name's number within its chunk: equal names have equal symbols, so the scope resolver and
/// the Redis view compare names as integers, and the tree holds four bytes per name instead of a
/// `String` made (and released) at every use. `LuaChunk.names` gives the text.
public struct LuaSymbol: Hashable, Sendable {
    public let index: UInt32
    @inlinable init(_ index: UInt32) { self.index = index }

    /// Names every chunk numbers first, in this order (`LuaNameInterner.predefined`), so the analysis
    /// asks `symbol == .redis` without a lookup.
    public static let selfName = LuaSymbol(0), arg = LuaSymbol(1), redis = LuaSymbol(2), keys = LuaSymbol(3)
    public static let argv = LuaSymbol(4), unpack = LuaSymbol(5), math = LuaSymbol(6), os = LuaSymbol(7)
}

/// Numbers a script's names as the parser meets them. A name is found by its length and first eight
/// bytes packed into a word (names are ASCII name bytes, never 0, so for up to eight bytes the word
/// is the name), longer names also by their bytes. The text (`String`) is made once per distinct
/// name. Open addressing with linear probing, kept at most half full.
struct LuaNameInterner {
    /// The texts of the predefined symbols (`LuaSymbol.selfName` ...), each at most eight bytes.
    static let predefined = ["self", "arg", "redis", "KEYS", "ARGV", "unpack", "math", "os"]

    struct Entry {
        /// The name's first (up to) eight bytes, the first byte lowest, zero past its end.
        var head: UInt64
        /// The last eight bytes of a name longer than eight (`head` otherwise).
        var tail: UInt64
        /// Its slot hash, kept for growing the slots without the source.
        var hash: UInt32
        /// Where the name first appears in the source (-1 for a predefined name: those fit in `head`). An `Int`:
        /// a source can be larger than 2 GiB (`--max-file-size`), and a truncated offset would read elsewhere.
        var start: Int
        var length: Int32
    }

    /// By symbol.
    private(set) var texts: [String]
    private var entries: [Entry]
    /// Symbol index + 1 per slot; 0 marks an empty slot.
    private var slots: [UInt32]
    /// `32 - log2(slots.count)`.
    private var slotShift: UInt32 = 32 - 6

    /// Starts from the predefined names' entries and slots, made once (building them per parser cost
    /// ~7,000 instructions, much of a small script's parse).
    init() {
        texts = Self.predefined
        texts.reserveCapacity(32)
        entries = Self.predefinedEntries
        entries.reserveCapacity(32)
        slots = Self.predefinedSlots
    }

    private static let predefinedEntries: [Entry] = predefined.map { text in
        let bytes = Array(text.utf8)
        let length = bytes.count
        let head = bytes.withUnsafeBufferPointer { LuaNameHead.packed($0, 0, length) }
        return Entry(head: head, tail: head, hash: hash(head: head, tail: head, length: length), start: -1, length: Int32(length))
    }

    /// 64 slots (`slotShift`'s starting value) holding the predefined names.
    private static let predefinedSlots: [UInt32] = {
        var slots = [UInt32](repeating: 0, count: 64)
        for (index, entry) in predefinedEntries.enumerated() {
            place(UInt32(index), hash: entry.hash, in: &slots, shift: 32 - 6)
        }
        return slots
    }()

    /// The symbol of the name `bytes[start..<end]` (a non-empty run of name bytes), numbered now if new.
    mutating func symbol(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> LuaSymbol {
        let length = end &- start
        let base = bytes.baseAddress!
        let head = LuaNameHead.packed(bytes, start, end)
        // Past eight bytes the last eight join the hash (names sharing a long prefix are common).
        let tail = length > 8 ? ByteSearch.word(base, end &- 8) : head
        let hash = Self.hash(head: head, tail: tail, length: length)
        let mask = slots.count &- 1
        var slot = home(of: hash)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            let entry = entries[Int(stored &- 1)]
            // Head and tail cover names of up to sixteen bytes; longer ones compare their middles.
            if entry.head == head, entry.tail == tail, Int(entry.length) == length,
               length <= 16 || Self.sameMiddle(base, entry.start, start, length) {
                return LuaSymbol(stored &- 1)
            }
            slot = (slot &+ 1) & mask
        }
        let symbol = UInt32(entries.count)
        entries.append(Entry(head: head, tail: tail, hash: hash, start: start,
                             length: Int32(truncatingIfNeeded: length)))
        texts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        if 2 * (entries.count + 1) > slots.count {
            rebuild(size: slots.count * 2)
        } else {
            slots[slot] = symbol &+ 1
        }
        return LuaSymbol(symbol)
    }

    /// The top 32 bits of a multiplicative hash (they depend on every input bit; the slot is their top bits).
    /// The tail is rotated first so that names differing only in their last bytes (`compute_0`,
    /// `compute_1`) differ in low input bits too.
    private static func hash(head: UInt64, tail: UInt64, length: Int) -> UInt32 {
        let mixed = (head ^ (tail &<< 29 | tail &>> 35) ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        return UInt32(truncatingIfNeeded: mixed &>> 32)
    }

    /// The slot of `hash`: its top bits.
    private func home(of hash: UInt32) -> Int { Int(hash &>> slotShift) }

    /// Whether the bytes from 8 to `length - 8` of the names at `first` and `second` are equal, a word at a time.
    private static func sameMiddle(_ base: UnsafePointer<UInt8>, _ first: Int, _ second: Int, _ length: Int) -> Bool {
        var index = 8
        while index < length &- 8 {
            if ByteSearch.word(base, first &+ index) != ByteSearch.word(base, second &+ index) { return false }
            index &+= 8
        }
        return true
    }

    /// Puts `symbol` in the first empty slot from its hash's home (`shift`: `32 - log2(slots.count)`).
    private static func place(_ symbol: UInt32, hash: UInt32, in slots: inout [UInt32], shift: UInt32) {
        let mask = slots.count &- 1
        var slot = Int(hash &>> shift)
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = symbol &+ 1
    }

    /// Grows the slots, placing each name by its kept hash.
    private mutating func rebuild(size: Int) {
        slots = Array(repeating: 0, count: size)
        slotShift = 32 &- UInt32(size.trailingZeroBitCount)
        for index in entries.indices { Self.place(UInt32(index), hash: entries[index].hash, in: &slots, shift: slotShift) }
    }
}
