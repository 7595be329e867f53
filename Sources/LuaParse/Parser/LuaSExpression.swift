/// A compact S-expression rendering of the tree, for tests and debugging.
extension LuaChunk {
    public var sExpression: String { LuaSExpression(chunk: self).block(block) }
}

/// Names print as their text (the chunk's, by symbol).
struct LuaSExpression {
    let chunk: LuaChunk

    var tree: LuaExpressionTree { chunk.tree }
    var storage: LuaExpressionStorage { chunk.storage }

    func text(of name: LuaName) -> String { chunk.text(name.symbol) }

    func block(_ block: LuaBlock) -> String {
        chunk.statements(of: block).map(statement).joined(separator: " ")
    }

    func list(_ expressions: LuaExpressionList) -> String {
        tree.all(expressions).map(expression).joined(separator: " ")
    }

    func expression(_ ref: LuaExpressionRef) -> String { expression(tree[ref]) }

    func wrap(_ parts: String...) -> String {
        "(" + parts.filter { !$0.isEmpty }.joined(separator: " ") + ")"
    }

    func function(_ id: Int) -> String {
        let f = chunk.function(id)
        var parameters = chunk.declaredNames(f.parameterList).map(text(of:))
        if f.hasSelf { parameters.insert("self", at: 0) }
        if f.isVararg { parameters.append("...") }
        return wrap("function", "(" + parameters.joined(separator: " ") + ")", block(f.body))
    }

    func statement(_ s: LuaStatement) -> String {
        switch s.kind {
        case .local(let names, let values):
            return wrap("local", "(" + chunk.declaredNames(names).map(text(of:)).joined(separator: " ") + ")", list(values))
        case .localFunction(let name, let f):
            return wrap("local-function", text(of: name), function(f))
        case .function(let name, let f):
            var text = ([name.base] + chunk.fields(of: name)).map(self.text(of:)).joined(separator: ".")
            if let method = chunk.method(of: name) { text += ":" + self.text(of: method) }
            return wrap("function-statement", text, function(f))
        case .assignment(let targets, let values):
            return wrap("=", "(" + list(targets) + ")", list(values))
        case .call(let call):
            return expression(call)
        case .doBlock(let body):
            return wrap("do", block(body))
        case .whileLoop(let condition, let body):
            return wrap("while", expression(condition), block(body))
        case .repeatLoop(let body, let condition):
            return wrap("repeat", block(body), "until", expression(condition))
        case .ifThen(let clauses, let elseBlock):
            return ifStatement(chunk.clauses(clauses), elseBlock)
        case .numericFor(let variable, let start, let limit, let step, let body):
            return wrap("for", text(of: variable), expression(start), expression(limit), step.map(expression) ?? "", "(" + block(body) + ")")
        case .genericFor(let names, let expressions, let body):
            return wrap("for-in", "(" + chunk.declaredNames(names).map(text(of:)).joined(separator: " ") + ")", "(" + list(expressions) + ")", "(" + block(body) + ")")
        case .returnValues(let values):
            return wrap("return", list(values))
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

    /// A field's name (`a.name`): its key's bytes.
    func fieldName(_ key: LuaExpressionRef) -> String? { tree.stringText(tree[key]) }

    func expression(_ e: LuaExpression) -> String {
        switch e.kind {
        case .nilValue: return "nil"
        case .trueValue: return "true"
        case .falseValue: return "false"
        case .vararg: return "..."
        case .number(let value): return number(value)
        case .string(let value): return String(decoding: storage.bytes(value), as: UTF8.self).debugDescription
        case .function(let f): return function(f)
        case .table(let fields):
            let parts = fields.indices.map { index -> String in
                switch storage.tableFields[index] {
                case .positional(let value): return expression(value)
                case .named(let name, let value): return wrap("=", chunk.text(name), expression(value))
                case .keyed(let key, let value): return wrap("[]=", expression(key), expression(value))
                }
            }
            return wrap("table", parts.joined(separator: " "))
        case .binary(let op, let left, let right): return wrap(op.rawValue, expression(left), expression(right))
        case .unary(let op, let operand): return wrap(op.rawValue, expression(operand))
        case .name(let symbol): return chunk.text(symbol)
        case .index(let object, let key, let isField):
            if isField, let name = fieldName(key) { return wrap(".", expression(object), name) }
            return wrap("[]", expression(object), expression(key))
        case .call(let callee, let arguments): return wrap("call", expression(callee), list(arguments))
        case .methodCall(let object, let name, let arguments): return wrap(":", expression(object), chunk.text(name), list(arguments))
        case .paren(let inner): return wrap("paren", expression(inner))
        case .binaryChain(let first, let rest):
            var text = expression(first)
            for index in rest.indices {
                let link = storage.chainLinks[index]
                text = "(\(link.op.rawValue) \(text) \(expression(link.operand)))"
            }
            return text
        case .suffixChain(let base, let suffixes):
            var text = expression(base)
            for index in suffixes.indices {
                switch storage.suffixes[index] {
                case .index(let key, let isField):
                    if isField, let name = fieldName(key) { text = "(. \(text) \(name))" }
                    else { text = "([] \(text) \(expression(key)))" }
                case .call(let arguments): text = wrap("call", text, list(arguments))
                case .methodCall(let name, let arguments): text = wrap(":", text, chunk.text(name), list(arguments))
                }
            }
            return text
        }
    }
}
