/// TypeScript/JavaScript island parser: function declarations and expressions, class methods and
/// object-literal methods, arrow functions (named by their `const`, closures when passed as
/// arguments), loops, classes, `const`/`let`/`var`/member assignments, `import` and `require`.
struct JavaScriptStructure {
    let view: TokenView

    static let notMethodNames: Set<String> = ["if", "for", "while", "switch", "catch", "function", "return", "with", "else", "do", "typeof", "await", "new", "super", "import"]
    private static let sharedNotMethodWords = ByteWords(notMethodNames)

    /// The shared sets, held by the parser: read through the globals, every token paid a `swift_once` call.
    private let notMethodWords = JavaScriptStructure.sharedNotMethodWords
    private let statementWordLengths = JavaScriptStatementWord.lengthsByFirstByte

    init(view: TokenView) { self.view = view }

    func parse() -> FileStructure {
        var structure = FileStructure(reservingFor: view.count)
        var braces: [Int] = []
        var conditionByBodyEnd = BodyEndConditions()
        var index = 0
        while index < view.count {
            index = nextCandidate(from: index)
            guard index < view.count else { break }
            let token = view[index]
            // The kind first, then the length and the byte: most tokens are names, and the `{`, `}`
            // and `=>` tests each re-read and bounds-checked the token.
            if token.kind == .punct {
                let length = token.end - token.start
                let first = view.bytes[Int(token.start)]
                if length == 1 && first == ASCII.lbrace { braces.append(index) }
                else if length == 1 && first == ASCII.rbrace { if !braces.isEmpty { braces.removeLast() } }
                else if length == 2 && first == ASCII.eq && view.bytes[Int(token.start) + 1] == ASCII.gt, let scope = arrow(at: index, parameters: &structure.parameterList) {
                    structure.scopes.append(scope)
                }
            } else if token.kind == .identifier {
                // Optional so that a plain identifier (nil) fails every case at once. The word is asked only
                // when the name's first byte and length may make one: `nextCandidate` also stops at names
                // before `(`, `<` or `=` (calls, assignments), which the word test (~40 instructions) failed.
                let word = mayBeStatementWord(token) ? view.javaScriptStatementWord(index) : nil
                switch word {
                case .if?:
                    guard view.isPunct(index + 1, "("), let close = view.close(of: index + 1) else { break }
                    let condition = index + 2..<close
                    let body: Range<Int>
                    let bodyEnd: Int
                    if view.isPunct(close + 1, "{"), let end = view.close(of: close + 1) {
                        body = close + 2..<end
                        bodyEnd = end
                    } else {
                        let end = expressionEnd(from: close + 1)
                        body = close + 1..<end
                        bodyEnd = end
                    }
                    structure.scopes.append(.conditional(condition, body: body))
                    conditionByBodyEnd.record(condition, bodyEnd: bodyEnd)
                    if EarlyExit.endsWithExit(view, body) {
                        let restEnd = braces.last.flatMap { view.close(of: $0) } ?? view.count
                        structure.scopes.append(.conditional(condition, body: safeRange(bodyEnd + 1, restEnd), negated: true))
                    }
                case .else?:
                    guard let condition = conditionByBodyEnd[index - 1] ?? conditionByBodyEnd[index - 2], !view.isWord(index + 1, "if") else { break }
                    if view.isPunct(index + 1, "{"), let end = view.close(of: index + 1) {
                        structure.scopes.append(.conditional(condition, body: safeRange(index + 2, end), negated: true))
                    } else {
                        structure.scopes.append(.conditional(condition, body: safeRange(index + 1, expressionEnd(from: index + 1)), negated: true))
                    }
                case .function?:
                    if let scope = functionKeyword(at: index, parameters: &structure.parameterList) { structure.scopes.append(scope) }
                case .for?, .while?:
                    if let scope = loop(at: index) { structure.scopes.append(scope) }
                case .do?:
                    if view.isPunct(index + 1, "{"), let close = view.close(of: index + 1) {
                        structure.scopes.append(Scope(kind: .loop, name: "do", body: safeRange(index + 2, close)))
                    }
                case .class?:
                    if let scope = classBody(at: index) { structure.scopes.append(scope) }
                case .import?:
                    imports(at: index, into: &structure)
                case .require?:
                    if view.isPunct(index + 1, "("), view.kind(index + 2) == .string {
                        let module = module(at: index + 2, into: &structure)
                        // `const X = require("m")`, `const { a, b } = require("m")`.
                        if view.isPunct(index - 1, "="), view.kind(index - 2) == .identifier {
                            alias(index - 2, to: module, in: &structure)
                        } else if view.isPunct(index - 1, "="), view.isPunct(index - 2, "}"), view.partner[index - 2] >= 0 {
                            for token in Int(view.partner[index - 2]) + 1..<index - 2 where view.kind(token) == .identifier && !view.isPunct(token + 1, ":") {
                                alias(token, to: module, in: &structure)
                            }
                        }
                    }
                case .const?, .let?, .var?:
                    declaration(at: index, into: &structure)
                case .this?:
                    memberAssignment(at: index, into: &structure)
                case .private?, .public?, .protected?, .readonly?, .static?, .declare?:
                    classField(at: index, into: &structure)
                default:
                    if mayNameMethod(index), let scope = method(at: index, parameters: &structure.parameterList) { structure.scopes.append(scope) }
                    else if view.startsLine(index) || view.isPunct(index - 1, ";") { plainAssignment(at: index, into: &structure) }
                }
            }
            index += 1
        }
        return structure
    }

