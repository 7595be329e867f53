/// A compact S-expression rendering of the tree, for tests and debugging.
extension LuaChunk {
    public var sExpression: String { LuaSExpression(names: names).block(block) }

    /// One expression of this chunk.
    public func sExpression(of expression: LuaExpression) -> String { LuaSExpression(names: names).expression(expression) }
}

/// Names print as their text (`names`: the chunk's, by symbol).
struct LuaSExpression {
    let names: [String]

    func text(of name: LuaName) -> String { names[Int(name.symbol.index)] }

    func block(_ block: LuaBlock) -> String {
        block.statements.map(statement).joined(separator: " ")
    }

    func list(_ expressions: [LuaExpression]) -> String {
        expressions.map(expression).joined(separator: " ")
    }

    func wrap(_ parts: String...) -> String {
        "(" + parts.filter { !$0.isEmpty }.joined(separator: " ") + ")"
    }

    func function(_ f: LuaFunction) -> String {
        var parameters = f.parameters.map(text(of:))
        if f.hasSelf { parameters.insert("self", at: 0) }
        if f.isVararg { parameters.append("...") }
        return wrap("function", "(" + parameters.joined(separator: " ") + ")", block(f.body))
    }

    func statement(_ s: LuaStatement) -> String {
        switch s.kind {
        case .local(let names, let values):
            return wrap("local", "(" + names.map(text(of:)).joined(separator: " ") + ")", list(values))
        case .singleLocal(let name, let value):
            return wrap("local", "(" + text(of: name) + ")", value.map(expression) ?? "")
        case .localFunction(let name, let f):
            return wrap("local-function", text(of: name), function(f))
        case .function(let name, let f):
            var text = ([name.base] + name.fields).map(self.text(of:)).joined(separator: ".")
            if let method = name.method { text += ":" + self.text(of: method) }
            return wrap("function-statement", text, function(f))
        case .assignment(let targets, let values):
            return wrap("=", "(" + list(targets) + ")", list(values))
        case .singleAssignment(let target, let value):
            return wrap("=", "(" + expression(target) + ")", expression(value))
        case .call(let call):
            return expression(call)
        case .doBlock(let body):
            return wrap("do", block(body))
        case .whileLoop(let condition, let body):
            return wrap("while", expression(condition), block(body))
        case .repeatLoop(let body, let condition):
            return wrap("repeat", block(body), "until", expression(condition))
        case .ifThen(let clauses, let elseBlock):
            return ifStatement(clauses, elseBlock)
        case .singleIf(let clause, let elseBlock):
            return ifStatement([clause], elseBlock)
        case .numericFor(let variable, let start, let limit, let step, let body):
            return wrap("for", text(of: variable), expression(start), expression(limit), step.map(expression) ?? "", "(" + block(body) + ")")
        case .genericFor(let names, let expressions, let body):
            return wrap("for-in", "(" + names.all.map(text(of:)).joined(separator: " ") + ")", "(" + list(expressions) + ")", "(" + block(body) + ")")
        case .singleGenericFor(let names, let expression, let body):
            return wrap("for-in", "(" + names.all.map(text(of:)).joined(separator: " ") + ")", "(" + self.expression(expression) + ")", "(" + block(body) + ")")
        case .returnValues(let values):
            return wrap("return", list(values))
        case .singleReturn(let value):
            return wrap("return", expression(value))
        case .breakLoop:
            return "(break)"
        }
    }

    func ifStatement(_ clauses: [LuaConditionalBlock], _ elseBlock: LuaBlock?) -> String {
        var parts = ["if"]
        for (index, clause) in clauses.enumerated() {
            if index > 0 { parts.append("elseif") }
            parts.append(expression(clause.condition))
            parts.append("(" + block(clause.block) + ")")
        }
        if let elseBlock { parts.append("else (" + block(elseBlock) + ")") }
        return "(" + parts.joined(separator: " ") + ")"
    }

    func number(_ value: Double) -> String {
        if value > -1e15, value < 1e15, Double(Int64(value)) == value { return String(Int64(value)) }
        return String(value)
    }

    func expression(_ e: LuaExpression) -> String {
        switch e.kind {
        case .nilValue: return "nil"
        case .trueValue: return "true"
        case .falseValue: return "false"
        case .vararg: return "..."
        case .number(let value): return number(value)
        case .string(let value): return String(decoding: value, as: UTF8.self).debugDescription
        case .function(let f): return function(f)
        case .table(let fields):
            let parts = fields.map { field -> String in
                switch field {
                case .positional(let value): return expression(value)
                case .named(let name, let value): return wrap("=", text(of: name), expression(value))
                case .keyed(let key, let value): return wrap("[]=", expression(key), expression(value))
                }
            }
            return wrap("table", parts.joined(separator: " "))
        case .binary(let op, let left, let right): return wrap(op.rawValue, expression(left), expression(right))
        case .unary(let op, let operand): return wrap(op.rawValue, expression(operand))
        case .name(let symbol): return self.names[Int(symbol.index)]
        case .index(let object, let key, let isField):
            if isField, let name = key.stringValue { return wrap(".", expression(object), String(decoding: name, as: UTF8.self)) }
            return wrap("[]", expression(object), expression(key))
        case .call(let callee, let arguments): return wrap("call", expression(callee), list(arguments))
        case .singleCall(let callee, let argument): return wrap("call", expression(callee), expression(argument))
        case .methodCall(let object, let name, let arguments): return wrap(":", expression(object), text(of: name), list(arguments))
        case .paren(let inner): return wrap("paren", expression(inner))
        case .binaryChain(let first, let rest):
            var text = expression(first)
            for link in rest { text = "(\(link.op.rawValue) \(text) \(expression(link.operand)))" }
            return text
        case .suffixChain(let base, let suffixes):
            var text = expression(base)
            for suffix in suffixes {
                switch suffix {
                case .index(let key, let isField):
                    if isField, let name = key.stringValue { text = "(. \(text) \(String(decoding: name, as: UTF8.self)))" }
                    else { text = "([] \(text) \(expression(key)))" }
                case .call(let arguments): text = wrap("call", text, list(arguments))
                case .methodCall(let name, let arguments): text = wrap(":", text, self.text(of: name), list(arguments))
                }
            }
            return text
        }
    }
}
