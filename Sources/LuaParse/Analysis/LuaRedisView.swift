/// The Redis view of a parsed script: `redis.call`/`redis.pcall` sites with classified arguments,
/// other `redis.*` API uses, nondeterminism, KEYS/ARGV usage, and Functions registrations.
struct LuaRedisView {
    enum Role { case keys, arguments }

    private let scopes: LuaScopes
    private let lines: LuaLineTable
    private(set) var calls: [LuaRedisCall] = []
    private(set) var apiUses: [LuaRedisAPIUse] = []
    private(set) var nondeterminism: [LuaNondeterminismUse] = []
    private(set) var usage = LuaKeysUsage()
    private(set) var registrations: [LuaRegisteredFunction] = []

    /// Parameter locals of registered callbacks that play KEYS / ARGV.
    private var parameterRoles: [Int: Role] = [:]
    /// Callback function id → index in `registrationDrafts`.
    private var callbackOwners: [Int: Int] = [:]
    private var registrationDrafts: [Draft] = []
    private var currentRegistration: Int?
    private var loopDepth = 0
    /// The chunk's name texts (`LuaChunk.names`).
    private var names: [String] = []
    /// The chunk's expressions.
    private var tree = LuaExpressionTree(LuaExpressionStorage())
    /// By local id: its role once `walkRole` has worked it out (`unknownRole` before).
    private var localRoles: [UInt8] = []
    /// By symbol: whether a name with that text can play KEYS or ARGV (KEYS, ARGV, and the names of the
    /// locals that have a role); empty when the caller gave no local symbols (every name is asked).
    private var mayHaveRole: [Bool] = []
    private static let unknownRole: UInt8 = 0, noRole: UInt8 = 1, keysRole: UInt8 = 2, argumentsRole: UInt8 = 3

    struct Draft {
        var name: String?
        var span: Range<Int>
        var flags: [String]
        var callback: LuaFunction?
        var usage = LuaKeysUsage()
    }

    init(scopes: LuaScopes, lines: LuaLineTable) {
        self.scopes = scopes
        self.lines = lines
    }

    /// `mayRegisterFunctions`: the parser's `mayRegisterFunctions` (false skips a walk of the whole tree).
    /// `localSymbols`: the scope resolver's symbol of each local, by id (nil: no screen of names).
    mutating func analyse(_ chunk: LuaChunk, mayRegisterFunctions: Bool = true, localSymbols: [LuaSymbol]? = nil) {
        names = chunk.names
        tree = chunk.tree
        if mayRegisterFunctions { findRegistrations(in: chunk.block) }
        localRoles = [UInt8](repeating: Self.unknownRole, count: scopes.locals.count)
        if let localSymbols, localSymbols.count == scopes.locals.count { screenNames(localSymbols) }
        visitBlock(chunk.block)
        registrations = registrationDrafts.map { draft in
            let parameters = draft.callback.map { chunk.declaredNames($0.parameterList) } ?? []
            return LuaRegisteredFunction(
                name: draft.name, span: draft.span, line: lines.line(at: draft.span.lowerBound), flags: draft.flags,
                keysParameter: parameters.first.map { text($0.symbol) }, argumentsParameter: parameters.count > 1 ? text(parameters[1].symbol) : nil,
                callbackSpan: draft.callback?.span, usage: draft.usage)
        }
    }

    // MARK: recognising names

    private func text(_ symbol: LuaSymbol) -> String { names[Int(symbol.index)] }

    /// Whether the expression is the global `name` (`redis`, `math`, ...: a predefined symbol).
    private func isGlobal(_ expression: LuaExpression, _ name: LuaSymbol) -> Bool {
        // Asks whether a local is referenced without copying the local out.
        if case .name(let found) = expression.kind, found == name, scopes.localReferences[expression.span.lowerBound] == nil { return true }
        return false
    }

    /// `redis.field` (or `redis["field"]`) → "field".
    private func redisField(_ expression: LuaExpression) -> String? {
        guard case .index(let object, let key, _) = expression.kind, isGlobal(tree[object], .redis) else { return nil }
        return tree.stringText(tree[key])
    }