    /// Might the name `token` be a statement word (`JavaScriptStatementWord.mayBe`)?
    @inline(__always) private func mayBeStatementWord(_ token: Token) -> Bool {
        statementWordLengths.withUnsafeBufferPointer { lengths in
            JavaScriptStatementWord.mayBe(first: view.bytes[Int(token.start)], length: Int(token.end &- token.start), in: lengths)
        }
    }

    /// The first token at or after `start` that `parse` may act on: `{`, `}`, `=>`, a name that may be a
    /// statement word, or a name followed by `(`, `<` or `=` (a method's or function's name, an
    /// assignment's target). `parse` does nothing at every other token (most of them), which cost it a
    /// round of its loop and a word test each; here they cost a few loads over the buffers.
    func nextCandidate(from start: Int) -> Int {
        view.tokens.withUnsafeBufferPointer { tokens in
            view.bytes.withUnsafeBufferPointer { bytes in
                statementWordLengths.withUnsafeBufferPointer { lengths in
                    var index = start
                    let count = tokens.count, byteCount = UInt(bytes.count)
                    // One branch on the kind (most tokens are neither), then the offsets, compared unsigned
                    // (one test for both bounds). Token offsets are 32-bit: their differences cannot overflow.
                    while index < count {
                        let token = tokens[index]
                        switch token.kind {
                        case .punct:
                            let begin = Int(token.start)
                            guard UInt(bitPattern: begin) < byteCount else { break }
                            let first = bytes[begin], length = token.end &- token.start
                            if length == 1 {
                                if first == ASCII.lbrace || first == ASCII.rbrace { return index }
                            } else if length == 2 && first == ASCII.eq && UInt(bitPattern: begin &+ 1) < byteCount
                                        && bytes[begin &+ 1] == ASCII.gt {
                                return index
                            }
                        case .identifier:
                            let begin = Int(token.start)
                            guard UInt(bitPattern: begin) < byteCount else { break }
                            if JavaScriptStatementWord.mayBe(first: bytes[begin], length: Int(token.end &- token.start), in: lengths) { return index }
                            if index &+ 1 < count, case let next = tokens[index &+ 1], next.kind == .punct,
                               next.end &- next.start == 1, UInt(bitPattern: Int(next.start)) < byteCount {
                                let byte = bytes[Int(next.start)]
                                if byte == ASCII.lparen || byte == ASCII.lt || byte == ASCII.eq { return index }
                            }
                        default:
                            break
                        }
                        index &+= 1
                    }
                    return index
                }
            }
        }
    }

