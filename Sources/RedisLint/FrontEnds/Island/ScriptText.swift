/// A script's text as a dictionary key (`ScriptExtractor`'s scripts parsed so far): hashed by its length and
/// its first and last 32 bytes, compared whole a word at a time. Hashing the whole text (seeded SipHash over
/// every byte) cost about 3,700 instructions per script call on the synthetic corpus, whose calls run a
/// few scripts over and over; a look-up now costs about 850 (the sampled hash and the found copy's compare).
///
/// Texts that agree in length and in those bytes share a hash, so a file of many such scripts compares
/// each new one with all of them: each of those scripts is parsed too, which costs far more per byte.
struct ScriptText: Hashable {
    let bytes: [UInt8]

    /// How many bytes at each end are hashed.
    static let sampledBytes = 32

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { raw in
            let sample = min(raw.count, ScriptText.sampledBytes)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[..<sample]))
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[(raw.count - sample)...]))
        }
    }

    static func == (a: ScriptText, b: ScriptText) -> Bool { KeyTally.sameBytes(a.bytes, b.bytes) }
}
