/// `luaO_str2d` on a numeral's text: accepted iff C's `strtod` consumes it entirely (glibc reads
/// decimal and hexadecimal floats), else if `strtod` stops at an `x`, iff `strtoul(…, 16)` does.
/// A numeral here always starts with a digit or `.`, so `inf`/`nan` cannot occur.
enum LuaNumeral {
    /// The value as an Int when it is a modest whole number (a KEYS/ARGV index). Avoids libm.
    static func integer(_ value: Double) -> Int? {
        guard value >= -1e9, value <= 1e9 else { return nil }
        let whole = Int(value)
        return Double(whole) == value ? whole : nil
    }

    static func value(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
        guard start < end else { return nil }
        // Fast path for the common case, plain digits: no String, no strtod.
        if end - start <= 15 {
            var whole = 0
            var i = start
            while i < end, LuaLexer.isDigit(bytes[i]) { whole = whole * 10 + Int(bytes[i] &- 48); i += 1 }
            if i == end { return Double(whole) }
        }
        if end - start >= 2, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] | 0x20 == UInt8(ascii: "x") {
            return hexValue(bytes, start + 2, end)
        }
        var i = start
        var digits = 0
        while i < end, LuaLexer.isDigit(bytes[i]) { i += 1; digits += 1 }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, LuaLexer.isDigit(bytes[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            if j < end, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            let exponentStart = j
            while j < end, LuaLexer.isDigit(bytes[j]) { j += 1 }
            if j > exponentStart { i = j }
        }
        guard i == end else { return nil }
        return Double(String(decoding: bytes[start..<end], as: UTF8.self)) ?? .infinity
    }

    private static func hexDigit(_ c: UInt8) -> Int? {
        if LuaLexer.isDigit(c) { return Int(c - 48) }
        let lower = c | 0x20
        if lower >= 97 && lower <= 102 { return Int(lower - 87) }
        return nil
    }

    /// The text after `0x`: hex digits, optional `.` and hex digits, optional `p` exponent.
    private static func hexValue(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
        var i = start
        var mantissa = 0.0
        var digits = 0
        var scale = 0
        while i < end, let d = hexDigit(bytes[i]) { mantissa = mantissa * 16 + Double(d); i += 1; digits += 1 }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, let d = hexDigit(bytes[i]) { mantissa = mantissa * 16 + Double(d); scale -= 4; i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "p") {
            var j = i + 1
            var negative = false
            if j < end, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { negative = bytes[j] == UInt8(ascii: "-"); j += 1 }
            let exponentStart = j
            var exponent = 0
            while j < end, LuaLexer.isDigit(bytes[j]) { exponent = min(exponent * 10 + Int(bytes[j] - 48), 100_000); j += 1 }
            if j > exponentStart { i = j; scale += negative ? -exponent : exponent }
        }
        guard i == end else { return nil }
        var value = mantissa
        var remaining = scale
        while remaining > 0 && value.isFinite { value *= 2; remaining -= 1 }
        while remaining < 0 && value != 0 { value /= 2; remaining += 1 }
        return value
    }
}
