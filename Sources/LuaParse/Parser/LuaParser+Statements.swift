/// Statements: `statement`, `block`, `chunk` and their helpers in lparser.c.
extension LuaParser {
    static let semicolon = LuaTokenKind(byte: UInt8(ascii: ";"))
    static let comma = LuaTokenKind(byte: UInt8(ascii: ","))
    static let assign = LuaTokenKind(byte: UInt8(ascii: "="))
    static let openParen = LuaTokenKind(byte: UInt8(ascii: "("))
    static let closeParen = LuaTokenKind(byte: UInt8(ascii: ")"))
    static let dot = LuaTokenKind(byte: UInt8(ascii: "."))
    static let colon = LuaTokenKind(byte: UInt8(ascii: ":"))
    static let openBracket = LuaTokenKind(byte: UInt8(ascii: "["))
    static let closeBracket = LuaTokenKind(byte: UInt8(ascii: "]"))
    static let openBrace = LuaTokenKind(byte: UInt8(ascii: "{"))
    static let closeBrace = LuaTokenKind(byte: UInt8(ascii: "}"))

    /// `block`: a chunk in its own scope (locals declared inside stop counting at its end).
    mutating func parseBlock() throws(Abort) -> LuaBlock {
        let saved = currentFunction.activeLocals
        let block = try parseChunkBody()
        currentFunction.activeLocals = saved
        return block
    }

    /// `chunk`: statements until a block-closing token, the last one possibly `return`/`break`.
    mutating func parseChunkBody() throws(Abort) -> LuaBlock {
        let start = current.start
        try enterLevel()
        let mark = pendingStatements.count
        var isLast = false
        while !isLast && !Self.blockFollow(current.kind) {
            let statement = try parseStatement()
            isLast = statement.isLastStatement
            pendingStatements.append(statement)
            _ = try testNext(Self.semicolon)
        }
        leaveLevel()
        let statements = pendingStatements.moveList(from: mark, to: &storage.statements)
        return LuaBlock(statements: statements, span: start..<max(start, previousEnd))
    }

    /// Appends a declared name to `storage.declaredNames` (see `LuaNameList`).
    mutating func declareName(_ name: LuaName) {
        storage.declaredNames.append(name)
    }

    /// The names appended from `mark` on, as a list.
    func nameList(from mark: Int) -> LuaNameList {
        LuaNameList(start: Int32(mark), end: Int32(storage.declaredNames.count))
    }

    /// `new_localvar`'s limit check: `index` is the position within the declaring statement.
    mutating func checkLocalLimit(_ index: Int) throws(Abort) {
        if currentFunction.activeLocals + index + 1 > 200 { try limitError(200, "local variables") }
    }

    mutating func activateLocals(_ count: Int) {
        currentFunction.activeLocals += count
        declaredLocalCount += count
    }

    /// `mutating` though it changes nothing: a non-mutating call takes a copy of the parser before its
    /// arguments are evaluated, and an argument that parses (`finish(.returnValues(try parse…))`) then
    /// appended to a node array the copy shared, copying the whole array at every node.
    mutating func finish(_ kind: LuaStatement.Kind, _ start: Int, _ line: Int) -> LuaStatement {
        LuaStatement(kind: kind, span: start..<max(start, previousEnd), line: line)
    }