    /// `function name(params) {…}` and `function (params) {…}` (a closure when unnamed).
    /// Its parameters are appended to `parameters` (the file's list).
    private func functionKeyword(at keyword: Int, parameters: inout [Parameter]) -> Scope? {
        var index = keyword + 1
        if view.isPunct(index, "*") { index += 1 }
        var name = ""
        if view.kind(index) == .identifier { name = view.text(index); index += 1 }
        while view.isPunct(index, "<"), let close = genericClose(index) { index = close + 1 }
        guard view.isPunct(index, "("), let close = view.close(of: index), let body = braceBody(after: close) else { return nil }
        // `Queue.prototype.isPaused = async function() {…}`, `module.exports.run = function() {…}`,
        // `name: function() {…}`: a named function, not a closure.
        var start = keyword
        if view.isWord(start - 1, "async") { start -= 1 }
        if name.isEmpty, view.isPunct(start - 1, "=") || view.isPunct(start - 1, ":"), view.kind(start - 2) == .identifier {
            name = view.text(start - 2)
        }
        var scope = Scope(kind: name.isEmpty ? .closure : .function, name: name.isEmpty ? "function" : name, body: body)
        scope.setParameters(ParameterList.parse(view, index + 1..<close, language: .javascript, into: &parameters))
        if ["GET", "POST", "PUT", "PATCH", "DELETE", "handler"].contains(name) && (view.isWord(keyword - 1, "export") || view.isWord(keyword - 1, "async") || view.isWord(keyword - 2, "export")) {
            scope.traceKind = .requestHandler
        }
        return scope
    }

    /// A definition's name is followed by its parameters or type parameters, and parameters by the body's
    /// `{` or a return type's `:` (as `braceBody` requires): most names are not (calls: `f(x);`), and are
    /// passed over here without calling `method` (which tests words and returns a large `Scope?`).
    @inline(__always) private func mayNameMethod(_ index: Int) -> Bool {
        if view.isPunct(index + 1, "<") { return true }
        guard view.isPunct(index + 1, "("), let close = view.close(of: index + 1) else { return false }
        return view.isPunct(close + 1, "{") || view.isPunct(close + 1, ":")
    }

    /// `name(params) {` in a class or object literal (`async name(`, `static name(`, `get name(`), at a
    /// name that passed `mayNameMethod`.
    /// Its parameters are appended to `parameters` (the file's list).
    private func method(at index: Int, parameters: inout [Parameter]) -> Scope? {
        guard !notMethodWords.contains(view, index), !view.isPunct(index - 1, "."), !view.isPunct(index - 1, "?."),
              !view.isWord(index - 1, "function"), !view.isWord(index - 1, "new") else { return nil }
        var open = index + 1
        while view.isPunct(open, "<"), let close = genericClose(open) { open = close + 1 }
        guard view.isPunct(open, "("), let close = view.close(of: open), let body = braceBody(after: close) else { return nil }
        var scope = Scope(kind: .function, name: view.text(index), body: body)
        scope.setParameters(ParameterList.parse(view, open + 1..<close, language: .javascript, into: &parameters))
        return scope
    }

    /// The `{…}` body after a parameter list, skipping a TypeScript return type annotation.
    private func braceBody(after close: Int) -> Range<Int>? {
        var index = close + 1
        if view.isPunct(index, ":") {
            index += 1
            var steps = 0
            var angles = 0  // `Promise<{ logs: string[] }>`: a type literal inside type arguments
            while index < view.count, steps < 200 {
                steps += 1
                if view.isPunct(index, ";") || view.isPunct(index, "=>") || view.isPunct(index, "=") { return nil }
                if view.isPunct(index, "<") { angles += 1 }
                if view.isPunct(index, ">") { angles = max(0, angles - 1) }
                if view.isPunct(index, ">>") { angles = max(0, angles - 2) }
                if view.isPunct(index, "{") && angles == 0 && !isTypeLiteralBrace(index) { break }
                if let inner = view.close(of: index) { index = inner + 1 } else { index += 1 }
            }
        }
        guard view.isPunct(index, "{"), let end = view.close(of: index) else { return nil }
        return index + 1..<end
    }

    /// In `(): { a: string } {`, the first brace is a type literal.
    private func isTypeLiteralBrace(_ index: Int) -> Bool {
        guard let close = view.close(of: index) else { return false }
        return view.isPunct(close + 1, "{") || view.isPunct(close + 1, "|") || view.isPunct(close + 1, "&") || view.isPunct(close + 1, "[")
    }