    /// KEYS or ARGV (the globals, a registered callback's parameters, or a local alias of either).
    func role(of expression: LuaExpression, depth: Int = 0) -> Role? {
        switch expression.kind {
        case .paren(let inner):
            return depth < 8 ? role(of: tree[inner], depth: depth + 1) : nil
        case .name(let symbol):
            // Every name of the script is asked: the local is read in place, and the callbacks' roles only
            // when a registration gave some.
            guard let id = scopes.localReferences[expression.span.lowerBound] else {
                return symbol == .keys ? .keys : symbol == .argv ? .arguments : nil
            }
            return role(ofLocal: id, depth: depth)
        default:
            return nil
        }
    }

    /// The role of the local `id` (a role callback's parameter, or a local assigned once from KEYS/ARGV or an alias).
    private func role(ofLocal id: Int, depth: Int) -> Role? {
        if !parameterRoles.isEmpty, let role = parameterRoles[id] { return role }
        if scopes.locals[id].kind == .local, scopes.locals[id].assignmentCount == 0, let initializer = scopes.locals[id].initializer, depth < 8 {
            return role(of: initializer, depth: depth + 1)
        }
        return nil
    }

    /// Works out every local's role and marks the names that can have one: most names of a script
    /// cannot, and the walk then answers for them without looking their reference up.
    private mutating func screenNames(_ localSymbols: [LuaSymbol]) {
        mayHaveRole = [Bool](repeating: false, count: names.count)
        mayHaveRole[Int(LuaSymbol.keys.index)] = true
        mayHaveRole[Int(LuaSymbol.argv.index)] = true
        for id in localRoles.indices where keptRole(ofLocal: id) != nil {
            mayHaveRole[Int(localSymbols[id].index)] = true
        }
    }

    /// `role(of:)` for the main walk, which asks it of every name and indexed object: a local's role is
    /// fixed once the registrations are found, so it is worked out once per local (following its
    /// initializer copied the expression out and back each time) and kept in `localRoles`.
    private mutating func walkRole(of expression: LuaExpression) -> Role? {
        guard case .name(let symbol) = expression.kind else { return role(of: expression) }
        if !mayHaveRole.isEmpty, !mayHaveRole[Int(symbol.index)] { return nil }
        guard let id = scopes.localReferences[expression.span.lowerBound] else {
            return symbol == .keys ? .keys : symbol == .argv ? .arguments : nil
        }
        return keptRole(ofLocal: id)
    }

    /// The role of the local `id`, worked out on the first question and kept in `localRoles` (the one
    /// place that encodes and decodes it).
    private mutating func keptRole(ofLocal id: Int) -> Role? {
        switch localRoles[id] {
        case Self.noRole: return nil
        case Self.keysRole: return .keys
        case Self.argumentsRole: return .arguments
        default:
            // Asked from the top (depth 0), as `role(of:)` asks it: the answer is the same at every reference.
            let found = role(ofLocal: id, depth: 0)
            localRoles[id] = found == nil ? Self.noRole : found == .keys ? Self.keysRole : Self.argumentsRole
            return found
        }
    }

    /// What a value is, following locals assigned once.
    func classify(_ expression: LuaExpression, depth: Int = 0) -> LuaValue {
        guard depth < 16 else { return .computed }
        switch expression.kind {
        case .string(let value):
            return .string(String(decoding: tree.storage.bytes(value), as: UTF8.self))
        case .number(let value):
            return .number(value)
        case .paren(let inner):
            return classify(tree[inner], depth: depth + 1)
        case .index(let object, let key, _):
            guard let role = role(of: tree[object]) else { return .computed }
            if case .number(let value) = tree[key].kind, let n = LuaNumeral.integer(value) {
                return role == .keys ? .key(n) : .argument(n)
            }
            return role == .keys ? .dynamicKey : .dynamicArgument
        case .name(let symbol):
            guard let local = scopes.local(referencedAt: expression.span.lowerBound), local.kind == .local,
                  local.assignmentCount == 0, let initializer = local.initializer else { return .computed }
            let value = classify(initializer, depth: depth + 1)
            return value == .computed ? .computed : .variable(name: text(symbol), value: value)
        case .binary(.concat, let left, let right):
            var parts: [LuaValue] = []
            for side in [left, right] {
                let value = classify(tree[side], depth: depth + 1)
                if case .concatenation(let inner) = value { parts += inner } else { parts.append(value) }
            }
            return .concatenation(parts)
        case .call(let callee, let arguments):
            if isGlobal(tree[callee], .unpack), arguments.count == 1, let role = role(of: tree.element(arguments, 0)) {
                return role == .keys ? .allKeys : .allArguments
            }
            return .computed
        default:
            return .computed
        }
    }