    mutating func parseStatement() throws(Abort) -> LuaStatement {
        let line = lineNumber
        let start = current.start
        switch current.kind {
        case .if:
            return try parseIf(line: line, start: start)
        case .while:
            try advance()
            let condition = try parseExpression()
            try checkNext(.do)
            currentFunction.loopDepth += 1
            let body = try parseBlock()
            currentFunction.loopDepth -= 1
            try checkMatch(.end, .while, line: line)
            return finish(.whileLoop(condition: condition, body: body), start, line)
        case .do:
            try advance()
            let body = try parseBlock()
            try checkMatch(.end, .do, line: line)
            return finish(.doBlock(body), start, line)
        case .for:
            return try parseFor(line: line, start: start)
        case .repeat:
            try advance()
            currentFunction.loopDepth += 1
            let saved = currentFunction.activeLocals
            let body = try parseChunkBody()
            try checkMatch(.until, .repeat, line: line)
            // The condition sees the body's locals.
            let condition = try parseExpression()
            currentFunction.activeLocals = saved
            currentFunction.loopDepth -= 1
            return finish(.repeatLoop(body: body, condition: condition), start, line)
        case .function:
            try advance()
            let base = try checkName()
            let mark = storage.declaredNames.count
            while current.kind == Self.dot {
                try advance()
                declareName(try checkName())
            }
            let hasMethod = current.kind == Self.colon
            if hasMethod {
                try advance()
                declareName(try checkName())
            }
            let name = LuaFunctionName(base: base, rest: nameList(from: mark), hasMethod: hasMethod)
            let function = try parseFunctionBody(hasSelf: hasMethod, line: line, start: start)
            return finish(.function(name: name, function: function.id), start, line)
        case .local:
            try advance()
            if try testNext(.function) {
                let name = try checkName()
                try checkLocalLimit(0)
                activateLocals(1)
                let function = try parseFunctionBody(hasSelf: false, line: lineNumber, start: start)
                return finish(.localFunction(name: name, function: function.id), start, line)
            }
            let mark = storage.declaredNames.count
            declareName(try checkName())
            try checkLocalLimit(0)
            while try testNext(Self.comma) {
                let name = try checkName()
                try checkLocalLimit(storage.declaredNames.count - mark)
                declareName(name)
            }
            let names = nameList(from: mark)
            var values = LuaExpressionList.empty
            if try testNext(Self.assign) { values = try parseExpressionList() }
            activateLocals(names.count)
            return finish(.local(names: names, values: values), start, line)
        case .return:
            try advance()
            if Self.blockFollow(current.kind) || current.kind == Self.semicolon { return finish(.returnValues(.empty), start, line) }
            return finish(.returnValues(try parseExpressionList()), start, line)
        case .break:
            try advance()
            if currentFunction.loopDepth == 0 { try syntaxError("no loop to break") }
            return finish(.breakLoop, start, line)
        default:
            return try parseExpressionStatement(line: line, start: start)
        }
    }

    mutating func parseIf(line: Int, start: Int) throws(Abort) -> LuaStatement {
        try advance()
        let mark = pendingClauses.count
        while true {
            let condition = try parseExpression()
            try checkNext(.then)
            let block = try parseBlock()
            pendingClauses.append(LuaConditionalBlock(condition: condition, block: block))
            guard current.kind == .elseif else { break }
            try advance()
        }
        var elseBlock: LuaBlock?
        if current.kind == .else {
            try advance()
            elseBlock = try parseBlock()
        }
        try checkMatch(.end, .if, line: line)
        let clauses = pendingClauses.moveList(from: mark, to: &storage.clauses)
        return finish(.ifThen(clauses: clauses, elseBlock: elseBlock), start, line)
    }

    mutating func parseFor(line: Int, start: Int) throws(Abort) -> LuaStatement {
        let saved = currentFunction.activeLocals
        defer { currentFunction.activeLocals = saved }
        try advance()
        // Three hidden control locals precede the declared ones, as in luac.
        let first = try checkName()
        if current.kind == Self.assign || current.kind == Self.comma || current.kind == .in {
            for index in 0..<4 { try checkLocalLimit(index) }
        }
        let kind: LuaStatement.Kind
        switch current.kind {
        case Self.assign:
            try advance()
            let startValue = try parseExpression()
            try checkNext(Self.comma)
            let limit = try parseExpression()
            var step: LuaExpressionRef?
            if try testNext(Self.comma) { step = try parseExpression() }
            let body = try parseForBody(declared: 1)
            kind = .numericFor(variable: first, start: startValue, limit: limit, step: step, body: body)
        case Self.comma, .in:
            let mark = storage.declaredNames.count
            declareName(first)
            while try testNext(Self.comma) {
                let name = try checkName()
                try checkLocalLimit(3 + storage.declaredNames.count - mark)
                declareName(name)
            }
            let names = nameList(from: mark)
            try checkNext(.in)
            let expressions = try parseExpressionList()
            let body = try parseForBody(declared: names.count)
            kind = .genericFor(names: names, expressions: expressions, body: body)
        default:
            try syntaxError("'=' or 'in' expected")
        }
        try checkMatch(.end, .for, line: line)
        return finish(kind, start, line)
    }