    /// The `>` (or `>>`) closing the type arguments opened by the `<` at `open`, within 200 tokens; nil
    /// when a `{` or `;` comes first. Read over the token and byte buffers, each operator's length and
    /// first byte once: most `<` after a name are comparisons (`i < n`), read on to their `;`, and each
    /// token was tested as five operators through the view.
    func genericClose(_ open: Int) -> Int? {
        view.tokens.withUnsafeBufferPointer { tokens in
            view.bytes.withUnsafeBufferPointer { bytes -> Int? in
                var depth = 0
                var index = max(open, 0)
                let limit = min(tokens.count, open + 200)
                while index < limit {
                    let token = tokens[index]
                    // (A token the lexer made lies inside the bytes; the test keeps a malformed view from reading past them.)
                    if token.kind == .punct, Int(token.end) <= bytes.count {
                        let start = Int(token.start), length = token.end &- token.start
                        if length == 1 {
                            switch bytes[start] {
                            case ASCII.lt: depth += 1
                            case ASCII.gt: depth -= 1; if depth == 0 { return index }
                            case ASCII.lbrace, ASCII.semicolon: return nil
                            default: break
                            }
                        } else if length == 2 && bytes[start] == ASCII.gt && bytes[start + 1] == ASCII.gt {
                            depth -= 2; if depth <= 0 { return index }
                        }
                    }
                    index += 1
                }
                return nil
            }
        }
    }

    /// `(params) => {…}`, `x => expr`, `async (req, res) => {…}`.
    /// Its parameters are appended to `list` (the file's list).
    private func arrow(at arrowToken: Int, parameters list: inout [Parameter]) -> Scope? {
        var parameters = list.count..<list.count
        var headStart = arrowToken - 1
        if view.isPunct(arrowToken - 1, ")"), view.partner[arrowToken - 1] >= 0 {
            let open = Int(view.partner[arrowToken - 1])
            parameters = ParameterList.parse(view, open + 1..<arrowToken - 1, language: .javascript, into: &list)
            headStart = open
        } else if view.kind(arrowToken - 1) == .identifier {
            list.append(Parameter(name: view.text(arrowToken - 1)))
            parameters = list.count - 1..<list.count
        } else {
            // `(x): Type =>`: find the parameter list before the return type.
            var index = arrowToken - 1
            while index > 0, index > arrowToken - 40, !(view.isPunct(index, ")") && view.isPunct(index + 1, ":")) { index -= 1 }
            guard view.isPunct(index, ")"), view.partner[index] >= 0 else { return nil }
            let open = Int(view.partner[index])
            parameters = ParameterList.parse(view, open + 1..<index, language: .javascript, into: &list)
            headStart = open
        }
        if view.isWord(headStart - 1, "async") { headStart -= 1 }
        let body: Range<Int>
        if view.isPunct(arrowToken + 1, "{"), let close = view.close(of: arrowToken + 1) {
            body = arrowToken + 2..<close
        } else {
            body = arrowToken + 1..<expressionEnd(from: arrowToken + 1)
        }
        // Named by the declaration it initialises: `const handler = async (req, res) => {…}`.
        if view.isPunct(headStart - 1, "="), view.kind(headStart - 2) == .identifier,
           view.isWord(headStart - 3, "const") || view.isWord(headStart - 3, "let") || view.isWord(headStart - 3, "var") {
            var scope = Scope(kind: .function, name: view.text(headStart - 2), body: body)
            scope.setParameters(parameters)
            scope.ownerCall = nil
            return scope
        }
        var scope = Scope(kind: .closure, name: "arrow function", body: body)
        scope.setParameters(parameters)
        return scope
    }

    /// The end of an expression body: a `,`, `;` or closing bracket at depth 0, or a line end
    /// where the expression is complete.
    private func expressionEnd(from start: Int) -> Int {
        var index = start
        while index < view.count {
            if view.isPunct(index, ",") || view.isPunct(index, ";") { return index }
            if view.kind(index) == .punct, view.partner[index] >= 0, Int(view.partner[index]) < index { return index }
            if let close = view.close(of: index) { index = close + 1; continue }
            if view.kind(index) == .newline, !continuesExpression(index) { return index }
            index += 1
        }
        return view.count
    }

    private func continuesExpression(_ newline: Int) -> Bool {
        let next = newline + 1
        if view.isPunct(next, ".") || view.isPunct(next, "?.") || view.isPunct(next, "?") || view.isPunct(next, ":") || view.isPunct(next, "+") || view.isPunct(next, "&&") || view.isPunct(next, "||") { return true }
        let previous = newline - 1
        return view.kind(previous) == .punct && !view.isPunct(previous, ")") && !view.isPunct(previous, "]") && !view.isPunct(previous, "}")
    }

