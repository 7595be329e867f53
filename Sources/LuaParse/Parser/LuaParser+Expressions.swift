/// Expressions: `subexpr` with luac's priority table, `simpleexp`, `primaryexp`, `funcargs`, tables.
extension LuaParser {
    static let unaryPriority = 8

    mutating func parseExpression() throws(Abort) -> LuaExpression {
        try parseSubexpression(limit: 0).expression
    }

    mutating func parseExpressionList() throws(Abort) -> [LuaExpression] {
        let first = try parseExpression()
        guard current.kind == Self.comma else { return [first] }
        return try parseExpressionList(after: first)
    }

    /// The rest of an `explist1` whose first expression is parsed and followed by a comma.
    mutating func parseExpressionList(after first: LuaExpression) throws(Abort) -> [LuaExpression] {
        var list: [LuaExpression] = []
        list.reserveCapacity(Self.initialListCapacity)
        list.append(first)
        while try testNext(Self.comma) { list.append(try parseExpression()) }
        return list
    }

    func binaryOperator(_ kind: LuaTokenKind) -> LuaBinaryOperator? {
        switch kind {
        case LuaTokenKind(byte: UInt8(ascii: "+")): return .add
        case LuaTokenKind(byte: UInt8(ascii: "-")): return .subtract
        case LuaTokenKind(byte: UInt8(ascii: "*")): return .multiply
        case LuaTokenKind(byte: UInt8(ascii: "/")): return .divide
        case LuaTokenKind(byte: UInt8(ascii: "%")): return .modulo
        case LuaTokenKind(byte: UInt8(ascii: "^")): return .power
        case .concat: return .concat
        case .ne: return .notEqual
        case .eq: return .equal
        case LuaTokenKind(byte: UInt8(ascii: "<")): return .less
        case .le: return .lessEqual
        case LuaTokenKind(byte: UInt8(ascii: ">")): return .greater
        case .ge: return .greaterEqual
        case .and: return .and
        case .or: return .or
        default: return nil
        }
    }

    /// `subexpr`: parses operators binding tighter than `limit`; returns the first one it left.
    mutating func parseSubexpression(limit: Int) throws(Abort) -> (expression: LuaExpression, next: LuaBinaryOperator?) {
        try enterLevel()
        let start = current.start
        var left: LuaExpression
        let unary: LuaUnaryOperator? = switch current.kind {
        case .not: .not
        case LuaTokenKind(byte: UInt8(ascii: "-")): .negate
        case LuaTokenKind(byte: UInt8(ascii: "#")): .length
        default: nil
        }
        if let unary {
            try advance()
            let operand = try parseSubexpression(limit: Self.unaryPriority).expression
            left = LuaExpression(kind: .unary(unary, operand), span: start..<previousEnd)
        } else {
            left = try parseSimpleExpression()
        }
        var op = binaryOperator(current.kind)
        // Once a chain starts, `left` is no longer rebuilt and is the chain's first operand.
        var chain: [LuaChainLink] = []
        var nested = 0
        while let binary = op, binary.priority.left > limit {
            try advance()
            let (right, nextOp) = try parseSubexpression(limit: binary.priority.right)
            nested += 1
            if chain.isEmpty && nested < Self.flatteningThreshold {
                left = LuaExpression(kind: .binary(binary, left, right), span: start..<previousEnd)
            } else {
                // Built once after the loop: rebuilding per link would copy the array each time.
                chain.append(LuaChainLink(op: binary, operand: right))
            }
            op = nextOp
        }
        if !chain.isEmpty { left = LuaExpression(kind: .binaryChain(first: left, rest: chain), span: start..<previousEnd) }
        leaveLevel()
        return (left, op)
    }

    /// Past this many left-nested nodes built by one loop, the tree is kept flat (see `binaryChain`).
    static let flatteningThreshold = 16

    mutating func parseSimpleExpression() throws(Abort) -> LuaExpression {
        let token = current
        let kind: LuaExpression.Kind
        switch token.kind {
        case .number:
            var textEnd = token.start
            while textEnd < token.end, bytes[textEnd] != 0 { textEnd += 1 }
            kind = .number(LuaNumeral.value(bytes, token.start, textEnd) ?? 0)
        case .string:
            let value = LuaStringDecoder.value(bytes, token)
            noteRegisterFunction(value[...])
            kind = .string(value)
        case .nil:
            kind = .nilValue
        case .true:
            kind = .trueValue
        case .false:
            kind = .falseValue
        case .dots:
            if !currentFunction.isVararg { try syntaxError("cannot use '...' outside a vararg function") }
            kind = .vararg
        case Self.openBrace:
            return try parseTable()
        case .function:
            try advance()
            let function = try parseFunctionBody(hasSelf: false, line: lineNumber, start: token.start)
            return LuaExpression(kind: .function(function), span: function.span)
        default:
            return try parsePrimaryExpression()
        }
        try advance()
        return LuaExpression(kind: kind, span: token.span)
    }

