/// Swift's island parser: `func`/`init` with labelled, typed parameters, closures (`{ req in … }`,
/// trailing closures attached to the call before them), loops, types with their stored properties
/// (typed properties such as `let redis: RedisConnectionPool` count as parameters of the type's
/// scope), `let`/`var`/member assignments and imports.
struct SwiftStructure {
    let view: TokenView

    /// The words `parse` switches on, matched on bytes first: most identifiers are none of them
    /// and need no `String`.
    private static let sharedStatementWords = ByteWords(["if", "else", "guard", "func", "init", "for", "while", "repeat", "class",
        "struct", "actor", "extension", "enum", "protocol", "import", "let", "var", "self"])

    /// The shared sets, held by the parser: read through the globals, every token paid a `swift_once` call.
    private let statementWords = SwiftStructure.sharedStatementWords
    private let blockKeywords = SwiftStructure.sharedBlockKeywords
    private let declarationKeywords = SwiftStructure.sharedDeclarationKeywords

    init(view: TokenView) { self.view = view }

    func parse() -> FileStructure {
        var structure = FileStructure(reservingFor: view.count)
        var braces: [Int] = []
        var conditionByBodyEnd: [Int: Range<Int>] = [:]
        var index = 0
        while index < view.count {
            let token = view[index]
            if token.kind == .identifier {
                switch statementWords.contains(view, index) ? view.text(index) : "" {
                // The commonest first: each case that does not match is a call to compare strings. ("" is
                // not a statement word, most identifiers; every word is in one case only, so the order of
                // the cases changes no answer.)
                case "":
                    break
                case "let", "var":
                    declaration(at: index, into: &structure)
                case "self":
                    if view.startsLine(index), view.isPunct(index + 1, "."), view.kind(index + 2) == .identifier, view.isPunct(index + 3, "=") {
                        structure.assignments.append(Assignment(target: "self." + view.text(index + 2), value: index + 4..<lineEnd(index + 4), position: index))
                    }
                case "if" where !view.isPunct(index - 1, "#"):
                    guard let body = bodyBrace(from: index + 1) else { break }
                    let condition = index + 1..<body.lowerBound - 1
                    structure.scopes.append(.conditional(condition, body: body))
                    conditionByBodyEnd[body.upperBound] = condition
                    if EarlyExit.endsWithExit(view, body) {
                        let restEnd = braces.last.flatMap { view.close(of: $0) } ?? view.count
                        structure.scopes.append(.conditional(condition, body: safeRange(body.upperBound + 1, restEnd), negated: true))
                    }
                case "else" where view.isPunct(index + 1, "{"):
                    if let condition = conditionByBodyEnd[index - 1], let end = view.close(of: index + 1) {
                        structure.scopes.append(.conditional(condition, body: safeRange(index + 2, end), negated: true))
                    }
                case "guard":
                    // `guard cond else { return }`: the rest of the block runs when cond holds.
                    var elseToken = index + 1
                    while elseToken < view.count, !view.isWord(elseToken, "else"), !view.isPunct(elseToken, "{") {
                        if let close = view.close(of: elseToken) { elseToken = close + 1 } else { elseToken += 1 }
                    }
                    guard view.isWord(elseToken, "else"), view.isPunct(elseToken + 1, "{"), let end = view.close(of: elseToken + 1) else { break }
                    let condition = index + 1..<elseToken
                    structure.scopes.append(.conditional(condition, body: safeRange(elseToken + 2, end), negated: true))
                    let restEnd = braces.last.flatMap { view.close(of: $0) } ?? view.count
                    structure.scopes.append(.conditional(condition, body: safeRange(end + 1, restEnd)))
                case "func", "init":
                    // `RedisKey.init(_:)`, `self.init(…)`, `super.init(…)`: a reference or a call, not a declaration.
                    if !view.isPunct(index - 1, "."), let scope = function(at: index, parameters: &structure.parameterList) { structure.scopes.append(scope) }
                case "for", "while":
                    // `func f(_ key: String, for request: Request)`: an argument label, not a loop.
                    let isLabel = view.isPunct(index - 1, "(") || view.isPunct(index - 1, ",") || view.isPunct(index + 1, ":")
                        || view.kind(index + 1) == .identifier && view.isPunct(index + 2, ":")
                    if !isLabel, let body = bodyBrace(from: index + 1) { structure.scopes.append(Scope(kind: .loop, name: view.text(index), body: body)) }
                case "repeat":
                    if view.isPunct(index + 1, "{"), let close = view.close(of: index + 1) {
                        structure.scopes.append(Scope(kind: .loop, name: "repeat", body: safeRange(index + 2, close)))
                    }
                case "class", "struct", "actor", "extension", "enum", "protocol":
                    if let scope = typeBody(at: index, parameters: &structure.parameterList) { structure.scopes.append(scope) }
                case "import":
                    var module = index + 1
                    while view.kind(module) == .identifier, ["class", "struct", "func", "enum", "protocol", "typealias", "var", "let"].contains(view.text(module)) { module += 1 }
                    if !structure.importsRedisModule, view.kind(module) == .identifier {
                        structure.importsRedisModule = RedisEvidence.names(view.text(module))
                    }
                default:
                    break
                }
            } else if token.kind == .punct, token.end - token.start == 1 {
                // The kind, length and byte read once: the `{` and `}` tests each re-read and bounds-checked
                // every token.
                let byte = view.bytes[Int(token.start)]
                if byte == ASCII.lbrace {
                    braces.append(index)
                    if let close = view.close(of: index), let scope = closure(at: index, close: close, parameters: &structure.parameterList) { structure.scopes.append(scope) }
                } else if byte == ASCII.rbrace, !braces.isEmpty {
                    braces.removeLast()
                }
            }
            index += 1
        }
        return structure
    }

