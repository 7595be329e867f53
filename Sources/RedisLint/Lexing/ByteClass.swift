/// 256-entry byte classification shared by the host lexers, so hot loops do one table load per byte.
enum ByteClass {
    static let identStart: UInt8 = 1 << 0   // ASCII letters, `_`, every byte >= 0x80 (UTF-8 names)
    static let identContinue: UInt8 = 1 << 1 // identStart plus digits
    static let digit: UInt8 = 1 << 2
    static let hexDigit: UInt8 = 1 << 3
    static let space: UInt8 = 1 << 4        // space, tab, vertical tab, form feed (not line ends)
    static let lineEnd: UInt8 = 1 << 5      // `\n`, `\r`
    /// JavaScript's names also hold `$`: one test per byte instead of a class test and a compare.
    static let jsIdentStart: UInt8 = 1 << 6   // identStart plus `$`
    static let jsIdentContinue: UInt8 = 1 << 7 // identContinue plus `$`

    /// Built from ranges at first use: a 256-element array literal is avoided on purpose.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in 0..<256 {
            var c: UInt8 = 0
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
            let isDigit = b >= 0x30 && b <= 0x39
            if isLetter { c |= identStart | identContinue }
            if isDigit { c |= digit | identContinue | hexDigit }
            if (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) { c |= hexDigit }
            if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { c |= space }
            if b == 0x0A || b == 0x0D { c |= lineEnd }
            if isLetter || b == 0x24 { c |= jsIdentStart }
            if isLetter || isDigit || b == 0x24 { c |= jsIdentContinue }
            t[b] = c
        }
        return t
    }()

    /// ASCII letter, digit or `_`.
    @inline(__always) static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    /// The same table behind an immortal pointer, so hot loops index it without bounds checks or
    /// lazy-initialisation checks. Written once, then only read.
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for k in 0..<256 { p[k] = table[k] }
        return UnsafePointer(p)
    }()
}

/// ASCII codes used by the lexers, named so the scanning code reads like the grammar it follows.
enum ASCII {
    static let nul: UInt8 = 0x00, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang: UInt8 = 0x21, dquote: UInt8 = 0x22, hash: UInt8 = 0x23, dollar: UInt8 = 0x24
    static let percent: UInt8 = 0x25, amp: UInt8 = 0x26, squote: UInt8 = 0x27
    static let lparen: UInt8 = 0x28, rparen: UInt8 = 0x29, star: UInt8 = 0x2A, plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30, colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B
    static let lt: UInt8 = 0x3C, eq: UInt8 = 0x3D, gt: UInt8 = 0x3E, question: UInt8 = 0x3F, at: UInt8 = 0x40
    static let lbracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, rbracket: UInt8 = 0x5D, caret: UInt8 = 0x5E
    static let underscore: UInt8 = 0x5F, backtick: UInt8 = 0x60
    static let lbrace: UInt8 = 0x7B, pipe: UInt8 = 0x7C, rbrace: UInt8 = 0x7D, tilde: UInt8 = 0x7E
}

/// Reads the limit on nesting (interpolations, brackets, JSX elements) all lexers share; deeper input
/// gets a problem and is lexed flat instead of growing the stacks without bound.
enum LexLimits {
    static let maxNesting = 1_000
}