    /// The command name of a call: a literal string, or a local holding one.
    private func commandName(_ expression: LuaExpression) -> String? {
        var value = classify(expression)
        while case .variable(_, let inner) = value { value = inner }
        if case .string(let text) = value { return text.uppercased() }
        return nil
    }

    // MARK: usage bookkeeping

    private mutating func updateUsage(_ role: Role, _ change: (inout LuaKeysUsage, Role) -> Void) {
        if let current = currentRegistration { change(&registrationDrafts[current].usage, role) }
        change(&usage, role)
    }

    private mutating func noteIndex(_ role: Role, key: LuaExpression) {
        var literal: Int?
        if case .number(let value) = key.kind { literal = LuaNumeral.integer(value) }
        updateUsage(role) { usage, role in
            switch (role, literal) {
            case (.keys, let n?): usage.highestKeyIndex = max(usage.highestKeyIndex ?? n, n)
            case (.keys, nil): usage.usesDynamicKeyIndex = true
            case (.arguments, let n?): usage.highestArgumentIndex = max(usage.highestArgumentIndex ?? n, n)
            case (.arguments, nil): usage.usesDynamicArgumentIndex = true
            }
        }
    }

    // MARK: Functions registrations (found before the main walk so callbacks know their roles)

    private mutating func findRegistrations(in block: LuaBlock) {
        var finder = RegistrationFinder(view: self, tree: tree)
        finder.visitBlock(block)
        for draft in finder.drafts {
            let index = registrationDrafts.count
            registrationDrafts.append(draft)
            if let callback = draft.callback {
                callbackOwners[callback.id] = index
                // The callback's parameter ids are consecutive: the first plays KEYS, the second ARGV.
                let parameters = callback.id < scopes.parameterLocals.count ? scopes.parameterLocals[callback.id] : 0..<0
                if parameters.count > 0 { parameterRoles[parameters.lowerBound] = .keys }
                if parameters.count > 1 { parameterRoles[parameters.lowerBound + 1] = .arguments }
            }
        }
    }

    /// The function an expression denotes: inline, or a local function.
    func function(denotedBy expression: LuaExpression) -> LuaFunction? {
        switch expression.kind {
        case .function(let function): return tree.storage.functions[function - 1]
        case .paren(let inner): return function(denotedBy: tree[inner])
        case .name:
            guard let local = scopes.local(referencedAt: expression.span.lowerBound),
                  let function = scopes.localFunctions[local.id] else { return nil }
            return tree.storage.functions[function - 1]
        default: return nil
        }
    }

    func registration(_ callee: LuaExpression, _ arguments: LuaExpressionList, span: Range<Int>) -> Draft? {
        guard redisField(callee) == "register_function" else { return nil }
        if arguments.count >= 2 {
            return Draft(name: tree.stringText(tree.element(arguments, 0)), span: span, flags: [],
                         callback: function(denotedBy: tree.element(arguments, 1)))
        }
        guard arguments.count == 1, case .table(let fields) = tree.element(arguments, 0).kind else { return nil }
        var draft = Draft(name: nil, span: span, flags: [], callback: nil)
        for index in fields.indices {
            guard case .named(let key, let value) = tree.storage.tableFields[index] else { continue }
            switch text(key) {
            case "function_name": draft.name = tree.stringText(tree[value])
            case "callback": draft.callback = function(denotedBy: tree[value])
            case "flags":
                if case .table(let flags) = tree[value].kind {
                    for flag in flags.indices {
                        if case .positional(let item) = tree.storage.tableFields[flag], let text = tree.stringText(tree[item]) { draft.flags.append(text) }
                    }
                }
            default: break
            }
        }
        return draft
    }

    // MARK: the main walk

    private mutating func visitBlock(_ block: LuaBlock) {
        for index in block.statements.indices { visitStatement(tree.statement(index)) }
    }