    /// `primaryexp`: a name or parenthesised expression, then fields, indexings and calls.
    mutating func parsePrimaryExpression() throws(Abort) -> LuaExpression {
        let start = current.start
        var expression: LuaExpression
        switch current.kind {
        case Self.openParen:
            let line = lineNumber
            try advance()
            let inner = try parseExpression()
            try checkMatch(Self.closeParen, Self.openParen, line: line)
            expression = LuaExpression(kind: .paren(inner), span: start..<previousEnd)
        case .name:
            let name = try checkName()
            nameExpressionCount += 1
            expression = LuaExpression(kind: .name(name.symbol), span: name.span)
        default:
            try syntaxError("unexpected symbol")
        }
        // Once suffixes are kept flat, `expression` is no longer rebuilt and is the chain's base.
        var suffixCount = 0
        var suffixes: [LuaSuffix] = []
        while true {
            let suffix: LuaSuffix
            switch current.kind {
            case Self.dot:
                try advance()
                noteRegisterFunction(current.kind == .name ? bytes[current.start..<current.end] : [])
                let span = try checkNameSpan()
                // A name's bytes are ASCII, so they are its text: taken from the source, no String made.
                suffix = .index(LuaExpression(kind: .string(fieldKey(span)), span: span), isField: true)
            case Self.openBracket:
                try advance()
                let key = try parseExpression()
                try checkNext(Self.closeBracket)
                suffix = .index(key, isField: false)
            case Self.colon:
                try advance()
                let name = try checkName()
                suffix = .methodCall(name, try parseCallArguments().list)
            case Self.openParen, .string, Self.openBrace:
                let arguments = try parseCallArguments()
                if case .one(let argument) = arguments, suffixCount + 1 < Self.flatteningThreshold {
                    suffixCount += 1
                    expression = LuaExpression(kind: .singleCall(expression, argument), span: start..<previousEnd)
                    continue
                }
                suffix = .call(arguments.list)
            default:
                if !suffixes.isEmpty { return LuaExpression(kind: .suffixChain(base: expression, suffixes: suffixes), span: start..<previousEnd) }
                return expression
            }
            suffixCount += 1
            let span = start..<previousEnd
            if suffixCount < Self.flatteningThreshold {
                switch suffix {
                case .index(let key, let isField): expression = LuaExpression(kind: .index(expression, key, isField: isField), span: span)
                case .call(let arguments): expression = LuaExpression(kind: .call(expression, arguments), span: span)
                case .methodCall(let name, let arguments): expression = LuaExpression(kind: .methodCall(expression, name, arguments), span: span)
                }
            } else {
                suffixes.append(suffix)
            }
        }
    }

    /// A call's arguments: one is kept apart so that `f(x)` needs no array (`singleCall`).
    enum CallArguments {
        case one(LuaExpression)
        case list([LuaExpression])

        var list: [LuaExpression] {
            switch self {
            case .one(let argument): return [argument]
            case .list(let arguments): return arguments
            }
        }
    }

    /// `funcargs`.
    mutating func parseCallArguments() throws(Abort) -> CallArguments {
        let line = lineNumber
        switch current.kind {
        case Self.openParen:
            if line != lastLine { try syntaxError("ambiguous syntax (function call x new statement)") }
            try advance()
            var arguments = CallArguments.list([])
            if current.kind != Self.closeParen {
                let first = try parseExpression()
                arguments = current.kind == Self.comma ? .list(try parseExpressionList(after: first)) : .one(first)
            }
            try checkMatch(Self.closeParen, Self.openParen, line: line)
            return arguments
        case Self.openBrace:
            return .one(try parseTable())
        case .string:
            let token = current
            try advance()
            return .one(LuaExpression(kind: .string(LuaStringDecoder.value(bytes, token)), span: token.span))
        default:
            try syntaxError("function arguments expected")
        }
    }

    /// `constructor`.
    mutating func parseTable() throws(Abort) -> LuaExpression {
        let start = current.start
        let line = lineNumber
        try checkNext(Self.openBrace)
        var fields: [LuaTableField] = []
        while current.kind != Self.closeBrace {
            if fields.isEmpty { fields.reserveCapacity(Self.initialListCapacity) }
            switch current.kind {
            case .name:
                if try lookahead().kind != Self.assign {
                    fields.append(.positional(try parseExpression()))
                } else {
                    let name = try checkName()
                    try checkNext(Self.assign)
                    fields.append(.named(name, try parseExpression()))
                }
            case Self.openBracket:
                try advance()
                let key = try parseExpression()
                try checkNext(Self.closeBracket)
                try checkNext(Self.assign)
                fields.append(.keyed(key, try parseExpression()))
            default:
                fields.append(.positional(try parseExpression()))
            }
            if try testNext(Self.comma) { continue }
            if try testNext(Self.semicolon) { continue }
            break
        }
        try checkMatch(Self.closeBrace, Self.openBrace, line: line)
        return LuaExpression(kind: .table(fields), span: start..<previousEnd)
    }
}
