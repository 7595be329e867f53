/// Stable finding identities (SARIF `partialFingerprints["redislint/v1"]`, JSON `fingerprint`,
/// baselines). Built from the rule, the path, the key expression and the finding's source line with
/// white space removed, plus an occurrence index among findings that share all of those; line numbers
/// are not part of it, so adding unrelated lines above a finding does not change it.
public enum Fingerprint {
    public static func assign(_ findings: inout [Finding]) {
        // The two hashes are worked out as the fields' bytes are read (no joined buffer of them is built), and
        // occurrences are counted by those hashes (not by the joined text): findings with the same hashes have
        // the same fingerprint, so they are the ones the index tells apart.
        var occurrences = OccurrenceTable(capacity: findings.count)
        for index in findings.indices {
            var hashes = PairHasher()
            hashes.add(findings[index].ruleID)
            hashes.add(byte: 0x1F)
            hashes.add(findings[index].path)
            hashes.add(byte: 0x1F)
            if let key = findings[index].key { hashes.add(key) }
            hashes.add(byte: 0x1F)
            hashes.addWithoutWhitespace(findings[index].sourceLine)
            let occurrence = occurrences.next(hashes.first, hashes.second)
            findings[index].setFingerprint(first: hashes.first, second: hashes.second, occurrence: occurrence)
        }
    }

    /// `fnv1a` of bytes added a piece at a time, with the two seeds of a fingerprint, in one pass: the two
    /// chains of multiplies are independent, so they run side by side instead of one after the other.
    struct PairHasher {
        var first: UInt64 = 0xcbf29ce484222325
        var second: UInt64 = 0x84222325cbf29ce4

        mutating func add(byte: UInt8) {
            first = (first ^ UInt64(byte)) &* 0x100000001b3
            second = (second ^ UInt64(byte)) &* 0x100000001b3
        }

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            // Local copies: the two chains of multiplies stay in registers, side by side.
            var first = first, second = second
            for byte in bytes {
                first = (first ^ UInt64(byte)) &* 0x100000001b3
                second = (second ^ UInt64(byte)) &* 0x100000001b3
            }
            (self.first, self.second) = (first, second)
        }

        /// The text's UTF-8.
        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        /// The line's UTF-8 without its Unicode white space. An ASCII line (almost every line) is filtered
        /// bytewise: asking each scalar for its Unicode properties was most of the time spent fingerprinting.
        mutating func addWithoutWhitespace(_ line: String) {
            var line = line
            // In one pass: the bytes are hashed as they are checked for ASCII, into copies of the hashes that a
            // line with another byte drops (a first pass that only checked cost a third of the filtering).
            let isASCII = line.withUTF8 { utf8 in
                var first = first, second = second
                let whitespace: UInt64 = 1 << 0x20 | 0b11111 << 0x09  // bit b set for each ASCII white-space byte b
                for byte in utf8 {
                    if byte >= 0x80 { return false }
                    // ASCII white space (Unicode White_Space): tab, line feed, vertical tab, form feed, carriage return,
                    // space, as bits of one word (two compares a byte instead of three, and one branch).
                    if byte <= 0x20 && (whitespace >> UInt64(byte)) & 1 != 0 { continue }
                    first = (first ^ UInt64(byte)) &* 0x100000001b3
                    second = (second ^ UInt64(byte)) &* 0x100000001b3
                }
                (self.first, self.second) = (first, second)
                return true
            }
            guard !isASCII else { return }
            for scalar in line.unicodeScalars where !scalar.properties.isWhitespace { UTF8.encode(scalar) { add(byte: $0) } }
        }
    }

    /// How many findings so far had each pair of hashes: open addressing on the first hash (already a
    /// well-mixed 64-bit value), sized for every finding of the list, so it never grows. A dictionary of the
    /// pairs hashed each pair again with SipHash, twice per finding.
    struct OccurrenceTable {
        private var slots: [(first: UInt64, second: UInt64, count: Int)]
        private let mask: Int

        init(capacity: Int) {
            var size = 8
            while size < 2 * capacity { size *= 2 }
            slots = Array(repeating: (0, 0, 0), count: size)
            mask = size - 1
        }

        /// The number of earlier calls with these hashes (0 the first time).
        mutating func next(_ first: UInt64, _ second: UInt64) -> Int {
            var slot = Int(truncatingIfNeeded: first ^ (first >> 32)) & mask
            return slots.withUnsafeMutableBufferPointer { slots in
                while slots[slot].count > 0 {
                    if slots[slot].first == first && slots[slot].second == second {
                        slots[slot].count += 1
                        return slots[slot].count - 1
                    }
                    slot = (slot + 1) & mask
                }
                slots[slot] = (first, second, 1)
                return 0
            }
        }
    }

    /// 64-bit FNV-1a (stable across runs and platforms, unlike `Hasher`).
    static func fnv1a(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }

    /// The two hashes as 16 lower-case hex digits each (zeros in front), `:` and the occurrence, written
    /// straight into the string's storage (building and joining the pieces as Strings was a third of the time
    /// spent fingerprinting; a byte array first cost an allocation, a copy and a validation more).
    static func text(_ first: UInt64, _ second: UInt64, _ occurrence: Int) -> String {
        var digits = 1
        var rest = occurrence / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let count = 33 + digits
        return String(unsafeUninitializedCapacity: count) { bytes in
            func putHex(_ value: UInt64, at offset: Int) {
                for index in 0..<16 {
                    let digit = UInt8((value >> UInt64(60 - 4 * index)) & 0xF)
                    bytes[offset + index] = digit < 10 ? 0x30 + digit : 0x61 + digit - 10
                }
            }
            putHex(first, at: 0)
            putHex(second, at: 16)
            bytes[32] = 0x3A  // `:`
            var rest = occurrence
            for index in stride(from: count - 1, through: 33, by: -1) {
                bytes[index] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            return count
        }
    }
}
