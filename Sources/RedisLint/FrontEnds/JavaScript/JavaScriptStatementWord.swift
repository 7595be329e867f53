/// The words `JavaScriptStructure.parse` acts on, told apart on the token's bytes: the length picks
/// a few candidates, compared as literals (most fail on their first byte). A byte-word set test
/// followed by a `String` and a switch over 19 strings cost about ten times as much per name.
enum JavaScriptStatementWord: String, CaseIterable {
    case `if`, `else`, function, `for`, `while`, `do`, `class`, `import`, require, const, `let`, `var`, this
    case `private`, `public`, protected, readonly, `static`, declare
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