    private mutating func visitLoopBody(_ block: LuaBlock) {
        loopDepth += 1
        visitBlock(block)
        loopDepth -= 1
    }

    private mutating func visitExpressions(_ list: LuaExpressionList) {
        for index in list.indices { visitExpression(tree[tree.storage.lists[index]]) }
    }

    private mutating func visitStatement(_ statement: LuaStatement) {
        switch statement.kind {
        case .local(_, let values):
            // `local keys = KEYS` makes an alias, not a use of KEYS as a whole.
            for index in values.indices {
                let value = tree[tree.storage.lists[index]]
                if !isAlias(value) { visitExpression(value) }
            }
        case .localFunction(_, let function), .function(_, let function):
            visitFunction(tree.storage.functions[function - 1])
        case .assignment(let targets, let values):
            visitExpressions(values)
            visitExpressions(targets)
        case .call(let call):
            visitExpression(tree[call])
        case .doBlock(let body):
            visitBlock(body)
        case .whileLoop(let condition, let body):
            visitExpression(tree[condition])
            visitLoopBody(body)
        case .repeatLoop(let body, let condition):
            loopDepth += 1
            visitBlock(body)
            visitExpression(tree[condition])
            loopDepth -= 1
        case .ifThen(let clauses, let elseBlock):
            for index in clauses.indices {
                let clause = tree.clause(index)
                visitExpression(tree[clause.condition])
                visitBlock(clause.block)
            }
            if let elseBlock { visitBlock(elseBlock) }
        case .numericFor(_, let start, let limit, let step, let body):
            visitExpression(tree[start])
            visitExpression(tree[limit])
            if let step { visitExpression(tree[step]) }
            visitLoopBody(body)
        case .genericFor(_, let expressions, let body):
            visitExpressions(expressions)
            visitLoopBody(body)
        case .returnValues(let values):
            visitExpressions(values)
        case .breakLoop:
            break
        }
    }

    /// `local keys = KEYS` makes an alias, not a use of KEYS as a whole. Only a bare name can be one,
    /// and its role comes from (and stays in) the walk's kept roles.
    private mutating func isAlias(_ value: LuaExpression) -> Bool {
        isBareName(value) && walkRole(of: value) != nil
    }

    private func isBareName(_ expression: LuaExpression) -> Bool {
        if case .name = expression.kind { return true }
        return false
    }

    private mutating func visitFunction(_ function: LuaFunction) {
        let (savedRegistration, savedLoops) = (currentRegistration, loopDepth)
        // Most scripts register nothing: no hashed lookup per function then.
        if !callbackOwners.isEmpty, let owner = callbackOwners[function.id] { currentRegistration = owner }
        loopDepth = 0
        visitBlock(function.body)
        (currentRegistration, loopDepth) = (savedRegistration, savedLoops)
    }

    /// `redis.call` / `redis.pcall`, directly or through a local alias (`local rcall = redis.call`,
    /// common in BullMQ-style scripts) → the field name.
    private func callFunction(_ callee: LuaExpression) -> String? {
        if let field = redisField(callee) { return field == "call" || field == "pcall" ? field : nil }
        guard case .name = callee.kind, let local = scopes.local(referencedAt: callee.span.lowerBound), local.kind == .local,
              local.assignmentCount == 0, let initializer = local.initializer, let field = redisField(initializer),
              field == "call" || field == "pcall" else { return nil }
        return field
    }

    private mutating func visitCall(_ callee: LuaExpression, _ arguments: LuaExpressionList, span: Range<Int>) {
        if let field = callFunction(callee) {
            let first = arguments.isEmpty ? nil : tree.element(arguments, 0)
            let command = first.flatMap(commandName)
            let call = LuaRedisCall(
                isPcall: field == "pcall", command: command, commandSpan: first?.span ?? callee.span, span: span,
                arguments: tree.all(arguments).dropFirst().map { LuaArgument(value: classify($0), span: $0.span) },
                line: lines.line(at: span.lowerBound),
                registeredFunction: currentRegistration.flatMap { registrationDrafts[$0].name }, loopDepth: loopDepth)
            calls.append(call)
            if let command, LuaSandbox.nondeterministicCommands.contains(command) {
                nondeterminism.append(LuaNondeterminismUse(what: command, span: span, line: call.line))
            }
            visitExpressions(arguments)
            return
        }
        if let field = redisField(callee) {
            apiUses.append(LuaRedisAPIUse(name: field, isCall: true, span: span, line: lines.line(at: span.lowerBound)))
        } else {
            visitExpression(callee)
        }
        visitExpressions(arguments)
    }

