/// A local variable (or parameter) and what is known about its value.
public struct LuaLocalVariable: Sendable {
    public enum Kind: Sendable { case local, parameter, forVariable, localFunction, implicitSelf, implicitArg }
    public let id: Int
    public let name: String
    /// The declaring name; empty at the function start for implicit `self` / `arg`.
    public let span: Range<Int>
    public let functionID: Int
    public let kind: Kind
    /// The expression that gives its value at declaration, when there is exactly one (a node of the
    /// chunk, whose children are in the chunk).
    public internal(set) var initializer: LuaExpression?
    /// Assignments after the declaration.
    public internal(set) var assignmentCount = 0
}

/// Scope resolution: which name is which local, and which are globals read or written.
public struct LuaScopes: Sendable {
    public internal(set) var locals: [LuaLocalVariable] = []
    /// Offset of each name reference that is a local → the local's id.
    public internal(set) var localReferences = LuaOffsetTable()
    public internal(set) var globalReads: [LuaNameUse] = []
    public internal(set) var globalWrites: [LuaNameUse] = []
    /// Indexed by function id (0 is the main chunk): the ids of its declared parameters (not `self`/`arg`),
    /// consecutive as they are declared in order, so a range instead of a list made per function. Ids are
    /// dense, so an array answers without hashing.
    public internal(set) var parameterLocals: [Range<Int>] = []
    /// Local id → the id of the function it names (`local function f` or `local f = function`). Kept only when
    /// asked (`LuaScopeResolver.keepsLocalFunctions`): its one reader is the Redis view's search for
    /// `register_function` callbacks, run only when the parser saw that name.
    public internal(set) var localFunctions: [Int: Int] = [:]

    /// The local a name expression at `offset` refers to, or nil for a global.
    public func local(referencedAt offset: Int) -> LuaLocalVariable? {
        localReferences[offset].map { locals[$0] }
    }
}

/// Walks the tree once with a stack of visible locals. Depth is bounded by the parser's limits.
struct LuaScopeResolver {
    var scopes = LuaScopes()
    /// The visible locals, innermost last, each with the local its name shadowed (-1: none), restored
    /// when its scope ends.
    private var visible: [(symbol: LuaSymbol, shadowed: Int32)] = []
    /// By symbol: the innermost visible local of that name, or -1 (a global). A name is looked up in one
    /// read instead of a search of the visible locals (hundreds at a script's top level: every
    /// `local function` of a module stays visible to the rest).
    private var innermost: [Int32] = []
    /// The chunk's name texts (`LuaChunk.names`), for the locals' and global uses' names.
    private var names: [String] = []
    /// The chunk's expressions.
    private var tree = LuaExpressionTree(LuaExpressionStorage())
    /// The symbols of `scopes.globalReads` and `scopes.globalWrites`, in the same order (for
    /// `LuaGlobalReadSorter`, which decides each name once).
    private(set) var globalReadSymbols: [LuaSymbol] = []
    private(set) var globalWriteSymbols: [LuaSymbol] = []
    /// The symbol of each local's name, by local id (for the Redis view's screen of names that cannot be KEYS or ARGV);
    /// kept only for scripts of `LuaScopeResolver.screenedLocalCount` locals or more (a small script's screen cost
    /// more, in lists made and released, than it saved).
    private(set) var localSymbols: [LuaSymbol] = []
    private var keepsLocalSymbols = false
    static let screenedLocalCount = 128
    /// The id of the function whose body is being walked (0: the main chunk); `visitFunction` keeps the
    /// enclosing one in a local (an array stack cost its bounds and uniqueness checks at every local).
    private var currentFunctionID = 0
    private let lines: LuaLineTable

    /// Known bound on local references (see `LuaParser.nameExpressionCount`), or 0 to let the table grow.
    private let nameExpressionCount: Int
    /// Known bound on locals (see `LuaParser.declaredLocalCount`), or 0 to let the list grow.
    private let declaredLocalCount: Int

    /// Whether `scopes.localFunctions` is filled (a hashed insert per local function).
    private let keepsLocalFunctions: Bool

