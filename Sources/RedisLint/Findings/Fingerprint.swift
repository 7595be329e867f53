/// Stable finding identities (SARIF `partialFingerprints["redislint/v1"]`, JSON `fingerprint`,
/// baselines). Built from the rule, the path, the key expression and the finding's source line with
/// white space removed, plus an occurrence index among findings that share all of those; line numbers
/// are not part of it, so adding unrelated lines above a finding does not change it.
public enum Fingerprint {
    public static func assign(_ findings: inout [Finding]) {
        // Occurrences are counted by the two hashes that make the fingerprint (not by the joined text, which
        // had to be built and hashed again): findings with the same hashes have the same fingerprint, so they
        // are the ones the index tells apart.
        var occurrences: [Hashes: Int] = [:]
        var basis: [UInt8] = []
        for index in findings.indices {
            basis.removeAll(keepingCapacity: true)
            basis += findings[index].ruleID.utf8
            basis.append(0x1F)
            basis += findings[index].path.utf8
            basis.append(0x1F)
            basis += (findings[index].key ?? "").utf8
            basis.append(0x1F)
            appendWithoutWhitespace(findings[index].sourceLine, to: &basis)
            let (first, second) = fnv1aPair(basis)
            let hashes = Hashes(first: first, second: second)
            let occurrence = occurrences[hashes, default: 0]
            occurrences[hashes] = occurrence + 1
            findings[index].fingerprint = text(hashes.first, hashes.second, occurrence)
        }
    }

    private struct Hashes: Hashable {
        var first: UInt64
        var second: UInt64
    }

    /// The line's UTF-8 without its Unicode white space. An ASCII line (almost every line) is
    /// filtered bytewise: asking each scalar for its Unicode properties was most of the time spent
    /// fingerprinting.
    static func appendWithoutWhitespace(_ line: String, to bytes: inout [UInt8]) {
        // Read through the string's UTF-8 buffer: its `utf8` view, a byte at a time, cost twice as much.
        var line = line
        let isASCII = line.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            // ASCII white space (Unicode White_Space): tab, line feed, vertical tab, form feed, carriage return, space.
            for byte in utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) { bytes.append(byte) }
            return true
        }
        guard !isASCII else { return }
        for scalar in line.unicodeScalars where !scalar.properties.isWhitespace { UTF8.encode(scalar) { bytes.append($0) } }
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

    /// `fnv1a` of `bytes` with the two seeds of a fingerprint, in one pass: the two chains of multiplies are
    /// independent, so they run side by side instead of one after the other.
    static func fnv1aPair(_ bytes: [UInt8]) -> (first: UInt64, second: UInt64) {
        var first: UInt64 = 0xcbf29ce484222325, second: UInt64 = 0x84222325cbf29ce4
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                first = (first ^ UInt64(byte)) &* 0x100000001b3
                second = (second ^ UInt64(byte)) &* 0x100000001b3
            }
        }
        return (first, second)
    }

    /// The two hashes as 16 lower-case hex digits each (zeros in front), `:` and the occurrence, written
    /// into one buffer (building and joining the pieces as Strings was a third of the time spent
    /// fingerprinting).
    static func text(_ first: UInt64, _ second: UInt64, _ occurrence: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        func appendHex(_ value: UInt64) {
            for shift in stride(from: 60, through: 0, by: -4) {
                let digit = UInt8((value >> UInt64(shift)) & 0xF)
                bytes.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
            }
        }
        appendHex(first)
        appendHex(second)
        bytes.append(0x3A)  // `:`
        bytes += String(occurrence).utf8
        return String(decoding: bytes, as: UTF8.self)
    }
}
