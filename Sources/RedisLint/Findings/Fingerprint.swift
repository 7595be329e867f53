/// Stable finding identities (SARIF `partialFingerprints["redislint/v1"]`, JSON `fingerprint`,
/// baselines). Built from the rule, the path, the key expression and the finding's source line with
/// white space removed, plus an occurrence index among findings that share all of those; line numbers
/// are not part of it, so adding unrelated lines above a finding does not change it.
public enum Fingerprint {
    public static func assign(_ findings: inout [Finding]) {
        var occurrences: [String: Int] = [:]
        for index in findings.indices {
            let finding = findings[index]
            let code = String(finding.sourceLine.unicodeScalars.filter { !$0.properties.isWhitespace })
            let basis = [finding.ruleID, finding.path, finding.key ?? "", code].joined(separator: "\u{1F}")
            let occurrence = occurrences[basis, default: 0]
            occurrences[basis] = occurrence + 1
            findings[index].fingerprint = hex(fnv1a(basis, seed: 0xcbf29ce484222325)) + hex(fnv1a(basis, seed: 0x84222325cbf29ce4)) + ":\(occurrence)"
        }
    }

    /// 64-bit FNV-1a (stable across runs and platforms, unlike `Hasher`).
    static func fnv1a(_ text: String, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
