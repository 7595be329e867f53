/// Reading the flat expression storage: the walkers visit lists through these, element by element.
/// They are the shared tree's, not the storage struct's: a walker calling a method of the struct (held
/// in its own properties or in the tree) copied it first, its arrays retained and released, at every visit.
extension LuaExpressionTree {
    subscript(_ ref: LuaExpressionRef) -> LuaExpression { storage.expressions[Int(ref.index)] }

    /// The statement at `index` of `storage.statements` (walkers loop over `LuaBlock.statements.indices`).
    func statement(_ index: Int) -> LuaStatement { storage.statements[index] }

    /// The name at `index` of `storage.declaredNames` (walkers loop over `LuaNameList.indices`).
    func declaredName(_ index: Int) -> LuaName { storage.declaredNames[index] }

    /// The clause at `index` of `storage.clauses` (walkers loop over an `ifThen`'s `clauses.indices`).
    func clause(_ index: Int) -> LuaConditionalBlock { storage.clauses[index] }

    /// Calls `body` with each expression of `list` (a range of `storage.lists`), in order.
    @inline(__always)
    func forEach(_ list: LuaExpressionList, _ body: (LuaExpression) -> Void) {
        for index in list.indices { body(self[storage.lists[index]]) }
    }

    /// The expression at `position` (0-based) of `list`.
    func element(_ list: LuaExpressionList, _ position: Int) -> LuaExpression { self[storage.lists[Int(list.start) + position]] }

    /// The expressions of `list` as an array (for the printer and rare Redis forms).
    func all(_ list: LuaExpressionList) -> [LuaExpression] { list.indices.map { self[storage.lists[$0]] } }

    /// Visits the sub-expressions of `expression` in source order (a function's body is not one: the
    /// walkers enter functions themselves).
    func forEachOperand(of expression: LuaExpression, _ body: (LuaExpression) -> Void) {
        switch expression.kind {
        case .nilValue, .trueValue, .falseValue, .vararg, .number, .string, .function, .name:
            break
        case .table(let fields):
            for index in fields.indices {
                switch storage.tableFields[index] {
                case .positional(let value), .named(_, let value): body(self[value])
                case .keyed(let key, let value): body(self[key]); body(self[value])
                }
            }
        case .binary(_, let left, let right):
            body(self[left])
            body(self[right])
        case .unary(_, let operand), .paren(let operand):
            body(self[operand])
        case .index(let object, let key, _):
            body(self[object])
            body(self[key])
        case .call(let callee, let arguments), .methodCall(let callee, _, let arguments):
            body(self[callee])
            forEach(arguments, body)
        case .binaryChain(let first, let rest):
            body(self[first])
            for index in rest.indices { body(self[storage.chainLinks[index].operand]) }
        case .suffixChain(let base, let suffixes):
            body(self[base])
            for index in suffixes.indices {
                switch storage.suffixes[index] {
                case .index(let key, _): body(self[key])
                case .call(let arguments), .methodCall(_, let arguments): forEach(arguments, body)
                }
            }
        }
    }

    /// The literal string value, if `expression` is a string constant.
    func stringValue(_ expression: LuaExpression) -> ArraySlice<UInt8>? {
        if case .string(let value) = expression.kind { return storage.bytes(value) }
        return nil
    }

    /// The literal string value as text, if `expression` is a string constant.
    func stringText(_ expression: LuaExpression) -> String? {
        stringValue(expression).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension LuaChunk {
    /// The literal string value, if `expression` is a string constant.
    public func stringValue(_ expression: LuaExpression) -> [UInt8]? { tree.stringValue(expression).map(Array.init) }

    /// The statements of `block`, in order (an array made at each use: the walkers read the storage).
    public func statements(of block: LuaBlock) -> [LuaStatement] { Array(storage.statements[block.statements.indices]) }

    /// The names of `list`, in order.
    public func declaredNames(_ list: LuaNameList) -> [LuaName] { Array(storage.declaredNames[list.indices]) }

    /// The clauses of an `ifThen` statement (`if`, then each `elseif`), in order.
    public func clauses(_ list: LuaExpressionList) -> [LuaConditionalBlock] { Array(storage.clauses[list.indices]) }

    /// The fields of a function statement's name (`b`, `c` in `a.b.c:m`), in order.
    public func fields(of name: LuaFunctionName) -> [LuaName] { Array(declaredNames(name.rest).dropLast(name.hasMethod ? 1 : 0)) }

    /// The method of a function statement's name (`m` in `a.b.c:m`).
    public func method(of name: LuaFunctionName) -> LuaName? {
        name.hasMethod ? storage.declaredNames[Int(name.rest.end) - 1] : nil
    }

    /// The expressions of `list` (a call's arguments, a statement's values or targets), in order.
    public func expressions(_ list: LuaExpressionList) -> [LuaExpression] { tree.all(list) }
}

extension Array {
    /// Moves the elements from `mark` on (a list just parsed, above the lists still being parsed) to
    /// the end of `storage`, and returns their range there. The parser gathers every list on a stack
    /// like this one, so nested lists never interleave in `storage`.
    /// Element by element: lists are short, and the generic range append and removal cost more than the loop.
    mutating func moveList(from mark: Int, to storage: inout [Element]) -> LuaExpressionList {
        let start = storage.count
        for index in mark..<count { storage.append(self[index]) }
        while count > mark { removeLast() }
        return LuaExpressionList(start: Int32(start), end: Int32(storage.count))
    }
}
