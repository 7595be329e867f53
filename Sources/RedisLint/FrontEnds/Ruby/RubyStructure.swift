/// Ruby's island parser: `def` (with endless defs), classes and modules, `do … end` and `{ … }`
/// blocks with their `|params|`, loops (`while`, `until`, `for`, iteration blocks), assignments
/// (`x =`, `@x ||=`, `$x =`, constants) and `require`s, matching keyword blocks to their `end`
/// and telling modifier `if`/`unless`/`while` from block openers.
struct RubyStructure {
    let view: TokenView

    static let blockKeywords: Set<String> = ["class", "module", "def", "begin", "case", "if", "unless", "while", "until", "for"]
    /// After these, `if`/`unless`/`while`/`until` start an expression rather than modify one.
    static let expressionStarters: Set<String> = ["=", "(", ",", "||", "&&", "return", "<<", "+=", "||=", "&&=", "[", "{", "=>", "?", ":", "!", "and", "or", "not", "puts", "then", "do", "else", "|"]

    init(view: TokenView) { self.view = view }

    private struct Open {
        var keyword: RubyStatementWord
        var token: Int
        var scope: Scope?
        /// `while cond do`: the `do` belongs to the loop.
        var headerLine: Bool
        /// Scopes guarding the rest of this block after an early exit (`return if x`); they end at its `end`.
        var rests: [Scope] = []
        /// For `if`/`unless`: whether an `else` branch was seen (then no rest-of-block guard).
        var sawElse = false
    }