    /// Its parameters are appended to `parameters` (the file's list).
    private func function(at keyword: Int, parameters: inout [Parameter]) -> Scope? {
        var index = keyword + 1
        var name = "init"
        if view.text(keyword) == "func" {
            guard view.kind(index) == .identifier || view.kind(index) == .punct else { return nil }
            name = view.text(index)
            index += 1
        } else if view.isPunct(index, "?") || view.isPunct(index, "!") {
            index += 1
        }
        let constraints = genericConstraints(at: &index)
        guard view.isPunct(index, "("), let close = view.close(of: index) else { return nil }
        guard let body = bodyBrace(from: close + 1) else { return nil }
        var scope = Scope(kind: .function, name: name, body: body)
        let range = ParameterList.parse(view, index + 1..<close, language: .swift, into: &parameters)
        constrain(range, by: constraints, in: &parameters)
        scope.setParameters(range)
        return scope
    }

    /// Generic parameters at `index` (`<Client: RedisClient>`, on a function or a type), which is moved past them:
    /// per generic parameter, the token of its constraint.
    private func genericConstraints(at index: inout Int) -> [String: Int] {
        guard view.isPunct(index, "<") else { return [:] }
        var constraints: [String: Int] = [:]
        let open = index
        while index < view.count, !view.isPunct(index, ">"), index < open + 100 { index += 1 }
        var cursor = open + 1
        while cursor + 2 < index {
            if view.kind(cursor) == .identifier, view.isPunct(cursor + 1, ":"), view.kind(cursor + 2) == .identifier {
                constraints[view.text(cursor)] = cursor + 2
            }
            cursor += 1
        }
        index += 1
        return constraints
    }

    /// Parameters or stored properties typed with a generic parameter take its constraint as their type
    /// (`_ client: Client` where `<Client: RedisClient>` counts as a RedisClient).
    private func constrain(_ range: Range<Int>, by constraints: [String: Int], in parameters: inout [Parameter]) {
        guard !constraints.isEmpty else { return }
        for position in range {
            if let type = parameters[position].type(in: view), let constraint = constraints[type] { parameters[position].setType(token: constraint) }
        }
    }

