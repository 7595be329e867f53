/// The words `JavaScriptStructure.parse` acts on, told apart on the token's bytes: the length picks
/// a few candidates, compared as literals (most fail on their first byte). A byte-word set test
/// followed by a `String` and a switch over 19 strings cost about ten times as much per name.
enum JavaScriptStatementWord: String, CaseIterable {
    case `if`, `else`, function, `for`, `while`, `do`, `class`, `import`, require, const, `let`, `var`, this
    case `private`, `public`, protected, readonly, `static`, declare
}

extension JavaScriptStatementWord {
    /// For each first byte, a bit per length (`1 << count`) some statement word of that first byte has:
    /// a name fails it unless it may be one of these words (`for`, `foo`: yes; `first`, `x`: no).
    static let lengthsByFirstByte: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for word in allCases {
            let utf8 = Array(word.rawValue.utf8)
            table[Int(utf8[0])] |= 1 << utf8.count
        }
        return table
    }()

    /// Might a name of `length` bytes starting with `first` be a statement word? (`lengths` is `lengthsByFirstByte`.)
    @inline(__always) static func mayBe(first: UInt8, length: Int, in lengths: UnsafeBufferPointer<UInt16>) -> Bool {
        length > 0 && length < 16 && lengths[Int(first)] & (1 << UInt16(length)) != 0
    }
}

extension TokenView {
    /// The statement word token `index` spells, or nil for any other token. (A method of the view, not
    /// an initializer taking it: passed as an argument, the view's three arrays were retained per name.)
    @inline(__always) func javaScriptStatementWord(_ index: Int) -> JavaScriptStatementWord? {
        let token = tokens[index]
        guard token.kind == .identifier else { return nil }
        switch token.end - token.start {
        case 2:
            if self.is(index, "if") { return .if } else if self.is(index, "do") { return .do } else { return nil }
        case 3:
            if self.is(index, "for") { return .for } else if self.is(index, "let") { return .let } else if self.is(index, "var") { return .var } else { return nil }
        case 4:
            if self.is(index, "this") { return .this } else if self.is(index, "else") { return .else } else { return nil }
        case 5:
            if self.is(index, "const") { return .const } else if self.is(index, "while") { return .while } else if self.is(index, "class") { return .class } else { return nil }
        case 6:
            if self.is(index, "import") { return .import } else if self.is(index, "public") { return .public } else if self.is(index, "static") { return .static } else { return nil }
        case 7:
            if self.is(index, "require") { return .require } else if self.is(index, "private") { return .private } else if self.is(index, "declare") { return .declare } else { return nil }
        case 8:
            if self.is(index, "function") { return .function } else if self.is(index, "readonly") { return .readonly } else { return nil }
        case 9:
            if self.is(index, "protected") { return .protected } else { return nil }
        default:
            return nil
        }
    }
}