    func parse() -> FileStructure {
        var structure = FileStructure(reservingFor: view.count)
        var stack: [Open] = []
        var topLevelRests: [Scope] = []
        /// For each open class or module, whether its superclass names a controller (`< ApplicationController`),
        /// and how many do: a `def` asks, and searching every open class's superclass text per `def` was
        /// a thousand instructions each.
        var classes: [Bool] = []
        var controllers = 0
        var index = 0
        while index < view.count {
            let token = view[index]
            if token.kind == .identifier {
                // For every other name the optional is nil, which fails each case on its tag.
                let switchWord = view.rubyStatementWord(index)
                let afterDot = view.isPunct(index - 1, ".") || view.isPunct(index - 1, "&.") || view.isPunct(index - 1, "::")
                let isLabel = view.isPunct(index + 1, ":") && !view[index + 1].flags.contains(.spaceBefore)
                if afterDot || isLabel { index += 1; continue }
                switch switchWord {
                case .def?:
                    let (scope, endless) = function(at: index, inController: controllers > 0, parameters: &structure.parameterList)
                    if endless, let scope { structure.scopes.append(scope) } else { stack.append(Open(keyword: .def, token: index, scope: scope, headerLine: false)) }
                case .class?, .module?:
                    if view.isPunct(index + 1, "<<") {
                        stack.append(Open(keyword: switchWord!, token: index, scope: nil, headerLine: false))
                        classes.append(false)
                    } else {
                        var end = index + 1
                        while end < view.count, view[end].kind != .newline, !view.isPunct(end, ";") { end += 1 }
                        let scope = Scope(kind: .classBody, name: view.kind(index + 1) == .identifier ? view.text(index + 1) : "", body: safeRange(end, end))
                        // The superclass (`< ApplicationController`) says whether the class is a controller; it is not kept.
                        var superclass: String? = nil
                        if let lt = (index + 1..<end).first(where: { view.isPunct($0, "<") }) { superclass = view.compactText(lt + 1..<end) }
                        stack.append(Open(keyword: switchWord!, token: index, scope: scope, headerLine: false))
                        let isController = superclass.map { WordSearch.contains($0, "Controller") } ?? false
                        classes.append(isController)
                        if isController { controllers += 1 }
                    }
                case .if?, .unless?, .while?, .until?:
                    if opensBlock(index) {
                        let loop = switchWord == .while || switchWord == .until
                        let scope = loop ? Scope(kind: .loop, name: switchWord!.rawValue, body: safeRange(index, index))
                            : Scope.conditional(index + 1..<lineEnd(index + 1), body: safeRange(index, index), negated: switchWord == .unless)
                        stack.append(Open(keyword: switchWord!, token: index, scope: scope, headerLine: true))
                    } else if switchWord == .if || switchWord == .unless {
                        // A modifier: `stmt if cond`.
                        let condition = index + 1..<lineEnd(index + 1)
                        let start = statementStart(before: index)
                        structure.scopes.append(.conditional(condition, body: safeRange(start, index), negated: switchWord == .unless))
                        if view.kind(start) == .identifier, EarlyExit.words.contains(view.text(start)) {
                            let rest = Scope.conditional(condition, body: safeRange(condition.upperBound, condition.upperBound), negated: switchWord == .if)
                            if stack.isEmpty { topLevelRests.append(rest) } else { stack[stack.count - 1].rests.append(rest) }
                        }
                    }
                case .elsif?, .else?:
                    if let top = stack.last, top.keyword == .if || top.keyword == .unless, var current = top.scope, current.kind == .conditional {
                        current.body = min(current.body.isEmpty ? bodyStart(top) : current.body.lowerBound, index)..<index
                        structure.scopes.append(current)
                        var next = switchWord == .else ? Scope.conditional(current.condition, body: safeRange(index, index), negated: !current.negated)
                            : Scope.conditional(index + 1..<lineEnd(index + 1), body: safeRange(index, index))
                        next.body = lineEnd(index + 1)..<lineEnd(index + 1)
                        stack[stack.count - 1].scope = next
                        stack[stack.count - 1].sawElse = true
                    }
                case .for?:
                    if opensBlock(index) { stack.append(Open(keyword: .for, token: index, scope: Scope(kind: .loop, name: "for", body: safeRange(index, index)), headerLine: true)) }
                case .begin?, .case?:
                    if switchWord == .case || opensBlock(index) || view.startsLine(index) { stack.append(Open(keyword: switchWord!, token: index, scope: nil, headerLine: false)) }
                case .do?:
                    // `while x do` belongs to the loop on the same line.
                    if !stack.isEmpty, stack[stack.count - 1].headerLine, sameLine(stack[stack.count - 1].token, index) {
                        stack[stack.count - 1].headerLine = false
                    } else {
                        stack.append(Open(keyword: .do, token: index, scope: block(openedAt: index, parameters: &structure.parameterList), headerLine: false))
                    }
                case .end?:
                    if var open = stack.popLast() {
                        // Moved out, not copied (its strings and arrays retained, then released with `open`).
                        if var scope = open.scope.take() {
                            // `x do end` and `if a then b end` on one line: the body may be empty.
                            let start = scope.body.isEmpty ? bodyStart(open) : scope.body.lowerBound
                            scope.body = min(start, index)..<index
                            structure.scopes.append(scope)
                            // `if x ... return end`: the rest of the enclosing block runs when x is false.
                            if scope.kind == .conditional, !open.sawElse, EarlyExit.endsWithExit(view, scope.body) {
                                let rest = Scope.conditional(scope.condition, body: safeRange(index + 1, index + 1), negated: !scope.negated)
                                if stack.isEmpty { topLevelRests.append(rest) } else { stack[stack.count - 1].rests.append(rest) }
                            }
                        }
                        for var rest in open.rests {
                            rest.body = min(rest.body.lowerBound, index)..<index
                            structure.scopes.append(rest)
                        }
                        if open.keyword == .class || open.keyword == .module, let wasController = classes.popLast(), wasController { controllers -= 1 }
                    }
                case .rescue? where view.startsLine(index), .ensure? where view.startsLine(index):
                    // The rest of a block after `raise if x` ends where `rescue`/`ensure` begins: that code
                    // runs whether or not the early exit was taken.
                    if let top = stack.indices.last, !stack[top].rests.isEmpty {
                        for var rest in stack[top].rests {
                            rest.body = safeRange(rest.body.lowerBound, index)
                            structure.scopes.append(rest)
                        }
                        stack[top].rests = []
                    }
                case .require?, .requireRelative?, .gem?:
                    if let argument = firstString(after: index), RedisEvidence.names(argument) { structure.importsRedisModule = true }
                default:
                    if view.startsLine(index) || view.isPunct(index - 1, ";") { assignment(at: index, into: &structure) }
                }
                // The top's flag read in place: `stack.last` copied the whole `Open` (its scope's strings
                // and arrays retained and released) at every name.
                if !stack.isEmpty, stack[stack.count - 1].headerLine, view.kind(index + 1) == .newline || view.isPunct(index + 1, ";") {
                    stack[stack.count - 1].headerLine = false
                }
            } else if token.kind == .punct {
                if view.isPunct(index, "{"), let close = view.close(of: index), isBlockBrace(index) {
                    var scope = block(openedAt: index, parameters: &structure.parameterList)
                    scope.body = safeRange(scope.body.lowerBound, close)
                    structure.scopes.append(scope)
                } else if view.isPunct(index, "@") || view.isPunct(index, "$") {
                    // Sigils lexed separately are unusual; identifiers carry them.
                } else if view.isPunct(index, "->") {
                    // A lambda body is a closure.
                    var open = index + 1
                    if view.isPunct(open, "("), let close = view.close(of: open) { open = close + 1 }
                    if view.isPunct(open, "{"), let close = view.close(of: open) {
                        structure.scopes.append(Scope(kind: .closure, name: "lambda", body: safeRange(open + 1, close)))
                    }
                }
            } else if token.kind == .newline, !stack.isEmpty, stack[stack.count - 1].headerLine {
                stack[stack.count - 1].headerLine = false
            }
            // Instance-variable and global assignments start with a sigil inside the identifier.
            index += 1
        }
        for var rest in topLevelRests {
            rest.body = min(rest.body.lowerBound, view.count)..<view.count
            structure.scopes.append(rest)
        }
        // Unclosed blocks run to the end of the file.
        for open in stack {
            if var scope = open.scope {
                scope.body = min(scope.body.isEmpty ? bodyStart(open) : scope.body.lowerBound, view.count)..<view.count
                structure.scopes.append(scope)
            }
        }
        return structure
    }