    private mutating func visitExpression(_ expression: LuaExpression) {
        switch expression.kind {
        case .nilValue, .trueValue, .falseValue, .vararg, .number, .string:
            break
        case .name:
            if let role = walkRole(of: expression) {
                updateUsage(role) { usage, role in
                    if role == .keys { usage.usesKeysAsWhole = true } else { usage.usesArgumentsAsWhole = true }
                }
            }
        case .function(let function):
            visitFunction(tree.storage.functions[function - 1])
        case .unary(let op, let operand):
            let operand = tree[operand]
            if op == .length, let role = walkRole(of: operand) {
                updateUsage(role) { usage, role in
                    if role == .keys { usage.usesKeyCount = true } else { usage.usesArgumentCount = true }
                }
            } else {
                visitExpression(operand)
            }
        case .index(let objectRef, let keyRef, _):
            let (object, key) = (tree[objectRef], tree[keyRef])
            if let role = walkRole(of: object) {
                noteIndex(role, key: key)
                visitExpression(key)
                return
            }
            if let field = redisField(expression) {
                apiUses.append(LuaRedisAPIUse(name: field, isCall: false, span: expression.span, line: lines.line(at: expression.span.lowerBound)))
                return
            }
            if isGlobal(object, .math) || isGlobal(object, .os), let name = tree.stringText(key),
               ["random", "randomseed", "time", "clock"].contains(name) {
                let base = isGlobal(object, .math) ? "math" : "os"
                nondeterminism.append(LuaNondeterminismUse(what: "\(base).\(name)", span: expression.span, line: lines.line(at: expression.span.lowerBound)))
            }
            visitExpression(object)
            visitExpression(key)
        case .call(let callee, let arguments):
            visitCall(tree[callee], arguments, span: expression.span)
        // Directly: through `forEachOperand`'s closure it cost more than the boxed tree's walk did.
        case .binary(_, let left, let right):
            visitExpression(tree[left])
            visitExpression(tree[right])
        case .table, .methodCall, .paren, .binaryChain, .suffixChain:
            tree.forEachOperand(of: expression) { visitExpression($0) }
        }
    }
}

/// Finds `redis.register_function` calls anywhere in the tree.
private struct RegistrationFinder {
    let view: LuaRedisView
    let tree: LuaExpressionTree
    var drafts: [LuaRedisView.Draft] = []

    init(view: LuaRedisView, tree: LuaExpressionTree) {
        self.view = view
        self.tree = tree
    }

    mutating func visitBlock(_ block: LuaBlock) {
        for index in block.statements.indices { visitStatement(tree.statement(index)) }
    }

    mutating func visitExpressions(_ list: LuaExpressionList) {
        for index in list.indices { visitExpression(tree[tree.storage.lists[index]]) }
    }

    mutating func visitStatement(_ statement: LuaStatement) {
        switch statement.kind {
        case .call(let call): visitExpression(tree[call])
        case .local(_, let values), .returnValues(let values), .assignment(_, let values): visitExpressions(values)
        case .localFunction(_, let function), .function(_, let function): visitBlock(tree.storage.functions[function - 1].body)
        case .doBlock(let body), .whileLoop(_, let body), .repeatLoop(let body, _), .numericFor(_, _, _, _, let body),
             .genericFor(_, _, let body):
            visitBlock(body)
        case .ifThen(let clauses, let elseBlock):
            for index in clauses.indices { visitBlock(tree.clause(index).block) }
            if let elseBlock { visitBlock(elseBlock) }
        case .breakLoop: break
        }
    }

    mutating func visitExpression(_ expression: LuaExpression) {
        switch expression.kind {
        case .call(let callee, let arguments):
            if let draft = view.registration(tree[callee], arguments, span: expression.span) { drafts.append(draft) }
            visitExpressions(arguments)
        case .function(let function):
            visitBlock(tree.storage.functions[function - 1].body)
        case .paren(let inner):
            visitExpression(tree[inner])
        default:
            break
        }
    }
}