    init(lines: LuaLineTable, nameExpressionCount: Int = 0, declaredLocalCount: Int = 0, keepsLocalFunctions: Bool = true) {
        self.lines = lines
        self.nameExpressionCount = nameExpressionCount
        self.declaredLocalCount = declaredLocalCount
        self.keepsLocalFunctions = keepsLocalFunctions
    }

    mutating func resolve(_ chunk: LuaChunk) -> LuaScopes {
        // Sized once: rehashing the tables as they grew was ~1.5% of a Lua scan. Every function enters
        // parameterLocals; a reference is a name expression or a `function name` statement's base name.
        names = chunk.names
        tree = chunk.tree
        innermost = Array(repeating: -1, count: names.count)
        scopes.parameterLocals = Array(repeating: 0..<0, count: chunk.functionCount + 1)
        if nameExpressionCount > 0 { scopes.localReferences.reserveCapacity(nameExpressionCount + chunk.functionCount) }
        // Growing the locals by appends copied the whole list (large elements) at every doubling.
        if declaredLocalCount > 0 {
            scopes.locals.reserveCapacity(declaredLocalCount)
            keepsLocalSymbols = declaredLocalCount >= Self.screenedLocalCount
            if keepsLocalSymbols { localSymbols.reserveCapacity(declaredLocalCount) }
        }
        // At most one local function per function.
        if keepsLocalFunctions, chunk.functionCount > 0 { scopes.localFunctions.reserveCapacity(chunk.functionCount) }
        visitBlock(chunk.block)
        return scopes
    }

    /// A scope starts at the visible locals' current count; the caller keeps it for `leaveScope` (a stack of
    /// marks cost its bounds and uniqueness checks at every block).
    private func enterScope() -> Int { visible.count }
    private mutating func leaveScope(_ mark: Int) {
        // Most scopes end with a few locals: removing them one by one is cheaper than a range removal.
        while visible.count > mark {
            let (symbol, shadowed) = visible.removeLast()
            innermost[Int(symbol.index)] = shadowed
        }
    }

    @discardableResult
    private mutating func declare(_ symbol: LuaSymbol, _ span: Range<Int>, _ kind: LuaLocalVariable.Kind, initializer: LuaExpression? = nil) -> Int {
        let id = scopes.locals.count
        scopes.locals.append(LuaLocalVariable(id: id, name: names[Int(symbol.index)], span: span,
                                              functionID: currentFunctionID, kind: kind, initializer: initializer))
        if keepsLocalSymbols { localSymbols.append(symbol) }
        visible.append((symbol, innermost[Int(symbol.index)]))
        innermost[Int(symbol.index)] = Int32(truncatingIfNeeded: id)
        return id
    }

    private func lookup(_ symbol: LuaSymbol) -> Int? {
        let id = innermost[Int(symbol.index)]
        return id >= 0 ? Int(id) : nil
    }

    private mutating func read(_ symbol: LuaSymbol, _ span: Range<Int>) {
        if let id = lookup(symbol) {
            scopes.localReferences.set(span.lowerBound, id)
        } else {
            scopes.globalReads.append(LuaNameUse(name: names[Int(symbol.index)], span: span, line: lines.line(at: span.lowerBound)))
            globalReadSymbols.append(symbol)
        }
    }

    private mutating func write(_ symbol: LuaSymbol, _ span: Range<Int>) {
        if let id = lookup(symbol) {
            scopes.localReferences.set(span.lowerBound, id)
            scopes.locals[id].assignmentCount += 1
        } else {
            scopes.globalWrites.append(LuaNameUse(name: names[Int(symbol.index)], span: span, line: lines.line(at: span.lowerBound)))
            globalWriteSymbols.append(symbol)
        }
    }

    private mutating func visitBlock(_ block: LuaBlock) {
        let scope = enterScope()
        for index in block.statements.indices { visitStatement(tree.statement(index)) }
        leaveScope(scope)
    }

    /// The value the name at `index` receives from `values` (none past their end).
    func initializer(_ index: Int, values: LuaExpressionList) -> LuaExpression? {
        index < values.count ? tree.element(values, index) : nil
    }

