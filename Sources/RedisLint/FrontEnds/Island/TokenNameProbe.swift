/// Names to look for among tokens, compared as their `String`s compare but without a `String` per
/// token: by bytes, and by `String` only where a name or the token is not ASCII (there canonical
/// equivalence can make different bytes equal: the Kelvin sign is "K").
struct TokenNameProbe {
    let names: [String]
    /// Bit `n` set: name `n` is ASCII (names past the 64th count as not ASCII: compared as `String`s).
    /// A mask and the names' own UTF-8 views, not a byte array per name: a probe is made per test.
    private let asciiNames: UInt64

    init(_ names: [String]) {
        self.names = names
        var mask: UInt64 = 0
        for (offset, name) in names.prefix(64).enumerated() where name.utf8.allSatisfy({ $0 < 0x80 }) { mask |= 1 << UInt64(offset) }
        asciiNames = mask
    }

    /// Does token `index`'s text equal one of the names?
    func matches(_ view: TokenView, _ index: Int) -> Bool {
        let token = view[index]
        let start = Int(token.start)
        let length = Int(token.end) - start
        var tokenIsASCII: Bool?
        for (offset, name) in names.enumerated() {
            let utf8 = name.utf8
            if utf8.count == length, utf8.elementsEqual(view.bytes[start..<start + length]) { return true }
            if offset < 64, asciiNames & (1 << UInt64(offset)) != 0 {
                if tokenIsASCII == nil { tokenIsASCII = view.bytes[start..<start + length].allSatisfy { $0 < 0x80 } }
                if tokenIsASCII == true { continue }
            }
            if view.text(index) == name { return true }
        }
        return false
    }
}