    private func loop(at keyword: Int) -> Scope? {
        var head = keyword + 1
        if view.isWord(head, "await") { head += 1 }
        guard view.isPunct(head, "("), let close = view.close(of: head) else { return nil }
        if view.isPunct(close + 1, "{"), let end = view.close(of: close + 1) {
            return Scope(kind: .loop, name: view.text(keyword), body: safeRange(close + 2, end))
        }
        // `do { } while (x);` — the `while` ends a do-loop.
        if view.isPunct(keyword - 1, "}") { return nil }
        return Scope(kind: .loop, name: view.text(keyword), body: safeRange(close + 1, expressionEnd(from: close + 1)))
    }

    private func classBody(at keyword: Int) -> Scope? {
        // (The superclass after `extends` is not kept: nothing reads it.)
        var index = keyword + 1
        while index < view.count, !view.isPunct(index, "{"), index < keyword + 100 { index += 1 }
        guard view.isPunct(index, "{"), let close = view.close(of: index) else { return nil }
        return Scope(kind: .classBody, name: view.kind(keyword + 1) == .identifier ? view.text(keyword + 1) : "", body: safeRange(index + 1, close))
    }

    private func imports(at keyword: Int, into structure: inout FileStructure) {
        // The module first, then the local names before it in order (an array of the names, grown per
        // statement, is not needed).
        var index = keyword + 1
        while index < view.count, index < keyword + 200 {
            if view.kind(index) == .string { break }
            if view.isPunct(index, ";") || view.kind(index) == .newline && view.isWord(index + 1, "import") { return }
            index += 1
        }
        guard index < view.count, index < keyword + 200 else { return }
        let module = module(at: index, into: &structure)
        // `import X from`, `import * as X from`, `import { a, b as c } from`: the local names.
        for name in keyword + 1..<index where view.kind(name) == .identifier && !isImportWord(name) && !view.isWord(name + 1, "as") {
            alias(name, to: module, in: &structure)
        }
    }

    /// Sets `structure.importsRedisModule` when the module named by the string token `token` has Redis in
    /// its name, read on the token's bytes; returns its text when local names bound to it
    /// are kept (`FileStructure.importAliases`: a Redis-named module, or one with a non-ASCII byte, since
    /// `ClientEvidence.isRedisModule` lower-cases the name as a `String`, which can make ASCII of other
    /// characters, the Kelvin sign's "k"), else nil, and then makes no `String` of it. Read on the source's
    /// bytes: the `String` made of them repairs invalid UTF-8 with non-ASCII characters only, so it is
    /// ASCII, and holds the ASCII words, exactly when the bytes do.
    @inline(never) private func module(at token: Int, into structure: inout FileStructure) -> String? {
        let content = view[token].contentRange
        let (named, kept) = view.withSourceBytes(content) { part -> (Bool, Bool) in
            let named = RedisEvidence.names(part)
            return (named, named || part.contains { $0 >= 0x80 })
        }
        guard kept else { return nil }
        let module = SourceString.make(view.bytes, content)
        if named { structure.importsRedisModule = true }
        return module
    }

    /// Binds the local name at token `name` to `module` in `importAliases` when the module is kept there
    /// (`module(at:into:)`; nil: not kept); else a binding of the name made earlier is dropped,
    /// as this one would have replaced it (and with none, no `String` is made). (Not inlined: in `parse`, its code made
    /// the compiler stop inlining `nextCandidate`'s scan there, 10M instructions on the 12 repositories.)
    @inline(never) private func alias(_ name: Int, to module: String?, in structure: inout FileStructure) {
        if let module {
            if structure.importAliases.isEmpty { structure.importAliases = Dictionary(minimumCapacity: 32) }
            structure.importAliases[view.text(name)] = module
        } else if !structure.importAliases.isEmpty {
            structure.importAliases.removeValue(forKey: view.text(name))
        }
    }

    /// `from`, `type`, `as` or `import`, compared on the bytes (an array literal and a `String` per name
    /// made `imports` cost thousands of instructions per statement).
    private func isImportWord(_ index: Int) -> Bool {
        view.is(index, "from") || view.is(index, "type") || view.is(index, "as") || view.is(index, "import")
    }

    /// A member modifier (`private`, `public`, `protected`, `readonly`, `static`, `declare`, `override`),
    /// compared on the bytes.
    private func isModifierWord(_ index: Int) -> Bool {
        guard view.kind(index) == .identifier else { return false }
        return view.is(index, "private") || view.is(index, "public") || view.is(index, "protected") || view.is(index, "readonly")
            || view.is(index, "static") || view.is(index, "declare") || view.is(index, "override")
    }

