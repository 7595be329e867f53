/// The words `RubyStructure.parse` acts on, told apart on the token's bytes: the length picks a few
/// candidates, compared as literals. (A byte-word set test, then a `String` per word compared with each
/// case of a switch over strings, cost several times as much.)
enum RubyStatementWord: String, CaseIterable {
    case def, `class`, module, `if`, unless, `while`, until, elsif, `else`, `for`, begin, `case`, `do`, end, rescue, ensure
    case require, requireRelative = "require_relative", gem
}

extension TokenView {
    /// The statement word token `index` spells, or nil for any other token.
    @inline(__always) func rubyStatementWord(_ index: Int) -> RubyStatementWord? {
        let token = tokens[index]
        guard token.kind == .identifier else { return nil }
        switch token.end - token.start {
        case 2:
            if self.is(index, "if") { return .if } else if self.is(index, "do") { return .do } else { return nil }
        case 3:
            if self.is(index, "end") { return .end } else if self.is(index, "def") { return .def }
            else if self.is(index, "for") { return .for } else if self.is(index, "gem") { return .gem } else { return nil }
        case 4:
            if self.is(index, "else") { return .else } else if self.is(index, "case") { return .case } else { return nil }
        case 5:
            if self.is(index, "class") { return .class } else if self.is(index, "while") { return .while }
            else if self.is(index, "until") { return .until } else if self.is(index, "elsif") { return .elsif }
            else if self.is(index, "begin") { return .begin } else { return nil }
        case 6:
            if self.is(index, "module") { return .module } else if self.is(index, "unless") { return .unless }
            else if self.is(index, "rescue") { return .rescue } else if self.is(index, "ensure") { return .ensure } else { return nil }
        case 7:
            return self.is(index, "require") ? .require : nil
        case 16:
            return self.is(index, "require_relative") ? .requireRelative : nil
        default:
            return nil
        }
    }
}