    private func bodyStart(_ open: Open) -> Int {
        var index = open.token + 1
        while index < view.count, view[index].kind != .newline, !view.isPunct(index, ";") {
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        return index
    }

    /// The end of the line (or `;`) from `start`, skipping bracketed groups.
    private func lineEnd(_ start: Int) -> Int {
        var index = start
        while index < view.count, view[index].kind != .newline, !view.isPunct(index, ";"), !view.isWord(index, "then") {
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        return min(index, view.count)
    }

    /// The first token of the statement holding `index`.
    private func statementStart(before index: Int) -> Int {
        var i = index
        while i > 0, view[i - 1].kind != .newline, !view.isPunct(i - 1, ";") {
            if view.kind(i - 1) == .punct, view.partner[i - 1] >= 0, Int(view.partner[i - 1]) < i - 1 { i = Int(view.partner[i - 1]); continue }
            i -= 1
        }
        return i
    }

    private func sameLine(_ a: Int, _ b: Int) -> Bool {
        for index in a..<b where view[index].kind == .newline { return false }
        return true
    }

    /// A keyword at the start of a statement or expression opens a block; after a value it is a modifier.
    private func opensBlock(_ index: Int) -> Bool {
        if index == 0 || view.startsLine(index) || view.isPunct(index - 1, ";") { return true }
        let previous = index - 1
        if view.kind(previous) == .newline { return true }
        return RubyStructure.expressionStarters.contains(view.text(previous))
    }

    /// `{` opens a block after a method call (`each {`, `foo(x) {`), a hash literal elsewhere.
    private func isBlockBrace(_ index: Int) -> Bool {
        guard index > 0, !view[index].flags.contains(.lineStart) else { return false }
        let previous = index - 1
        if view.isPunct(previous, ")") { return true }
        guard view.kind(previous) == .identifier else { return false }
        // Compared on the bytes: an array of eleven strings and a `String` per brace cost more than the rest.
        if view.is(previous, "return") || view.is(previous, "if") || view.is(previous, "unless") || view.is(previous, "and")
            || view.is(previous, "or") || view.is(previous, "then") || view.is(previous, "else") || view.is(previous, "when")
            || view.is(previous, "in") || view.is(previous, "puts") || view.is(previous, "p") { return false }
        // `x = {`… is a hash; `foo.bar {` and `loop {` are blocks.
        return !startsUppercase(previous) || view.isPunct(previous - 1, ".")
    }

    /// Whether the name at `index` starts with an uppercase `Character`. An ASCII byte followed by
    /// another (or by the name's end) is a whole `Character`, uppercase exactly when it is `A`…`Z`;
    /// other names ask the `Character`.
    private func startsUppercase(_ index: Int) -> Bool {
        let token = view[index]
        let start = Int(token.start), end = Int(token.end)
        guard start < end, end <= view.bytes.count else { return view.text(index).first?.isUppercase ?? false }
        let first = view.bytes[start]
        if first < 0x80 && (start + 1 == end || view.bytes[start + 1] < 0x80) {
            return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
        }
        return view.text(index).first?.isUppercase ?? false
    }

    /// A `do`/`{` block: parameters `|a, b|`, attached to the call before it.
    /// Its parameters are appended to `parameters` (the file's list).
    private func block(openedAt opener: Int, parameters: inout [Parameter]) -> Scope {
        var scope = Scope(kind: .closure, name: "block", body: safeRange(opener + 1, opener + 1))
        var start = opener + 1
        if view.isPunct(start, "|") {
            var close = start + 1
            while close < view.count, !view.isPunct(close, "|"), view[close].kind != .newline { close += 1 }
            scope.setParameters(ParameterList.parse(view, start + 1..<close, language: .ruby, into: &parameters))
            start = close + 1
        }
        scope.body = start..<start
        scope.attachedToPrecedingCall = true
        scope.opener = opener
        return scope
    }

    /// `def name(params)`, `def self.name params`, `def name = expr` (endless, no `end`).
    /// Its parameters are appended to `parameters` (the file's list).
    private func function(at def: Int, inController: Bool, parameters: inout [Parameter]) -> (Scope?, Bool) {
        var index = def + 1
        guard view.kind(index) == .identifier || view.kind(index) == .punct else { return (nil, false) }
        if view.isPunct(index + 1, "."), index + 2 < view.count { index += 2 }  // `self.name`
        let name = view.text(index)
        var scope = Scope(kind: .function, name: name, body: safeRange(index + 1, index + 1))
        var after = index + 1
        if view.isPunct(after, "("), let close = view.close(of: after) {
            scope.setParameters(ParameterList.parse(view, after + 1..<close, language: .ruby, into: &parameters))
            after = close + 1
        } else {
            var end = after
            while end < view.count, view[end].kind != .newline, !view.isPunct(end, ";"), !view.isPunct(end, "=") { end += 1 }
            scope.setParameters(ParameterList.parse(view, after..<end, language: .ruby, into: &parameters))
            after = end
        }
        if name == "perform" || name == "perform_async" { scope.traceKind = .job }
        if inController && !name.hasPrefix("_") { scope.traceKind = .requestHandler }
        if view.isPunct(after, "=") {
            var end = after + 1
            while end < view.count, view[end].kind != .newline {
                if let close = view.close(of: end) { end = close + 1 } else { end += 1 }
            }
            scope.body = after + 1..<end
            return (scope, true)
        }
        scope.body = after..<after
        return (scope, false)
    }

    private func firstString(after index: Int) -> String? {
        var i = index + 1
        if view.isPunct(i, "(") { i += 1 }
        guard view.kind(i) == .string else { return nil }
        let content = view[i].contentRange
        return String(decoding: view.bytes[content], as: UTF8.self)
    }

    /// `name = value`, `@name ||= value`, `self.name = value`, `NAME = value`.
    private func assignment(at start: Int, into structure: inout FileStructure) {
        var index = start
        while view.isPunct(index + 1, "."), view.kind(index + 2) == .identifier { index += 2 }
        let op = index + 1
        guard view.isPunct(op, "=") || view.isPunct(op, "||=") else { return }
        // The target's text only now: most statements are no assignment.
        let target = view.compactText(start..<index + 1)
        var end = op + 1
        while end < view.count, view[end].kind != .newline, !view.isPunct(end, ";") {
            if let close = view.close(of: end) { end = close + 1 } else { end += 1 }
        }
        structure.assignments.append(Assignment(target: target, value: op + 1..<end, position: start))
    }
}
