/// The distinct method names of one file's calls, each numbered once (`CallSite.methodID`) and its
/// `String` made once. The tracer's per-method facts are then an array indexed by that number: a
/// dictionary keyed by the name hashed the whole string (seeded SipHash) for every call of the file.
///
/// Names are compared as bytes, so two spellings that are equal as `String`s but not bytewise (a
/// decomposed accent, repaired invalid UTF-8) get two numbers; users derive everything from `method`,
/// so that costs a repeated look-up, never a different answer.
struct MethodNames {
    /// Each name, by number.
    private(set) var names: [String] = []
    /// Where each name's bytes are in the file (its first occurrence), to compare later tokens with.
    private var spans: [Range<Int>] = []
    private var hashes: [UInt32] = []
    /// Open addressing, linear probing: a name's number + 1 per slot, 0 for empty. A power of two
    /// in size, at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Probes past this many slots are given up: the name gets a fresh number without entering the
    /// table. The hash is not seeded, so a file made of colliding names could otherwise make each
    /// look-up walk all of them (quadratic); this keeps every look-up bounded.
    static let maximumProbes = 32

    /// The number of the name spelled by `bytes[range]`, a new one when it is first seen.
    mutating func number(of range: Range<Int>, in bytes: [UInt8]) -> Int32 {
        let hash = MethodNames.hash(bytes, range)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        for _ in 0..<MethodNames.maximumProbes {
            let entry = Int(slots[slot])
            if entry == 0 {
                let number = append(range, hash: hash, bytes: bytes)
                slots[slot] = number + 1
                if names.count * 2 > slots.count { grow() }
                return number
            }
            if hashes[entry - 1] == hash && MethodNames.equal(bytes, spans[entry - 1], range) { return Int32(entry - 1) }
            slot = (slot + 1) & mask
        }
        return append(range, hash: hash, bytes: bytes)
    }

    private mutating func append(_ range: Range<Int>, hash: UInt32, bytes: [UInt8]) -> Int32 {
        names.append(String(decoding: bytes[range], as: UTF8.self))
        spans.append(range)
        hashes.append(hash)
        return Int32(names.count - 1)
    }

    /// Doubles the table and puts every entered name back (names that overflowed their probes stay out).
    private mutating func grow() {
        let old = slots
        slots = [Int32](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(hashes[Int(entry) - 1]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a over the bytes: a few instructions per byte for names of a few bytes.
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var hash: UInt32 = 2_166_136_261
            for index in range {
                hash = (hash ^ UInt32(buffer[index])) &* 16_777_619
            }
            return hash
        }
    }

    static func equal(_ bytes: [UInt8], _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        guard first.count == second.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < first.count {
                if buffer[first.lowerBound + offset] != buffer[second.lowerBound + offset] { return false }
                offset += 1
            }
            return true
        }
    }
}