    /// `const name = value` (also `const name: Type = value`).
    private func declaration(at keyword: Int, into structure: inout FileStructure) {
        guard view.kind(keyword + 1) == .identifier else { return }
        var equals = keyword + 2
        if view.isPunct(equals, ":") {
            while equals < view.count, !view.isPunct(equals, "="), !view.isPunct(equals, ";"), view[equals].kind != .newline || view.isPunct(equals - 1, ":") {
                if let close = view.close(of: equals) { equals = close + 1 } else { equals += 1 }
            }
        }
        guard view.isPunct(equals, "=") else { return }
        structure.assignments.append(Assignment(target: view.text(keyword + 1), value: equals + 1..<expressionEnd(from: equals + 1), position: keyword + 1))
    }

    /// `private cache: Map<string, X> = new Map();` in a class body: a member with a declared type.
    /// Also TypeScript parameter properties (`constructor(readonly pubClient: any, private redis: Redis)`),
    /// which declare members the same way.
    private func classField(at modifier: Int, into structure: inout FileStructure) {
        var index = modifier
        while isModifierWord(index) { index += 1 }
        let isParameterProperty = isInParameterList(modifier)
        guard view.kind(index) == .identifier, view.isPunct(index + 1, ":") || view.isPunct(index + 1, "=") || view.isPunct(index + 1, "?")
                || isParameterProperty && (view.isPunct(index + 1, ",") || view.isPunct(index + 1, ")")) else { return }
        let name = view.text(index)
        var cursor = index + 1
        if view.isPunct(cursor, "?") { cursor += 1 }
        if view.isPunct(cursor, ":") {
            var end = cursor + 1
            var angles = 0
            // The type ends at `=`, `;`, a line end, or (a parameter) the `,` or `)` after it.
            while end < view.count, !view.isPunct(end, "="), !view.isPunct(end, ";"), view[end].kind != .newline || isParameterProperty,
                  !(isParameterProperty && angles == 0 && view.isPunct(end, ",")),
                  !(view.kind(end) == .punct && view.partner[end] >= 0 && Int(view.partner[end]) < end) {
                if view.isPunct(end, "<") { angles += 1 } else if view.isPunct(end, ">") { angles = max(0, angles - 1) }
                if let close = view.close(of: end) { end = close + 1 } else { end += 1 }
            }
            structure.memberTypes[name] = view.compactText(cursor + 1..<end)
            cursor = end
        } else if isParameterProperty {
            structure.memberTypes[name] = "any"  // `constructor(readonly client)`: declared, untyped
        }
        if isParameterProperty { return }  // a default value is not the member's only value
        if view.isPunct(cursor, "=") {
            structure.assignments.append(Assignment(target: "this." + name, value: cursor + 1..<expressionEnd(from: cursor + 1), position: index))
        }
    }

    /// Whether a modifier sits directly inside `constructor(…)`'s parameter list.
    private func isInParameterList(_ modifier: Int) -> Bool {
        var index = modifier - 1
        var steps = 0
        while index > 0, steps < 400 {
            steps += 1
            if view.kind(index) == .punct, view.partner[index] >= 0, Int(view.partner[index]) < index { index = Int(view.partner[index]) - 1; continue }
            if view.isPunct(index, "(") { return view.isWord(index - 1, "constructor") }
            if view.isPunct(index, "{") || view.isPunct(index, ";") || view.isPunct(index, "[") { return false }
            index -= 1
        }
        return false
    }

    /// `this.redis = value`.
    private func memberAssignment(at start: Int, into structure: inout FileStructure) {
        guard view.isPunct(start + 1, "."), view.kind(start + 2) == .identifier, view.isPunct(start + 3, "=") else { return }
        structure.assignments.append(Assignment(target: "this." + view.text(start + 2), value: start + 4..<expressionEnd(from: start + 4), position: start))
    }

    /// `client = value` at the start of a statement.
    private func plainAssignment(at start: Int, into structure: inout FileStructure) {
        guard view.isPunct(start + 1, "=") else { return }
        structure.assignments.append(Assignment(target: view.text(start), value: start + 2..<expressionEnd(from: start + 2), position: start))
    }
}
