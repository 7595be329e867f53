/// Redis Cluster hash slots: CRC16-XMODEM of the key's hash tag (or of the whole key) mod 16384.
public enum HashSlot {
    public static let count = 16384

    /// The slot Redis Cluster assigns to `key` (what `CLUSTER KEYSLOT` answers).
    public static func slot(of key: [UInt8]) -> Int {
        let hashed = hashTag(of: key) ?? key[...]
        return Int(crc16(hashed) & 0x3FFF)
    }

    public static func slot(of key: String) -> Int { slot(of: Array(key.utf8)) }

    /// The hash tag: the bytes between the first `{` and the first `}` after it, when at least
    /// one byte lies between them; otherwise nil and the whole key is hashed (`{}{a}` too).
    public static func hashTag(of key: [UInt8]) -> ArraySlice<UInt8>? {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return nil }
        guard let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
        if close == open + 1 { return nil }
        return key[(open + 1)..<close]
    }

    /// CRC16-XMODEM (polynomial 0x1021, initial value 0), as in Redis's `crc16.c`.
    public static func crc16<Bytes: Collection>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ crcTable[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    // Computed once instead of written out: 256 entries are cheap to build.
    private static let crcTable: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 {
            crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
        }
        return crc
    }
}