    /// The `{…}` after a header (`for x in y {`, `) async throws -> T where … {`).
    private func bodyBrace(from start: Int) -> Range<Int>? {
        var index = start
        var steps = 0
        while index < view.count, steps < 400 {
            steps += 1
            if view.isPunct(index, "{"), let close = view.close(of: index) {
                // A closure argument inside the header (`for x in xs.filter { $0 > 1 } {`) is skipped.
                if view.isPunct(close + 1, "{") || !isHeaderClosure(index) { return index + 1..<close }
                index = close + 1
                continue
            }
            if view.isPunct(index, ";") || view.isPunct(index, "}") { return nil }
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        return nil
    }

    private func isHeaderClosure(_ brace: Int) -> Bool {
        guard let close = view.close(of: brace) else { return false }
        return view.isPunct(close + 1, "{") || view.isPunct(close + 1, ".")
    }

    /// Its typed stored properties are appended to `parameters` (the file's list).
    private func typeBody(at keyword: Int, parameters: inout [Parameter]) -> Scope? {
        var index = keyword + 1
        // `struct Queue<Client: RedisClient> { let client: Client }`: the property is a RedisClient.
        var constraints: [String: Int] = [:]
        if view.kind(index) == .identifier {
            var generics = index + 1
            constraints = genericConstraints(at: &generics)
        }
        var steps = 0
        while index < view.count, !view.isPunct(index, "{"), steps < 200 {
            steps += 1
            if view.isPunct(index, "}") || view.isPunct(index, ";") { return nil }
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        guard view.isPunct(index, "{"), let close = view.close(of: index) else { return nil }
        var scope = Scope(kind: .classBody, name: view.kind(keyword + 1) == .identifier ? view.text(keyword + 1) : "", body: safeRange(index + 1, close))
        // Typed stored properties are visible to every method as if they were parameters.
        let first = parameters.count
        var member = index + 1
        while member < close {
            if let inner = view.close(of: member) {
                member = inner + 1
                continue
            }
            if view.isWord(member, "let") || view.isWord(member, "var"), view.kind(member + 1) == .identifier, view.isPunct(member + 2, ":") {
                var typeEnd = member + 3
                while typeEnd < close, view[typeEnd].kind != .newline, !view.isPunct(typeEnd, "="), !view.isPunct(typeEnd, "{") { typeEnd += 1 }
                parameters.append(Parameter(name: view.text(member + 1), typeTokens: member + 3..<typeEnd))
            }
            member += 1
        }
        constrain(first..<parameters.count, by: constraints, in: &parameters)
        scope.setParameters(first..<parameters.count)
        return scope
    }

    /// A closure: `{ req in … }`, `{ (x: Int) async throws -> T in … }`, or a parameterless one
    /// after a call (`app.get("x") { … }`). Braces of statements and types are not closures.
    /// Its parameters are appended to `parameters` (the file's list).
    private func closure(at open: Int, close: Int, parameters: inout [Parameter]) -> Scope? {
        let previous = open - 1
        if previous >= 0 {
            if view.kind(previous) == .identifier {
                if blockKeywords.contains(view, previous) { return nil }
                if isDeclarationHeader(open) { return nil }
            }
        }
        var scope = Scope(kind: .closure, name: "closure", body: safeRange(open + 1, close))
        // Parameters before `in` on the first line.
        var index = open + 1
        var steps = 0
        while index < close, steps < 100, view[index].kind != .newline || index == open + 1 {
            steps += 1
            if view.isWord(index, "in") {
                var start = open + 1
                var end = index
                if view.isPunct(start, "("), let paren = view.close(of: start), paren < index { start += 1; end = paren }
                if view.isPunct(start, "["), let bracket = view.close(of: start), bracket < index { start = bracket + 1 }  // capture list
                scope.setParameters(ParameterList.parse(view, start..<end, language: .swift, into: &parameters))
                scope.body = index + 1..<close
                break
            }
            if let inner = view.close(of: index) { index = inner + 1 } else { index += 1 }
        }
        let attached = view.isPunct(previous, ")") || view.kind(previous) == .identifier
        scope.attachedToPrecedingCall = attached
        scope.opener = open
        return scope
    }

    /// Words (matched on bytes) whose `{` opens a statement's block, not a closure.
    private static let sharedBlockKeywords = ByteWords(["else", "do", "defer", "repeat", "catch", "get", "set", "willSet", "didSet",
        "throws", "async", "rethrows"])
    /// Words that start a statement or declaration with a `{` body.
    private static let sharedDeclarationKeywords = ByteWords(["if", "guard", "while", "for", "switch", "func", "init", "struct", "class",
        "enum", "extension", "protocol", "actor", "catch", "case", "var", "let", "subscript", "deinit"])

    /// Is this `{` the body of a statement or declaration (`if x {`, `struct A {`, `func f() {`)?
    private func isDeclarationHeader(_ open: Int) -> Bool {
        var index = open - 1
        var steps = 0
        while index >= 0, steps < 200 {
            steps += 1
            if view[index].kind == .newline && !view.isPunct(index - 1, ",") { return false }
            if view.isWord(index, in: declarationKeywords) {
                return true
            }
            if view.kind(index) == .punct, view.partner[index] >= 0, Int(view.partner[index]) < index { index = Int(view.partner[index]) - 1; continue }
            if view.isPunct(index, "{") || view.isPunct(index, "}") || view.isPunct(index, "=") { return false }
            index -= 1
        }
        return false
    }

    private func declaration(at keyword: Int, into structure: inout FileStructure) {
        guard view.kind(keyword + 1) == .identifier else { return }
        var equals = keyword + 2
        if view.isPunct(equals, ":") {
            while equals < view.count, view[equals].kind != .newline, !view.isPunct(equals, "="), !view.isPunct(equals, "{") { equals += 1 }
        }
        guard view.isPunct(equals, "=") else { return }
        structure.assignments.append(Assignment(target: view.text(keyword + 1), value: equals + 1..<lineEnd(equals + 1), position: keyword + 1))
    }

    private func lineEnd(_ start: Int) -> Int {
        var index = start
        while index < view.count, view[index].kind != .newline {
            if let close = view.close(of: index) { index = close + 1 } else { index += 1 }
        }
        return index
    }
}
