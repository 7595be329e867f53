/// Character tests of the tracer and op builder answered on bytes when the text is ASCII where it matters:
/// `Character.isLetter` and `isUppercase` look up Unicode properties (hundreds of instructions a character).
/// In ASCII text every byte is a character of its own (but `\r\n`, one character that no test here accepts),
/// and the ASCII characters those properties accept are exactly the ASCII letters (upper case: A to Z). A text
/// with other bytes where it matters is read as characters, as before.
enum CharacterScreens {
    /// `text.allSatisfy { $0.isLetter || $0 == "_" }`: a command name as a raw call spells it.
    static func isLettersAndUnderscores(_ text: String) -> Bool {
        allSatisfy(text, ascii: { isASCIILetter($0) || $0 == UInt8(ascii: "_") }, character: { $0.isLetter || $0 == "_" })
    }

    /// `text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "@" }`: an alias's text
    /// (`redis`, `self.redis`, `@redis`).
    static func isAliasText(_ text: String) -> Bool {
        allSatisfy(text, ascii: { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "@"): return true
            default: return isASCIILetter(byte)
            }
        }, character: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "@" })
    }

    /// `text.allSatisfy(character)`, answered by `ascii` (which accepts no byte from 0x80 up) while the bytes are
    /// ASCII. Stopped at an ASCII byte no character here may start, the answer is no, as the character test's.
    @inline(__always) private static func allSatisfy(_ text: String, ascii accepts: (UInt8) -> Bool, character: (Character) -> Bool) -> Bool {
        var ascii = true
        let screened = text.utf8.allSatisfy { byte in
            if accepts(byte) { return true }
            if byte >= 0x80 { ascii = false }
            return false
        }
        if screened || ascii { return screened }
        return text.allSatisfy(character)
    }

    @inline(__always) private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// `text.first?.isUppercase == true`: a type's or constructor's name. The first character is its first
    /// byte alone when that byte is ASCII and so is the next (or there is none), but for `\r\n`.
    static func startsUppercase(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next() else { return false }
        if first < 0x80 {
            let second = bytes.next()
            if second.map({ $0 < 0x80 && !(first == 0x0D && $0 == 0x0A) }) ?? true {
                return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
            }
        }
        return text.first?.isUppercase == true
    }
}
