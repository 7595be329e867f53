/// One argument of a Redis command as far as the linter knows it.
public enum CommandArgument: Hashable, Sendable {
    /// The exact bytes (a literal in the source).
    case known([UInt8])
    /// Computed at run time; counts as exactly one argument.
    case unknown
    /// Zero or more arguments computed at run time (`*keys`, `...args`, `unpack(KEYS)`).
    case spread

    public static func text(_ string: String) -> CommandArgument { .known(Array(string.utf8)) }

    /// The argument as text when known (invalid UTF-8 is repaired, which is fine for names).
    public var text: String? {
        if case .known(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    public var bytes: [UInt8]? {
        if case .known(let bytes) = self { return bytes }
        return nil
    }

    /// ASCII case-insensitive comparison, the way Redis compares keywords (`strcasecmp`).
    func matchesKeyword(_ keyword: String) -> Bool {
        guard case .known(let bytes) = self else { return false }
        let word = Array(keyword.utf8)
        guard bytes.count == word.count else { return false }
        for (a, b) in zip(bytes, word) where lowerASCII(a) != lowerASCII(b) { return false }
        return true
    }

    /// Parses a whole decimal integer the way Redis's `string2ll` does (no spaces, no `+`).
    var strictInteger: Int? {
        guard case .known(let bytes) = self, !bytes.isEmpty, bytes.count <= 20 else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
            guard bytes.count > 1 else { return nil }
        }
        if bytes[index] == UInt8(ascii: "0") && bytes.count > index + 1 { return nil }
        var value = 0
        while index < bytes.count {
            let digit = bytes[index]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        if negative && value == 0 { return nil }  // "-0" is rejected by string2ll
        return negative ? -value : value
    }

    /// Parses a leading integer the way C's `atoi` does (leading spaces and sign, stops at the
    /// first non-digit, 0 when nothing parses); used by Redis's older key finders.
    var lenientInteger: Int? {
        guard case .known(let bytes) = self else { return nil }
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 || (bytes[index] >= 0x09 && bytes[index] <= 0x0D) {
            index += 1
        }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = min(value &* 10 &+ Int(bytes[index] - UInt8(ascii: "0")), Int(Int32.max))
            index += 1
        }
        return negative ? -value : value
    }
}

@inline(__always)
func lowerASCII(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

@inline(__always)
func upperASCII(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
}