    private mutating func visitStatement(_ statement: LuaStatement) {
        switch statement.kind {
        case .local(let names, let values):
            visitExpressions(values)
            for index in names.indices {
                let name = tree.declaredName(index)
                let initial = initializer(index - Int(names.start), values: values)
                let id = declare(name.symbol, name.span, .local, initializer: initial)
                if keepsLocalFunctions, let value = initial, case .function(let function) = value.kind { scopes.localFunctions[id] = function }
            }
        case .localFunction(let name, let function):
            let id = declare(name.symbol, name.span, .localFunction)
            if keepsLocalFunctions { scopes.localFunctions[id] = function }
            visitFunction(tree.storage.functions[function - 1])
        case .function(let name, let function):
            if name.isPlainName { write(name.base.symbol, name.base.span) } else { read(name.base.symbol, name.base.span) }
            visitFunction(tree.storage.functions[function - 1])
        case .assignment(let targets, let values):
            visitExpressions(values)
            for index in targets.indices {
                let target = tree[tree.storage.lists[index]]
                if case .name(let name) = target.kind { write(name, target.span) } else { visitExpression(target) }
            }
        case .call(let call):
            visitExpression(tree[call])
        case .doBlock(let body):
            visitBlock(body)
        case .whileLoop(let condition, let body):
            visitExpression(tree[condition])
            visitBlock(body)
        case .repeatLoop(let body, let condition):
            let scope = enterScope()
            for index in body.statements.indices { visitStatement(tree.statement(index)) }
            visitExpression(tree[condition])
            leaveScope(scope)
        case .ifThen(let clauses, let elseBlock):
            for index in clauses.indices {
                let clause = tree.clause(index)
                visitExpression(tree[clause.condition])
                visitBlock(clause.block)
            }
            if let elseBlock { visitBlock(elseBlock) }
        case .numericFor(let variable, let start, let limit, let step, let body):
            visitExpression(tree[start])
            visitExpression(tree[limit])
            if let step { visitExpression(tree[step]) }
            let scope = enterScope()
            declare(variable.symbol, variable.span, .forVariable)
            visitBlock(body)
            leaveScope(scope)
        case .genericFor(let names, let expressions, let body):
            visitExpressions(expressions)
            let scope = enterScope()
            for index in names.indices {
                let name = tree.declaredName(index)
                declare(name.symbol, name.span, .forVariable)
            }
            visitBlock(body)
            leaveScope(scope)
        case .returnValues(let values):
            visitExpressions(values)
        case .breakLoop:
            break
        }
    }

    private mutating func visitFunction(_ function: LuaFunction) {
        let enclosingFunctionID = currentFunctionID
        currentFunctionID = function.id
        let scope = enterScope()
        let start = function.span.lowerBound
        if function.hasSelf { declare(.selfName, start..<start, .implicitSelf) }
        let firstParameter = scopes.locals.count
        for index in function.parameterList.indices {
            let parameter = tree.declaredName(index)
            declare(parameter.symbol, parameter.span, .parameter)
        }
        if function.id < scopes.parameterLocals.count { scopes.parameterLocals[function.id] = firstParameter..<scopes.locals.count }
        // LUA_COMPAT_VARARG: a vararg function has a local `arg`.
        if function.isVararg { declare(.arg, start..<start, .implicitArg) }
        for index in function.body.statements.indices { visitStatement(tree.statement(index)) }
        leaveScope(scope)
        currentFunctionID = enclosingFunctionID
    }

    private mutating func visitExpression(_ expression: LuaExpression) {
        switch expression.kind {
        case .nilValue, .trueValue, .falseValue, .vararg, .number, .string:
            break
        case .name(let name):
            read(name, expression.span)
        case .function(let function):
            visitFunction(tree.storage.functions[function - 1])
        // The common kinds recurse directly: through `forEachOperand`'s closure they cost more than the
        // boxed tree's walk did.
        case .binary(_, let left, let right):
            visitExpression(tree[left])
            visitExpression(tree[right])
        case .index(let object, let key, _):
            visitExpression(tree[object])
            visitExpression(tree[key])
        case .call(let callee, let arguments):
            visitExpression(tree[callee])
            visitExpressions(arguments)
        case .table, .unary, .methodCall, .paren, .binaryChain, .suffixChain:
            tree.forEachOperand(of: expression) { visitExpression($0) }
        }
    }

    private mutating func visitExpressions(_ list: LuaExpressionList) {
        for index in list.indices { visitExpression(tree[tree.storage.lists[index]]) }
    }
}