    mutating func parseForBody(declared: Int) throws(Abort) -> LuaBlock {
        activateLocals(3)
        try checkNext(.do)
        activateLocals(declared)
        currentFunction.loopDepth += 1
        let body = try parseBlock()
        currentFunction.loopDepth -= 1
        return body
    }

    /// `exprstat`: a call, or an assignment to one or more variables.
    mutating func parseExpressionStatement(line: Int, start: Int) throws(Abort) -> LuaStatement {
        let first = try parsePrimaryExpression()
        if isCall(first) { return finish(.call(first), start, line) }
        // The latest target is tested before it joins the list.
        guard isAssignable(first) else { try syntaxError("syntax error") }
        if current.kind != Self.comma {
            let target = singleList(first)
            try checkNext(Self.assign)
            return finish(.assignment(targets: target, values: try parseExpressionList()), start, line)
        }
        let mark = pendingRefs.count
        pendingRefs.append(first)
        while try testNext(Self.comma) {
            let next = try parsePrimaryExpression()
            let limit = options.maxSyntaxLevels - level
            if pendingRefs.count - mark > limit { try limitError(limit, "variables in assignment") }
            guard isAssignable(next) else { try syntaxError("syntax error") }
            pendingRefs.append(next)
        }
        let targets = pendingRefs.moveList(from: mark, to: &storage.lists)
        try checkNext(Self.assign)
        let values = try parseExpressionList()
        return finish(.assignment(targets: targets, values: values), start, line)
    }

    /// `body`: parameters, then statements up to the matching `end`, in a new function.
    /// Returns the function's id and span (the function itself is in `storage.functions`).
    mutating func parseFunctionBody(hasSelf: Bool, line: Int, start: Int) throws(Abort) -> (id: Int, span: Range<Int>) {
        functionCounter += 1
        let id = functionCounter
        storage.functions.append(.placeholder)
        enclosingFunctions.append(currentFunction)
        currentFunction = FunctionState(isVararg: false, activeLocals: 0, line: line, loopDepth: 0)
        try checkNext(Self.openParen)
        if hasSelf { activateLocals(1) }
        let mark = storage.declaredNames.count
        var isVararg = false
        var declared = 0
        if current.kind != Self.closeParen {
            repeat {
                switch current.kind {
                case .name:
                    let name = try checkName()
                    try checkLocalLimit(declared)
                    declareName(name)
                    declared += 1
                case .dots:
                    try advance()
                    // LUA_COMPAT_VARARG: a vararg function also gets a local `arg`.
                    try checkLocalLimit(declared)
                    declared += 1
                    isVararg = true
                default:
                    try syntaxError("<name> or '...' expected")
                }
                if isVararg { break }
            } while try testNext(Self.comma)
        }
        let parameters = nameList(from: mark)
        activateLocals(declared)
        currentFunction.isVararg = isVararg
        try checkNext(Self.closeParen)
        let body = try parseChunkBody()
        try checkMatch(.end, .function, line: line)
        currentFunction = enclosingFunctions.removeLast()
        let span = start..<previousEnd
        storage.functions[id - 1] = LuaFunction(id: id, parameterList: parameters, isVararg: isVararg, hasSelf: hasSelf,
                                                body: body, span: span, line: line)
        return (id, span)
    }

    func isCall(_ ref: LuaExpressionRef) -> Bool {
        switch storage[ref].kind {
        case .call, .methodCall: return true
        case .suffixChain(_, let suffixes):
            if case .index = storage.suffixes[Int(suffixes.end) - 1] { return false }
            return true
        default: return false
        }
    }

    /// luac's `VLOCAL <= k <= VINDEXED`: names and indexings, not parenthesised expressions.
    func isAssignable(_ ref: LuaExpressionRef) -> Bool {
        switch storage[ref].kind {
        case .name, .index: return true
        case .suffixChain(_, let suffixes):
            if case .index = storage.suffixes[Int(suffixes.end) - 1] { return true }
            return false
        default: return false
        }
    }
}
