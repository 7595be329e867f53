/// Expressions: `subexpr` with luac's priority table, `simpleexp`, `primaryexp`, `funcargs`, tables.
/// Each node is appended to `storage` (see `LuaChunk`); lists are gathered on the `pending…` stacks.
extension LuaParser {
    static let unaryPriority = 8

    /// Appends a node; its index fits `Int32` because the parser takes no source of `Int32.max`
    /// bytes or more, and makes at most one node per source byte.
    mutating func node(_ kind: LuaExpression.Kind, _ span: Range<Int>) -> LuaExpressionRef {
        storage.expressions.append(LuaExpression(kind: kind, span: span))
        return LuaExpressionRef(index: Int32(storage.expressions.count - 1))
    }

    mutating func parseExpression() throws(Abort) -> LuaExpressionRef {
        try parseSubexpression(limit: 0).expression
    }

    mutating func parseExpressionList() throws(Abort) -> LuaExpressionList {
        try parseExpressionList(after: try parseExpression())
    }

    /// An `explist1` whose first expression is parsed.
    mutating func parseExpressionList(after first: LuaExpressionRef) throws(Abort) -> LuaExpressionList {
        guard current.kind == Self.comma else { return singleList(first) }
        let mark = pendingRefs.count
        pendingRefs.append(first)
        while try testNext(Self.comma) { pendingRefs.append(try parseExpression()) }
        return pendingRefs.moveList(from: mark, to: &storage.lists)
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
    mutating func parseSubexpression(limit: Int) throws(Abort) -> (expression: LuaExpressionRef, next: LuaBinaryOperator?) {
        try enterLevel()
        let start = current.start
        var left: LuaExpressionRef
        let unary: LuaUnaryOperator? = switch current.kind {
        case .not: .not
        case LuaTokenKind(byte: UInt8(ascii: "-")): .negate
        case LuaTokenKind(byte: UInt8(ascii: "#")): .length
        default: nil
        }
        if let unary {
            try advance()
            let operand = try parseSubexpression(limit: Self.unaryPriority).expression
            left = node(.unary(unary, operand), start..<previousEnd)
        } else {
            left = try parseSimpleExpression()
        }
        var op = binaryOperator(current.kind)
        // Once a chain starts, `left` is no longer rebuilt and is the chain's first operand.
        let chainMark = pendingLinks.count
        var nested = 0
        while let binary = op, binary.priority.left > limit {
            try advance()
            let (right, nextOp) = try parseSubexpression(limit: binary.priority.right)
            nested += 1
            if nested < Self.flatteningThreshold {
                left = node(.binary(binary, left, right), start..<previousEnd)
            } else {
                pendingLinks.append(LuaChainLink(op: binary, operand: right))
            }
            op = nextOp
        }
        if pendingLinks.count > chainMark {
            let rest = pendingLinks.moveList(from: chainMark, to: &storage.chainLinks)
            left = node(.binaryChain(first: left, rest: rest), start..<previousEnd)
        }
        leaveLevel()
        return (left, op)
    }

    /// Past this many left-nested nodes built by one loop, the tree is kept flat (see `binaryChain`).
    static let flatteningThreshold = 16

    mutating func parseSimpleExpression() throws(Abort) -> LuaExpressionRef {
        let token = current
        let kind: LuaExpression.Kind
        switch token.kind {
        case .number:
            var textEnd = token.start
            while textEnd < token.end, bytes[textEnd] != 0 { textEnd += 1 }
            kind = .number(LuaNumeral.value(bytes, token.start, textEnd) ?? 0)
        case .string:
            let value = stringConstant(token)
            noteRegisterFunction(storage.bytes(value))
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
            return node(.function(function.id), function.span)
        default:
            return try parsePrimaryExpression()
        }
        try advance()
        return node(kind, token.span)
    }

    /// A string token's decoded bytes, appended to `storage.stringBytes` (the count fits `Int32` as
    /// the node's index does: decoding never lengthens a string).
    mutating func stringConstant(_ token: LuaToken) -> LuaBytes {
        let start = storage.stringBytes.count
        LuaStringDecoder.append(bytes, token, to: &storage.stringBytes)
        return LuaBytes(start: Int32(start), end: Int32(storage.stringBytes.count))
    }

    /// A field name's bytes (ASCII, so its text), appended to `storage.stringBytes`.
    mutating func fieldName(_ span: Range<Int>) -> LuaBytes {
        let start = storage.stringBytes.count
        storage.stringBytes.append(contentsOf: bytes[span])
        return LuaBytes(start: Int32(start), end: Int32(storage.stringBytes.count))
    }

    /// `primaryexp`: a name or parenthesised expression, then fields, indexings and calls.
    mutating func parsePrimaryExpression() throws(Abort) -> LuaExpressionRef {
        let start = current.start
        var expression: LuaExpressionRef
        switch current.kind {
        case Self.openParen:
            let line = lineNumber
            try advance()
            let inner = try parseExpression()
            try checkMatch(Self.closeParen, Self.openParen, line: line)
            expression = node(.paren(inner), start..<previousEnd)
        case .name:
            let name = try checkName()
            nameExpressionCount += 1
            expression = node(.name(name.symbol), name.span)
        default:
            try syntaxError("unexpected symbol")
        }
        // Once suffixes are kept flat, `expression` is no longer rebuilt and is the chain's base.
        var suffixCount = 0
        let chainMark = pendingSuffixes.count
        while true {
            let suffix: LuaSuffix
            switch current.kind {
            case Self.dot:
                try advance()
                noteRegisterFunction(current.kind == .name ? bytes[current.start..<current.end] : [])
                let span = try checkNameSpan()
                suffix = .index(node(.string(fieldName(span)), span), isField: true)
            case Self.openBracket:
                try advance()
                let key = try parseExpression()
                try checkNext(Self.closeBracket)
                suffix = .index(key, isField: false)
            case Self.colon:
                try advance()
                let name = try checkName()
                suffix = .methodCall(name.symbol, try parseCallArguments())
            case Self.openParen, .string, Self.openBrace:
                suffix = .call(try parseCallArguments())
            default:
                if pendingSuffixes.count > chainMark {
                    let suffixes = pendingSuffixes.moveList(from: chainMark, to: &storage.suffixes)
                    return node(.suffixChain(base: expression, suffixes: suffixes), start..<previousEnd)
                }
                return expression
            }
            suffixCount += 1
            let span = start..<previousEnd
            if suffixCount < Self.flatteningThreshold {
                switch suffix {
                case .index(let key, let isField): expression = node(.index(expression, key, isField: isField), span)
                case .call(let arguments): expression = node(.call(expression, arguments), span)
                case .methodCall(let name, let arguments): expression = node(.methodCall(expression, name, arguments), span)
                }
            } else {
                pendingSuffixes.append(suffix)
            }
        }
    }

    /// `funcargs`.
    mutating func parseCallArguments() throws(Abort) -> LuaExpressionList {
        let line = lineNumber
        switch current.kind {
        case Self.openParen:
            if line != lastLine { try syntaxError("ambiguous syntax (function call x new statement)") }
            try advance()
            var arguments = LuaExpressionList.empty
            if current.kind != Self.closeParen { arguments = try parseExpressionList() }
            try checkMatch(Self.closeParen, Self.openParen, line: line)
            return arguments
        case Self.openBrace:
            return singleList(try parseTable())
        case .string:
            let token = current
            try advance()
            return singleList(node(.string(stringConstant(token)), token.span))
        default:
            try syntaxError("function arguments expected")
        }
    }

    /// A list of one expression already parsed: appended straight to `storage.lists` (nothing else can
    /// come between), not through `pendingRefs` (most lists are one call argument or one value).
    mutating func singleList(_ element: LuaExpressionRef) -> LuaExpressionList {
        storage.lists.append(element)
        let end = Int32(storage.lists.count)
        return LuaExpressionList(start: end - 1, end: end)
    }

    /// `constructor`.
    mutating func parseTable() throws(Abort) -> LuaExpressionRef {
        let start = current.start
        let line = lineNumber
        try checkNext(Self.openBrace)
        let mark = pendingFields.count
        while current.kind != Self.closeBrace {
            switch current.kind {
            case .name:
                if try lookahead().kind != Self.assign {
                    let value = try parseExpression()
                    pendingFields.append(.positional(value))
                } else {
                    let name = try checkName()
                    try checkNext(Self.assign)
                    let value = try parseExpression()
                    pendingFields.append(.named(name.symbol, value))
                }
            case Self.openBracket:
                try advance()
                let key = try parseExpression()
                try checkNext(Self.closeBracket)
                try checkNext(Self.assign)
                let value = try parseExpression()
                pendingFields.append(.keyed(key, value))
            default:
                let value = try parseExpression()
                pendingFields.append(.positional(value))
            }
            if try testNext(Self.comma) { continue }
            if try testNext(Self.semicolon) { continue }
            break
        }
        try checkMatch(Self.closeBrace, Self.openBrace, line: line)
        let fields = pendingFields.moveList(from: mark, to: &storage.tableFields)
        return node(.table(fields), start..<previousEnd)
    }
}
