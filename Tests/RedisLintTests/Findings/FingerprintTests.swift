import Testing
@testable import RedisLint

/// Fingerprints are stored in users' baselines: the fast white-space stripping must give the values
/// the scalar-by-scalar version gave, and both kinds of white space must still be ignored.
@Suite struct FingerprintTests {
    static func finding(_ rule: String, _ path: String, key: String?, line: String) -> Finding {
        Finding(ruleID: rule, ruleName: "probe", severity: .warning, path: path, start: Position(line: 1, column: 1),
                end: Position(line: 1, column: 2), message: "m", sourceLine: line, key: key)
    }

    /// Values computed outside Swift (64-bit FNV-1a of rule, path, key and the line without Unicode
    /// White_Space, joined by U+001F), the same as the fingerprints of earlier releases.
    @Test func valuesAreThoseOfEarlierReleases() {
        var findings = [
            Self.finding("RL101", "app/a.py", key: nil, line: "    r.keys('*')  \t"),
            Self.finding("RL404", "app/é.py", key: "cache:${id}", line: "  r.set(f\"cache:{id}\",\u{00A0}v)\u{3000}# café"),
        ]
        Fingerprint.assign(&findings)
        #expect(findings.map(\.fingerprint) == ["1ed306b00e9c15b93b892fdf8d848e1e:0", "527c03ddbcbf05515dba081440a3ed14:0"])
    }

    @Test func whiteSpaceDoesNotCountAndRepeatsAreNumbered() {
        var findings = [
            Self.finding("RL101", "a.py", key: nil, line: "r.keys('*')"),
            Self.finding("RL101", "a.py", key: nil, line: "\tr.keys( '*' )\r"),
            Self.finding("RL101", "a.py", key: nil, line: "\u{2003}r.keys('*')\u{00A0}é"),
            Self.finding("RL101", "a.py", key: nil, line: "\u{2003}r.keys('*') é"),
        ]
        Fingerprint.assign(&findings)
        let hashes = findings.map { $0.fingerprint.split(separator: ":")[0] }
        #expect(hashes[0] == hashes[1] && hashes[2] == hashes[3] && hashes[0] != hashes[2])
        #expect(findings.map { $0.fingerprint.split(separator: ":")[1] } == ["0", "1", "0", "1"])
    }

    /// The bytewise ASCII filter agrees with Unicode's White_Space on every ASCII scalar (U+001C–U+001F,
    /// white space to some languages, are not White_Space and stay).
    @Test func asciiFilterAgreesWithUnicodeWhiteSpace() {
        for value in UInt8(0)..<0x80 {
            var hashes = Fingerprint.PairHasher()
            hashes.addWithoutWhitespace(String(UnicodeScalar(value)))
            let kept = hashes.first != Fingerprint.PairHasher().first
            #expect(!kept == UnicodeScalar(value).properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}

extension FingerprintTests {
    /// The fingerprint text written into one buffer is the two hashes as 16 lower-case hex digits each
    /// (zeros in front) and the occurrence in decimal, as it was built from Strings.
    @Test func textIsZeroPaddedHexAndTheOccurrence() {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        let values: [UInt64] = [0, 1, 0xF, 0x10, 0xABCDEF, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, .max, 1 << 63, 0x8000_0000]
        for first in values {
            for (second, occurrence) in zip(values.reversed(), [0, 1, 9, 10, 99, 100, 12345, 7, 3, 1_000_000]) {
                #expect(Fingerprint.text(first, second, occurrence) == hex(first) + hex(second) + ":\(occurrence)")
            }
        }
    }
}

extension FingerprintTests {
    /// The two hashes worked out in one pass, in pieces, are the two one-seed hashes of the whole.
    @Test func pairedHashesAreTheSingleHashes() {
        var state: UInt64 = 12345
        for length in 0..<300 {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            var pair = Fingerprint.PairHasher()
            let cut = length / 3
            bytes[..<cut].withUnsafeBufferPointer { pair.add($0) }
            if cut < length { pair.add(byte: bytes[cut]) }
            if cut + 1 < length { bytes[(cut + 1)...].withUnsafeBufferPointer { pair.add($0) } }
            #expect(pair.first == Fingerprint.fnv1a(bytes, seed: 0xcbf29ce484222325))
            #expect(pair.second == Fingerprint.fnv1a(bytes, seed: 0x84222325cbf29ce4))
        }
    }

    /// The fingerprints are those of the joined text (rule, path, key and the line without white space,
    /// joined by U+001F) hashed whole, numbered among equal texts by a dictionary: on findings that repeat
    /// texts, in any order, with and without keys, ASCII and not.
    @Test func fingerprintsAreThoseOfTheJoinedTexts() {
        let rules = ["RL101", "RL404"], paths = ["a.py", "dir/é.rb"], keys: [String?] = [nil, "k", "cache:${id}"]
        let lines = ["r.keys('*')", " r.keys( '*' )\t", "x = \u{00A0}é", "", "\u{2003}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var findings = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Self.finding(rules.randomElement(using: &generator)!, paths.randomElement(using: &generator)!,
                             key: keys.randomElement(using: &generator)!, line: lines.randomElement(using: &generator)!)
            }
            var seen: [String: Int] = [:]
            let expected = findings.map { finding -> String in
                let line = String(String.UnicodeScalarView(finding.sourceLine.unicodeScalars.filter { !$0.properties.isWhitespace }))
                let text = [finding.ruleID, finding.path, finding.key ?? "", line].joined(separator: "\u{1F}")
                let bytes = Array(text.utf8)
                let occurrence = seen[text, default: 0]
                seen[text] = occurrence + 1
                return Fingerprint.text(Fingerprint.fnv1a(bytes, seed: 0xcbf29ce484222325), Fingerprint.fnv1a(bytes, seed: 0x84222325cbf29ce4), occurrence)
            }
            Fingerprint.assign(&findings)
            #expect(findings.map(\.fingerprint) == expected)
        }
    }
}
