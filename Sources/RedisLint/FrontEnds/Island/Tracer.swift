/// Builds the file's traces from its calls and structure: decides which calls are Redis commands
/// (receiver inference), in which function they run, inside how many loops, and in which execution
/// context (plain, MULTI/EXEC, pipeline).
/// A class: it is immutable, and closures and helpers that captured the struct copied its two dozen
/// arrays and tables (one retain each) per call.
final class Tracer {
    let view: TokenView
    let calls: [CallSite]
    /// The calls' arguments, one list for the file (`FileCalls.argumentList`; read through `arguments(of:)`).
    let argumentList: [ArgumentSyntax]
    /// The calls' method names and receiver texts (read through `methodText(of:)`, `receiverText(of:)`).
    let callNames: CallNames
    let structure: FileStructure
    let language: Language
    let values: ValueReader
    /// The project's own client names and wrappers (configuration `[clients]`).
    let teaching: ClientTeaching

    /// What `binding(of:at:scope:depth:)` depends on for one use of a receiver name.
    /// (The receiver by its number, `CallSite.receiverID`: hashing four integers, not the text.)
    /// (32-bit fields: half the bytes to hash and to store of four `Int`s; each is a number below a
    /// count of the file's calls, scopes or assignments.)
    struct ReceiverUse: Hashable {
        var receiver: Int32
        var scope: Int32
        var assignmentsBefore: Int32
        var depth: Int32
    }

    enum Binding: Equatable {
        case client(Confidence)
        case transaction(Confidence)
        case pipeline(Confidence)
        /// Known not to be a Redis client (a shadowing parameter, a non-Redis value).
        case other

        var confidence: Confidence? {
            switch self {
            case .client(let c), .transaction(let c), .pipeline(let c): return c
            case .other: return nil
            }
        }
    }

    /// Owner call of each closure scope (resolved once).
    let owners: [Int?]
    /// Closures that run once per element without an owning call (Swift trailing closures on `.forEach`).
    let iterationClosures: Set<Int>
    /// Innermost scope of each token (-1: top level).
    let scopeOfToken: [Int32]
    /// Parent of each scope (-1: top level).
    let parents: [Int]
    /// Calls by their first token, in call order: the first at each token, then a chain per call
    /// (flat arrays: a dictionary of arrays allocated one array per token and was a tenth of the tracer).
    let firstCallAt: [Int32]
    let nextCallAtSameToken: [Int32]
    /// The assignments by target (made on first use).
    let assignmentsByTarget: AssignmentTable
    /// Assignment targets by the first token of their value, made on first use (`assignedName(at:)`): most
    /// files make no op that asks. (Read, then filled, never accessed during a write: see the caches below.)
    @exclusivity(unchecked) private var assignedNames = AssignedNames()
    @exclusivity(unchecked) private var assignedNamesMade = false
    /// Names declared anywhere with a Redis client type (constructor-injected members).
    let typedClientNames: Set<String>
    /// The kinds of client those names' types declare (`ClientEvidence.clientKind(ofClientType:)`).
    let typedClientKinds: ClientKinds
    /// Names of the file's functions (helper candidates).
    let functionNames: FunctionTable
    /// Functions of this file that call a callback they are given once per element: a parameter called
    /// inside a loop of their body (`func each(_ f: …) { for k in ks { f(k) } }`), or Ruby's `yield` there.
    /// A closure passed to them repeats (RediStack's tests: `runOperation { conn.subscribe(to: $0) }`).
    let callbackLoopingFunctions: Set<String>
    /// The caches below are read, then filled with an answer worked out in between, never accessed while a
    /// write to them is under way; unchecked, they skip the run-time exclusivity check each access paid
    /// (~16M instructions on 10 MB of the synthetic corpus). A tracer works on one thread.
    ///
    /// A receiver's binding depends on the use only through its scope and which assignments to the name
    /// come before it; calls on one receiver repeat, so each answer is computed once per file.
    @exclusivity(unchecked) private var bindingCache = BindingCache()
    /// Per scope: the scope itself when a receiver's binding may depend on it (see `bindingScope`), else
    /// the nearest enclosing one that may (-1: none). (Worked out up front: a lazily filled table of the
    /// class paid an exclusivity check per read.)
    private let bindingRelevantScopes: [Int32]
    /// How many method names the calls are numbered with (`CallSite.methodID` is below it).
    let methodCount: Int
    /// The facts of the calls' method names.
    let methods: MethodTable
    /// Per receiver number: the assignments to its text (`assignmentsByTarget`), looked up once.
    @exclusivity(unchecked) private var assignmentsOfReceiver: [AssignmentList?]
    /// Per receiver number: which of those assignments are at top level (`topLevelAssignments`), found once.
    @exclusivity(unchecked) private var topLevelAssignmentsOfReceiver: [[Int]?]
    /// Whether a method opens a transaction or a pipeline (`ClientMethods`' two sets), by method number:
    /// asked for every link of a chain and every enclosing block, each a hash of the name.
    enum StructuralKind: UInt8 { case unknown, neither, transaction, pipeline }
    @exclusivity(unchecked) private var structuralKinds: [StructuralKind]
    /// Per method number: whether the name is one of `iterationMethods` (bit 1), of `routeMethods` (bit 2)
    /// and of `callbackLoopingFunctions` (bit 3), once asked (bit 0). Asked for every closure on the way up
    /// from each op (a hash each).
    @exclusivity(unchecked) private var methodNameSets: [UInt8]
    /// Whether calls are client constructors (`isConstructor(_:)`), by receiver and method. Each link of a chain
    /// is asked again for every receiver resolved through it. (Remembered per call, 7,956 answers were worked
    /// out on nb10.)
    @exclusivity(unchecked) private var constructorAnswers: ConstructorAnswers
    /// What `assignedValueBinding(_:depth:)` depends on.
    struct AssignedValueUse: Hashable {
        var position: Int
        var value: Range<Int>
        var depth: Int
    }
    /// (In the binding cache's table: a dictionary hashed the use's 32 bytes at every look-up.)
    @exclusivity(unchecked) var assignedValueCache = BindingCache()
    /// Declared types' facts (`typeFacts`): the file's first few types by place (`FewNames`), then by text.
    @exclusivity(unchecked) var typeNames = FewNames()
    @exclusivity(unchecked) var typeFactsByPlace: [TypeFacts] = []
    @exclusivity(unchecked) var typeFactsCache: [String: TypeFacts] = [:]
    /// The names `latestAssignment`, `isAssigned` and `visibleAssignment` ask about (values' names, literals'
    /// names, parameters): the file's first few by place (`FewNames`), with their assignments
    /// (`assignmentsByTarget`, `.empty` for none) and which of those are at top level once asked.
    @exclusivity(unchecked) var askedNames = FewNames()
    @exclusivity(unchecked) var assignmentsOfAskedName: [AssignmentList] = []
    @exclusivity(unchecked) var topLevelAssignmentsOfAskedName: [[Int]?] = []
    /// Per assignment target past those: which of its assignments are at top level (`visibleAssignment`).
    @exclusivity(unchecked) var topLevelAssignmentCache: [String: [Int]] = [:]
    /// The ops' sets of one argument name, reused (`OneNameSets`).
    @exclusivity(unchecked) var oneNameSets = OneNameSets()
    /// The conditions' sets of one name, reused (`makeCondition`): apart from the ops', whose last name they would replace.
    @exclusivity(unchecked) var conditionNameSets = OneNameSets()
    /// The ops' sets of several argument names, reused (`NameListSets`).
    @exclusivity(unchecked) var nameListSets = NameListSets()
    /// For tokens inside a modifier's condition: the byte offset of the guarded statement.
    private let modifierStatementStart: [Int: Int]

    /// Iteration methods whose block or callback runs once per element.
    static let iterationMethods: Set<String> = ["each", "each_with_index", "each_with_object", "map", "flat_map", "collect",
        "select", "reject", "times", "upto", "downto", "each_slice", "each_key", "each_value", "each_pair", "find_each",
        "forEach", "filter", "reduce", "some", "every", "flatMap", "compactMap", "loop", "find_in_batches", "each_line",
        "step", "in_batches", "all", "allSettled", "filter_map", "each_cons", "find", "detect", "find_all", "sort_by", "group_by",
        "min_by", "max_by", "sum", "partition", "inject", "each_entry", "findIndex", "findLast"]
    static let routeMethods: Set<String> = ["get", "post", "put", "patch", "delete", "all", "options", "head", "route", "on"]

    /// Works out both sets of tables (`ScopeTables`, `CallTables`) one after the other.
    convenience init(view: TokenView, calls: FileCalls, structure: FileStructure, language: Language, values: ValueReader,
                     teaching: ClientTeaching = ClientTeaching()) {
        self.init(view: view, calls: calls, structure: structure, language: language, values: values, teaching: teaching,
                  scopeTables: ScopeTables(view: view, calls: calls.sites, structure: structure, language: language),
                  callTables: CallTables(view: view, calls: calls.sites, names: calls.names, structure: structure, language: language, values: values,
                                         teaching: teaching))
    }

    /// From its two sets of tables, which a large file works out side by side (`run(view:…)`).
    init(view: TokenView, calls fileCalls: FileCalls, structure: FileStructure, language: Language, values: ValueReader,
         teaching: ClientTeaching, scopeTables: ScopeTables, callTables: CallTables) {
        let calls = fileCalls.sites
        self.teaching = teaching
        self.view = view
        self.calls = calls
        argumentList = fileCalls.argumentList
        callNames = fileCalls.names
        self.structure = structure
        self.language = language
        self.values = values
        scopeOfToken = scopeTables.scopeOfToken
        parents = scopeTables.parents
        firstCallAt = scopeTables.firstCallAt
        nextCallAtSameToken = scopeTables.nextCallAtSameToken
        typedClientNames = scopeTables.typedClientNames
        typedClientKinds = scopeTables.typedClientKinds
        modifierStatementStart = scopeTables.modifierStatementStart
        owners = scopeTables.owners
        iterationClosures = scopeTables.iterationClosures
        assignmentsByTarget = AssignmentTable(structure.assignments)
        functionNames = callTables.functionNames
        methods = callTables.methods
        // (The file's numbers, as many as it has names: counted from the calls, the largest numbers cost a pass
        // over the calls, three per file.)
        let methodCount = fileCalls.names.methods.count, receiverCount = fileCalls.names.receivers.count
        self.methodCount = methodCount
        assignmentsOfReceiver = Array(filled: nil, count: receiverCount)
        topLevelAssignmentsOfReceiver = Array(filled: nil, count: receiverCount)
        structuralKinds = Array(filled: .unknown, count: methodCount)
        methodNameSets = Array(filled: 0, count: methodCount)
        constructorAnswers = ConstructorAnswers(receiverCount: receiverCount)
        bindingRelevantScopes = Tracer.relevantScopes(structure.scopes, parents: scopeTables.parents, language: language)
        callbackLoopingFunctions = Tracer.callbackLoopingFunctions(view: view, calls: calls, callNames: callNames, methodCount: methodCount, scopes: structure.scopes,
                                                                   parameterList: structure.parameterList,
                                                                   parents: parents, scopeOfToken: scopeOfToken, owners: owners,
                                                                   iterationClosures: iterationClosures, language: language)
    }

    /// A tracer with the tables another one worked out (`prepared()`), and empty caches of its own: one per
    /// thread when a large file's calls are traced in two parts. `bindings`: a binding cache to start from.
    init(_ prepared: Prepared, bindings: BindingCache = BindingCache()) {
        bindingCache = bindings
        view = prepared.view
        calls = prepared.calls
        argumentList = prepared.argumentList
        callNames = prepared.callNames
        structure = prepared.structure
        language = prepared.language
        values = prepared.values
        teaching = prepared.teaching
        owners = prepared.owners
        iterationClosures = prepared.iterationClosures
        scopeOfToken = prepared.scopeOfToken
        parents = prepared.parents
        firstCallAt = prepared.firstCallAt
        nextCallAtSameToken = prepared.nextCallAtSameToken
        assignmentsByTarget = prepared.assignmentsByTarget
        assignedNames = prepared.assignedNames
        assignedNamesMade = true
        typedClientNames = prepared.typedClientNames
        typedClientKinds = prepared.typedClientKinds
        functionNames = prepared.functionNames
        callbackLoopingFunctions = prepared.callbackLoopingFunctions
        methodCount = prepared.methodCount
        methods = prepared.callFacts.methods
        assignmentsOfReceiver = Array(filled: nil, count: prepared.receiverCount)
        topLevelAssignmentsOfReceiver = Array(filled: nil, count: prepared.receiverCount)
        structuralKinds = Array(filled: .unknown, count: prepared.methodCount)
        methodNameSets = Array(filled: 0, count: prepared.methodCount)
        constructorAnswers = ConstructorAnswers(receiverCount: prepared.receiverCount)
        bindingRelevantScopes = Tracer.relevantScopes(prepared.structure.scopes, parents: prepared.parents, language: prepared.language)
        modifierStatementStart = prepared.modifierStatementStart
    }

    /// The tables `init(_:)` takes, with the facts of the calls' method names.
    func prepared() -> Prepared {
        // (Made now: the parts' tracers read it on two threads.)
        assignmentsByTarget.fill()
        let assignedNames = assignedNamesMade ? assignedNames : AssignedNames(structure.assignments, values: values)
        return Prepared(view: view, calls: calls, argumentList: argumentList, callNames: callNames, structure: structure, language: language, values: values, teaching: teaching,
                 owners: owners, iterationClosures: iterationClosures, scopeOfToken: scopeOfToken, parents: parents,
                 firstCallAt: firstCallAt, nextCallAtSameToken: nextCallAtSameToken, assignmentsByTarget: assignmentsByTarget,
                 assignedNames: assignedNames, typedClientNames: typedClientNames, typedClientKinds: typedClientKinds, functionNames: functionNames,
                 callbackLoopingFunctions: callbackLoopingFunctions, methodCount: methodCount,
                 receiverCount: assignmentsOfReceiver.count, modifierStatementStart: modifierStatementStart, callFacts: callFacts())
    }

    /// The target of the assignment whose value starts at `token` (of two, the later one's), or nil.
    func assignedName(at token: Int) -> String? {
        if !assignedNamesMade {
            assignedNames = AssignedNames(structure.assignments, values: values)
            assignedNamesMade = true
        }
        return assignedNames[token]
    }

    /// A call's method name (`keys`, `hSet`; `new` for `new X(...)`).
    @inline(__always) func methodText(of call: CallSite) -> String { callNames.method(call) }

    /// A call's receiver with white space removed (`self.redis`; empty for a bare call).
    @inline(__always) func receiverText(of call: CallSite) -> String { callNames.receiver(call) }

    /// A call's arguments (in the file's argument list).
    @inline(__always) func arguments(of call: CallSite) -> CallArguments {
        CallArguments(list: argumentList, start: Int(call.argumentStart), count: Int(call.argumentCount))
    }

    /// `value`, replaced by `empty` (an empty string or list, which costs nothing to make): moved out of a value
    /// about to go.
    @inline(__always) static func take<Value>(_ value: inout Value, leaving empty: Value) -> Value {
        var taken = empty
        swap(&taken, &value)
        return taken
    }

    /// The assignments to the receiver text of a call (one of `calls`), in source order, looked up once per receiver.
    func receiverAssignments(_ call: CallSite) -> AssignmentList { receiverAssignments(number: call.receiverID, text: receiverText(of: call)) }

    /// The assignments to a receiver text, by its number (`CallSite.receiverID` of a call with that text).
    func receiverAssignments(number: Int32, text: String) -> AssignmentList {
        if let known = assignmentsOfReceiver[Int(number)] { return known }
        let found = assignmentsByTarget[text] ?? .empty
        assignmentsOfReceiver[Int(number)] = found
        return found
    }

    /// `topLevelAssignments(of:in:)` of a receiver text, by its number (no hash of the text).
    func receiverTopLevelAssignments(number: Int32, in list: AssignmentList) -> [Int] {
        if let known = topLevelAssignmentsOfReceiver[Int(number)] { return known }
        let found = topLevelIndexes(in: list)
        topLevelAssignmentsOfReceiver[Int(number)] = found
        return found
    }

    /// Does call (one of `calls`) open a transaction or a pipeline?
    func structuralKind(of call: CallSite) -> StructuralKind {
        let method = Int(call.methodID)
        if structuralKinds[method] == .unknown {
            structuralKinds[method] = ClientMethods.transactionMethods.contains(methodText(of: call)) ? .transaction
                : ClientMethods.pipelineMethods.contains(methodText(of: call)) ? .pipeline : .neither
        }
        return structuralKinds[method]
    }

    /// Is call `index`'s method one of `iterationMethods`?
    func hasIterationMethod(_ index: Int) -> Bool { methodNameSet(of: index) & 2 != 0 }

    /// Is call `index`'s method one of `routeMethods`?
    func hasRouteMethod(_ index: Int) -> Bool { methodNameSet(of: index) & 4 != 0 }

    /// Is call `index`'s method one of `callbackLoopingFunctions`?
    func hasCallbackLoopingMethod(_ index: Int) -> Bool { methodNameSet(of: index) & 8 != 0 }

    private func methodNameSet(of index: Int) -> UInt8 {
        let method = Int(calls[index].methodID)
        if methodNameSets[method] == 0 {
            let name = methodText(of: calls[index])
            methodNameSets[method] = 1 | (Tracer.iterationMethods.contains(name) ? 2 : 0) | (Tracer.routeMethods.contains(name) ? 4 : 0)
                | (!callbackLoopingFunctions.isEmpty && callbackLoopingFunctions.contains(name) ? 8 : 0)
        }
        return methodNameSets[method]
    }

    /// `isConstructor(_:)` of call `index`, remembered.
    func isConstructor(index: Int) -> Bool {
        constructorAnswers.answer(calls[index]) { isConstructor(calls[index]) }
    }

    /// `binding(of:at:scope:depth:)` for the receiver of a call, remembered per `ReceiverUse`.
    func cachedBinding(of call: CallSite, scope: Int, depth: Int) -> Binding? {
        let text = receiverText(of: call), token = call.firstToken
        let before = Tracer.firstAssignment(in: receiverAssignments(call), atOrAfter: token)
        let use = ReceiverUse(receiver: call.receiverID, scope: Int32(bindingScope(of: text, from: scope)), assignmentsBefore: Int32(before),
                              depth: Int32(depth))
        if let known = bindingCache.answer(for: use) { return known }
        let result = binding(of: text, at: token, scope: scope, depth: depth, receiver: call.receiverID)
        bindingCache.remember(result, for: use)
        return result
    }

    /// The scope that stands for `scope` in a binding cache key of receiver `text`: `binding(of:at:scope:depth:)`
    /// reads the scopes from `scope` up only for parameters named `text` (Ruby: any block's, and a
    /// parameter of the name before `._client`), for the enclosing function and for the enclosing class.
    /// The scopes on the way that have none of those (an `if` body, a loop, a block without such a
    /// parameter) give the same answer as the first one above them that does: calls on one receiver
    /// in the branches and loops of a function share one entry instead of one per branch.
    func bindingScope(of text: String, from scope: Int) -> Int {
        var current = relevantScope(scope)
        while current >= 0 {
            let kind = structure.scopes[current].kind
            if kind == .function || kind == .classBody || language == .ruby { return current }
            // (Compared in place: a copy of the list retained and released its names.)
            if structure.parameters(ofScope: current).contains(where: { $0.name == text }) { return current }
            current = relevantScope(parents[current])
        }
        return -1
    }

    /// `bindingRelevantScopes[scope]` (-1 for top level).
    @inline(__always) private func relevantScope(_ scope: Int) -> Int {
        scope >= 0 ? Int(bindingRelevantScopes[scope]) : -1
    }

    /// Per scope: itself when it is a function, a class body, has parameters, or is a Ruby block; else the
    /// nearest enclosing such scope (-1: none).
    static func relevantScopes(_ scopes: [Scope], parents: [Int], language: Language) -> [Int32] {
        var answers = [Int32](filled: -2, count: scopes.count)  // -2: not worked out yet
        var path: [Int] = []
        for scope in scopes.indices where answers[scope] == -2 {
            // Up to the first scope whose answer is known or that is relevant itself, then that answer for
            // every scope on the way (a loop: nesting may be deep).
            // (Emptied by `removeLast`: `removeAll(keepingCapacity:)` went through the general `replaceSubrange`,
            // hundreds of instructions per scope for a path of one or two.)
            while !path.isEmpty { path.removeLast() }
            var current = scope
            var answer: Int32 = -1
            while current >= 0 {
                if answers[current] != -2 { answer = answers[current]; break }
                let kind = scopes[current].kind
                if kind == .function || kind == .classBody || scopes[current].parameterCount != 0 || language == .ruby && kind == .closure {
                    answer = Int32(current)
                    answers[current] = answer
                    break
                }
                path.append(current)
                current = parents[current]
            }
            for skipped in path { answers[skipped] = answer }
        }
        return answers
    }

    /// The file's traces, the Lua scripts its calls run, the script files they read, and the kinds of client its
    /// parameters' types declare.
    typealias Output = (traces: [Trace], scripts: [EmbeddedScript], scriptFiles: [ScriptFileReference], typedClientKinds: ClientKinds)

    /// The file's traces and the Lua scripts its calls run, on this thread.
    func run() -> Output { finish(traceCalls(calls.indices, facts: callFacts())) }

    /// What the main pass asks of the calls' method names, and the calls redis-py sends at once.
    struct CallFacts: Sendable {
        var methods: MethodTable
        /// `watchModeCalls()`, found over all the calls: a watch in top-level code reaches calls after it anywhere.
        var immediateCalls: Set<Int>
    }

    /// The facts of the calls' method names, by method number (`CallSite.methodID`).
    struct MethodTable: Sendable {
        /// Every number the calls use has its facts, but those the main pass passes by (state 2).
        var facts: [MethodFacts?]
        /// What the main pass asks of the facts first, as a byte: 1 resolves to a command, 2 passed by in the
        /// main loop (no command, script or function of the file), 3 no command but something the main loop
        /// must look at (a script, a function of the file, or taught wrappers).
        /// (Reading a byte per call, not the facts: each read of those copied and destroyed them.)
        var state: [UInt8]

        /// Method names repeat within a file; resolving one against the command table costs string
        /// work (lower-casing, splitting), and each name set asked about is a hash of the name, so
        /// each distinct name is looked at once per file (by its number: no hash per call).
        /// (A plain loop: a nested function holding the table was an exclusivity check per call.)
        init(calls: [CallSite], names: CallNames, language: Language, functionNames: FunctionTable, teaching: ClientTeaching) {
            let methodCount = names.methods.count
            facts = [MethodFacts?](filled: nil, count: methodCount)
            state = [UInt8](filled: 0, count: methodCount)
            for index in calls.indices {
                let method = Int(calls[index].methodID)
                if state[method] == 0 {
                    (state[method], facts[method]) = MethodFacts.of(names.method(calls[index]), language: language, functionNames: functionNames,
                                                                    hasWrappers: !teaching.wrappers.isEmpty)
                }
            }
        }
    }

    /// The method facts, and the calls redis-py sends at once (found here: it needs the scopes of the calls).
    func callFacts() -> CallFacts { CallFacts(methods: methods, immediateCalls: watchModeCalls()) }

    /// The main pass over the calls of `range` (all of the file's, or one part of them): their ops in their
    /// traces, the scripts they define and run, and the helper calls that `finish` summarises once every
    /// part is traced.
    func traceCalls(_ range: Range<Int>, facts callFacts: CallFacts) -> TracedCalls {
        var traced = TracedCalls(scopeCount: structure.scopes.count, callCount: calls.count,
                                 scripts: ScriptExtractor(view: view, values: values, assignments: assignmentsByTarget,
                                                          scriptObjectsTakeLists: language == .python))
        let factsByMethod = callFacts.methods.facts, methodState = callFacts.methods.state, immediateCalls = callFacts.immediateCalls
        // One builder for the file: it holds the token view and the value reader, and making one per
        // op retained and released each of their arrays.
        let builder = OpBuilder(view: view, values: values, language: language)

        // How many calls will ask the binding cache (at most one entry per command call on a named receiver,
        // and a few for chains): sized for that up front, it does not grow (and move its entries) on the way.
        var receiverUses = 0
        for index in range where methodState[Int(calls[index].methodID)] == 1 && calls[index].receiverCall == nil
            && !receiverText(of: calls[index]).isEmpty {
            receiverUses += 1
        }
        // (Not for none: a file with no such call makes no table.)
        if receiverUses > 0 { bindingCache.reserveCapacity(receiverUses) }

        for callIndex in range {
            // Most calls name no command, define no script and call no function of this file: the facts
            // of their name say so (the steps below all pass them by), before the call is copied out of
            // the array (`enumerated()` copied every call, retaining its strings and arguments).
            if methodState[Int(calls[callIndex].methodID)] == 2 { continue }
            let facts = factsByMethod[Int(calls[callIndex].methodID)]!  // (made for every method not skipped above)
            let call = calls[callIndex]
            let scope = innermostScope(at: call.nameToken)
            // Where the call runs is worked out when first needed: most calls of a file are not commands.
            // (Kept in a plain variable: one a nested function captured and set was destroyed through the
            // generic value witnesses at every call.)
            var placed: Placement? = nil
            if facts.definesScript { traced.scripts.recordDefinition(call, method: methodText(of: call), arguments: arguments(of: call), assignedTo: assignedName(at: call.firstToken)) }
            // The project's own wrappers, taught in the configuration (`CacheStore.fetch(key)` is GET).
            if !teaching.wrappers.isEmpty {
                let place = placed ?? placement(of: call, index: callIndex, scope: scope)
                placed = place
                if var op = taughtWrapperOp(call, context: place.context ?? .plain, loops: place.loops) {
                    let trace = traced.traceIndex(place.owner, in: self)
                    op.conditions = place.conditions.map { traced.addCondition($0, to: trace, in: self) }
                    op.assignedTo = assignedName(at: call.firstToken)
                    traced.traces[trace].ops.append(op)
                    traced.points[trace].append(evaluationPoint(call))
                    traced.callIsOp[callIndex] = true
                    continue
                }
            }
            if facts.isFunctionName && Tracer.isHelperReceiver(receiverText(of: call)) && call.receiverCall == nil
                && !isRubyLocalRead(call, scope: scope) {
                let place = placed ?? placement(of: call, index: callIndex, scope: scope)
                placed = place
                traced.helperCalls.append(TracedCalls.HelperCall(call: callIndex, owner: place.owner, loops: place.loops, context: place.context,
                                                                 conditions: place.conditions))
            }
            // `self.mget(ids)` where the class defines `mget`: its own method (celery's key-value backends),
            // inlined above when it sends commands, never a command itself; also `cls.lmove(…)` in a Python
            // class method (rq's `Queue.dequeue_any`).
            // (The name's and the call's facts first: the receiver's three compares are calls, asked of every call before.)
            if facts.isFunctionName, call.receiverCall == nil,
               receiverText(of: call) == "self" || receiverText(of: call) == "this" || language == .python && receiverText(of: call) == "cls" { continue }
            guard let resolved = facts.resolved else { continue }
            if call.isConstruction { continue }
            var binding: Binding? = nil
            if let receiverCall = call.receiverCall {
                binding = resultBinding(of: receiverCall, contexts: traced.callContexts, isOp: traced.callIsOp, scope: scope)
            } else if !receiverText(of: call).isEmpty {
                binding = cachedBinding(of: call, scope: scope, depth: 0)
            } else if language == .ruby, !call.hasArgumentList || methodText(of: call) == "call" {
                continue  // a bare `keys` or `call(...)` in Ruby is a local method
            } else {
                continue
            }
            if case .other? = binding { continue }
            // `client.client_id`, `user.config_get`: a joined subcommand name needs a receiver known
            // to be a client (a constructor, type, block or Redis-like name), not a bare `client`.
            if resolved.isJoinedSubcommand, (binding?.confidence ?? .low) < .medium { continue }
            var confidence = binding?.confidence
            if resolved.isUnambiguous { confidence = max(confidence ?? .low, .low) }
            guard let confidence else { continue }
            // Structural methods are not commands of their own: opening a transaction or pipeline, and
            // running it (`exec()` on a pipeline sends the batch, not EXEC).
            if facts.isStructural { continue }
            // (redis-py's `pipe.reset()` clears the pipeline's own state; it sends no RESET.)
            if facts.runsQueue || facts.isReset {
                switch binding {
                case .transaction?, .pipeline?: continue
                default: break
                }
            }
            if facts.isAccessor && !call.hasArgumentList || facts.isPubsub { continue }
            // `client.pipeline.return_value.rpush().llen()`: configuring a `unittest.mock` double, not calling Redis.
            // (After the name's own tests: each of these skips the call alike, and this one reads the receiver's bytes.)
            // (A receiver shorter than the shortest of the words, `side_effect`, is not searched: most are.)
            if receiverText(of: call).utf8.count >= ClientEvidence.shortestMockAttributeWord,
               RedisEvidence.containsAny(receiverText(of: call), ClientEvidence.mockAttributeWords) { continue }
            // The file's one builder, with this call's literals only.
            builder.assignedLiterals.removeAll(keepingCapacity: true)
            let callArguments = arguments(of: call)
            if resolved.isRaw || language == .python {
                // (A dictionary, not a closure: a closure stored in the builder would copy the whole tracer.)
                for argument in callArguments where (!argument.hasLabel || argument.isLabelled("mapping", in: view))
                    && argument.tokens.count == 1 && view.kind(argument.tokens.lowerBound) == .identifier {
                    let name = view.text(argument.tokens.lowerBound)
                    if let list = assignedLiteral(name, before: call.firstToken, scope: scope) { builder.assignedLiterals[name] = list }
                }
            }
            var scriptLiteral: (Int, DecodedString)? = nil
            guard var parts = builder.build(call, method: methodText(of: call), arguments: callArguments, resolved: resolved, scriptLiteral: &scriptLiteral) else { continue }
            // A command with subcommands needs one (`redis.client.disconnect` sends no CLIENT).
            if parts.subcommand == nil, parts.hasSubcommands { continue }
            // The checks below ask for the command's spec: the builder's when it looked it up, else one look-up
            // (each check hashed the name again).
            let spec = resolved.isRaw ? nil : parts.spec
            // An ambiguous name on a receiver known only by its name, called with fewer arguments than
            // the command takes, is a collection's method (`data.redis_info.keys`, `environment.redis.get`).
            if !resolved.isUnambiguous, !resolved.isRaw, confidence < .high, !callArguments.contains(where: \.isSplat), let spec {
                let required = (spec.arity > 0 ? spec.arity - 1 : -spec.arity - 1) - (parts.subcommand == nil ? 0 : 1)
                if parts.keys.count + parts.arguments.count + parts.options.count < required { continue }
            }
            // A keyed command called with nothing at all (`adapter.ttl`, an attribute reader) cannot be that command.
            if !resolved.isRaw, call.argumentCount == 0, spec?.hasKeys == true {
                continue
            }
            // Swift: `.wait()`/`.get()` without arguments on a call's result is NIO's future, not WAIT or
            // GET (`RedisConnection.make(…).wait()`); RediStack's commands take their arguments.
            if language == .swift, call.receiverCall != nil, call.argumentCount == 0, !resolved.isRaw,
               let spec, spec.arity > 1 || spec.arity < -1 {
                continue
            }
            if let script = parts.scriptArgument {
                traced.scripts.record(command: parts.command, subcommand: parts.subcommand, scriptArgument: script, literal: scriptLiteral,
                               numberOfKeys: parts.numberOfKeys, argumentCount: parts.argumentCount, keys: parts.keys,
                               callSpan: view.span(call.firstToken, call.lastToken))
            }
            var place = placed ?? placement(of: call, index: callIndex, scope: scope)
            placed = nil
            let (owner, loops, blockContext) = (place.owner, place.loops, place.context)
            // (Moved out of the placement, the op's only holder: numbered in place below.)
            var conditions = Tracer.take(&place.conditions, leaving: [])
            var context: ExecutionContext = .plain
            switch binding {
            case .transaction?: context = immediateCalls.contains(callIndex) ? .plain : .transaction
            case .pipeline?: context = immediateCalls.contains(callIndex) ? .plain : .pipeline
            default: if let blockContext { context = blockContext }
            }
            traced.callContexts[callIndex] = context
            traced.callIsOp[callIndex] = true
            // (The parts' strings and lists moved into the op, not copied: each copy was a retain here and a release
            // when the parts went.)
            var op = RedisOp(command: Tracer.take(&parts.command, leaving: ""), subcommand: Tracer.take(&parts.subcommand, leaving: nil),
                             keys: Tracer.take(&parts.keys, leaving: []), arguments: Tracer.take(&parts.arguments, leaving: []),
                             options: Tracer.take(&parts.options, leaving: []), method: methodText(of: call), receiver: receiverText(of: call), confidence: confidence,
                             span: view.span(call.firstToken, call.lastToken), nameSpan: parts.nameSpan,
                             context: context, loopDepth: loops)
            // Every call of a chain starts where the chain does: `n = redis.incr(k)`.
            op.assignedTo = assignedName(at: call.firstToken)
            // (The closure captures the call's first token, not the call: capturing the call copied it.)
            let firstToken = call.firstToken
            // (A name whose answer needs calls traced in the part before this one is settled after the merge.)
            var answersLater = false
            // (The builder lists the names; the op's set is made here from those kept, each hashed once. Most
            // ops' values read no name, and their set stays the empty one.)
            if parts.valueNames.count == 1 {
                // One name (most ops that read any): its set, or none, without a list of the kept names.
                let overwritten = isOverwritten(parts.valueNames[0], before: firstToken, scope: scope, isOp: traced.callIsOp,
                                                knownFrom: range.lowerBound)
                if overwritten == nil { answersLater = true }
                if overwritten != true { op.argumentNames = oneNameSets.set(of: parts.valueNames) }
            } else if !parts.valueNames.isEmpty {
                // (The kept names listed first, then made a set at once: a set made empty with room for them
                // went through the unspecialised initialiser.)
                var kept: [String] = []
                kept.reserveCapacity(parts.valueNames.count)
                for name in parts.valueNames {
                    guard let overwritten = isOverwritten(name, before: firstToken, scope: scope, isOp: traced.callIsOp, knownFrom: range.lowerBound) else {
                        answersLater = true
                        kept.append(name)
                        continue
                    }
                    if !overwritten { kept.append(name) }
                }
                op.argumentNames = kept.count == 1 ? oneNameSets.set(of: kept) : kept.isEmpty ? [] : nameListSets.set(of: kept)
            }
            if loops > 0 { op.keyVariesInLoop = keyVaries(op.keys, scope: scope) }
            if context == .plain, call.receiverCall == nil, !receiverText(of: call).isEmpty {
                op.mayBeQueued = receiverMayBeQueued(assignedBy: receiverAssignments(call), at: call.firstToken, scope: scope)
            }
            let trace = traced.traceIndex(owner, in: self)
            // The condition scopes become the trace's condition numbers in their own list: `map` made a new list
            // (an allocation and a free) for every op under a condition.
            for index in conditions.indices { conditions[index] = traced.addCondition(conditions[index], to: trace, in: self) }
            op.conditions = conditions
            if answersLater {
                traced.laterArgumentNames.append(TracedCalls.LaterNames(trace: trace, op: traced.traces[trace].ops.count, call: callIndex,
                                                                        scope: scope, names: Set(parts.valueNames)))
            }
            traced.traces[trace].ops.append(op)
            traced.points[trace].append(evaluationPoint(call))
        }

        traced.bindings = bindingCache
        return traced
    }

    /// What needs all the calls traced: argument names left to settle, helper summaries, calls of named
    /// scripts, evaluation order, and the traces in source order.
    /// (`traced` is consumed: a copy of it would share its lists, and the first change to each copied it whole.)
    func finish(_ traced: consuming TracedCalls) -> Output {
        // The serial pass's answer for each: the calls up to this one, as far as traced when it was reached.
        for later in traced.laterArgumentNames {
            let firstToken = calls[later.call].firstToken
            traced.traces[later.trace].ops[later.op].argumentNames = later.names.filter {
                isOverwritten($0, before: firstToken, scope: later.scope, isOp: traced.callIsOp, through: later.call) != true
            }
        }
        // One level of helper summaries: a call to a function of this file that sends commands sends
        // them here, with the helper's parameters replaced by the call's arguments.
        // (The functions of a name from the table of function names, once per method number: no dictionary
        // of lists made here, and a name called again is not hashed again.)
        var functionsOfMethod: [[Int]?] = []
        for helper in traced.helperCalls where !traced.callIsOp[helper.call] {
            let call = calls[helper.call]
            if functionsOfMethod.isEmpty { functionsOfMethod = Array(filled: nil, count: methodCount) }
            let method = Int(call.methodID)
            if functionsOfMethod[method] == nil { functionsOfMethod[method] = functionNames.functions(named: methodText(of: call)) }
            guard let callee = helperDefinition(methodText(of: call), calledFrom: helper.owner, among: functionsOfMethod[method]!),
                  callee != helper.owner, traced.traceOf[callee + 1] >= 0 else { continue }
            let summary = traced.traces[Int(traced.traceOf[callee + 1])]
            // Python: a bare `compact(...)` is a module-level function (often imported), never a method of
            // the enclosing class, which only `self.compact(...)` reaches (eval3 R5).
            if language == .python, receiverText(of: call).isEmpty, parents[callee] >= 0, structure.scopes[parents[callee]].kind == .classBody { continue }
            let (substitution, argumentNames) = argumentSubstitution(call, parameters: structure.parameters(ofScope: callee))
            let trace = traced.traceIndex(helper.owner, in: self)
            let conditions = helper.conditions.map { traced.addCondition($0, to: trace, in: self) }
            // A transaction or pipeline passed in (`save(multi, k)`, `heartbeat(pipeline=pipe)`) carries
            // its context to the helper's commands on that parameter.
            let passedContexts = passedContexts(call, parameters: structure.parameters(ofScope: callee))
            // A parameter the call leaves at its nil default (`doc_for(feature)` of `def doc_for(feature, pipeline: nil)`),
            // and the helper never sets: its commands sent on it cannot run from here (flipper's `if pipeline` branch;
            // not django-redis' `if client is None: client = self.get_client()`).
            let absent = language == .swift || arguments(of: call).contains(where: { $0.isSplat || $0.isKeywordSplat }) ? []
                : Set(structure.parameters(ofScope: callee).filter { parameter in
                    parameter.defaultValue.map(values.isFalsy) == true && substitution[parameter.name] == nil
                        && !isAssigned(parameter.name, in: structure.scopes[callee].body)
                }.map(\.name))
            for original in summary.ops where original.viaHelper == nil && !absent.contains(original.receiver) {
                var op = original
                op.keys = original.keys.map { substitute($0, substitution) }
                op.span = view.span(call.firstToken, call.lastToken)
                op.nameSpan = view[call.nameToken].range
                op.viaHelper = methodText(of: call)
                op.helperSpan = original.nameSpan
                op.loopDepth = helper.loops + original.loopDepth
                if let (context, confidence) = passedContexts[original.receiver]
                    ?? parameterBehind(original.receiver, in: callee).flatMap({ passedContexts[$0] }) {
                    if op.context == .plain { op.context = context }
                    op.confidence = max(op.confidence, confidence)
                } else if op.context == .plain, let context = helper.context {
                    op.context = context
                }
                op.conditions = conditions
                // The helper's reply is what the call returns (`n = self._get(k)`).
                op.assignedTo = assignedName(at: call.firstToken) ?? original.assignedTo
                op.argumentNames = Set(original.argumentNames.flatMap { argumentNames[$0] ?? [$0] })
                traced.traces[trace].ops.append(op)
                traced.points[trace].append(evaluationPoint(call))
            }
        }
        // Calls of scripts defined by name (`release(keys=[k])`, `redis.release(k, t)`).
        if !traced.scripts.named.isEmpty {
            // Asked once per method name (recording a call leaves the names as they are), and the calls
            // read in place: a dictionary look-up and a copy per call of the file.
            var callsNamedScript = [Bool?](filled: nil, count: methodCount)
            for index in calls.indices {
                let method = Int(calls[index].methodID)
                if callsNamedScript[method] == nil {
                    callsNamedScript[method] = traced.scripts.named[methodText(of: calls[index])] != nil && !ScriptExtractor.isDefinition(methodText(of: calls[index]))
                }
                if callsNamedScript[method] == true {
                    traced.scripts.recordNamedCall(calls[index], method: methodText(of: calls[index]), arguments: arguments(of: calls[index]),
                                                   isBare: calls[index].receiverCall == nil && receiverText(of: calls[index]).isEmpty)
                }
            }
        }
        // Evaluation order: by where each call completes, conditions of modifiers first.
        var traces: [Trace] = []
        swap(&traces, &traced.traces)  // (the only reference to them: sorted in place, not copied)
        for trace in traces.indices {
            let keys = traced.points[trace]
            // Ops mostly come in that order already: sorting would give them back as they are, each op
            // copied (its strings and lists retained) into a new list.
            if zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) { continue }
            let ops = traces[trace].ops
            traces[trace].ops = ops.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { ops[$0] }
        }
        // Which ops each condition evaluates itself (`if r.exists(k)`).
        for index in traces.indices {
            var trace = traces[index]
            for index in trace.conditions.indices {
                let span = trace.conditions[index].span
                trace.conditions[index].ops = trace.ops.indices.filter { span.contains(trace.ops[$0].span.lowerBound) }
            }
            traces[index] = trace
        }
        // (`order[i]` owns `traces[i]`.)
        let order = traced.order
        let ordered = traces.indices.sorted { (traces[$0].span.lowerBound, order[$0]) < (traces[$1].span.lowerBound, order[$1]) }.map { traces[$0] }
        let scripts = traced.scripts
        return (ordered, scripts.scripts.keys.sorted().map { scripts.scripts[$0]! },
                scripts.fileReferences.keys.sorted().map { scripts.fileReferences[$0]! }, typedClientKinds)
    }

    /// A call of a wrapper the configuration taught (`CacheStore.fetch(key)` issues `GET key`).
    private func taughtWrapperOp(_ call: CallSite, context: ExecutionContext, loops: Int) -> RedisOp? {
        guard !teaching.wrappers.isEmpty, !call.isConstruction, call.hasArgumentList,
              let wrapper = teaching.wrapper(receiver: receiverText(of: call), method: methodText(of: call)),
              !isDefinition(call) else { return nil }
        let index = wrapper.keyArgument - 1
        var keys: [KeyExpr] = []
        if index < Int(call.argumentCount) {
            let range = values.trimmed(arguments(of: call)[index].tokens)
            if !range.isEmpty { keys = [values.keyExpr(range)] }
        }
        return RedisOp(command: wrapper.command, keys: keys, method: methodText(of: call), receiver: receiverText(of: call), confidence: .high,
                       span: view.span(call.firstToken, call.lastToken), nameSpan: view[call.nameToken].range,
                       context: context, loopDepth: loops)
    }

    /// The wrapper's own definition (`def fetch(key)`, `function fetch(key) {`, `func fetch(_ key:)`,
    /// a JS method `fetch(key) {`), which the chain parser sees as a call.
    private func isDefinition(_ call: CallSite) -> Bool {
        var before = call.firstToken - 1
        if view.isWord(before, "self"), view.isPunct(before + 1, ".") { before -= 1 }  // Ruby `def self.fetch`
        if view.isWord(before, in: ["def", "function", "func", "fun", "fn"]) { return true }
        return language == .javascript && view.isPunct(call.lastToken + 1, "{")
    }

    /// Where a call runs: its trace, how many loops repeat it, the transaction or pipeline block
    /// around it, and the conditions it depends on.
    private struct Placement {
        var owner: Int
        var loops: Int
        var context: ExecutionContext?
        var conditions: [Int]
    }

    private func placement(of call: CallSite, index: Int, scope: Int) -> Placement {
        var (owner, loops, blockContext, conditionScopes) = walkUp(from: scope, call: index)
        if loops > 0, case let exit = LoopExit.after(call, in: view), exit != .none, !insideHandledTry(call, scope: scope) {
            loops = repeatingLoops(from: scope, exit: exit, statementStart: LoopExit.statementStart(of: call, in: view))
        }
        if isInLoopCondition(call) { loops += 1 }
        return Placement(owner: owner, loops: loops, context: blockContext, conditions: conditionScopes)
    }

    /// The trace a scope's calls belong to, the loops between, and a transaction/pipeline block around.
    private func walkUp(from start: Int, call: Int) -> (owner: Int, loops: Int, context: ExecutionContext?, conditions: [Int]) {
        var scope = start
        var loops = 0
        var context: ExecutionContext? = nil
        var conditions: [Int] = []
        var steps = 0
        while scope >= 0 && steps < 10_000 {
            steps += 1
            switch structure.scopes[scope].kind {
            case .function:
                return (scope, loops, context, Tracer.outermostFirst(&conditions))
            case .loop:
                loops += 1
            case .conditional:
                conditions.append(scope)
            case .closure:
                if isIterationClosure(scope) { loops += 1 }
                if let owner = owners[scope] {
                    if isRouteRegistration(owner) { return (scope, loops, context, Tracer.outermostFirst(&conditions)) }
                    if context == nil, structuralKind(of: calls[owner]) == .transaction { context = .transaction }
                    if context == nil, structuralKind(of: calls[owner]) == .pipeline { context = .pipeline }
                } else if structure.scopes[scope].traceKind != nil {
                    return (scope, loops, context, Tracer.outermostFirst(&conditions))
                }
            case .classBody:
                return (-1, loops, context, Tracer.outermostFirst(&conditions))
            }
            scope = parents[scope]
        }
        return (-1, loops, context, Tracer.outermostFirst(&conditions))
    }

    /// The condition scopes `walkUp` collected innermost first, turned around in place (`reversed()` copied
    /// them into a new list per op).
    private static func outermostFirst(_ conditions: inout [Int]) -> [Int] {
        conditions.reverse()
        return conditions
    }

    /// A client constructor of a known library, directly or under an imported alias.
    func isConstructor(_ call: CallSite) -> Bool {
        ClientEvidence.isConstructor(call, names: callNames, language: language, importsRedisModule: structure.importsRedisModule)
            || (language == .javascript && ClientEvidence.isAliasedConstructor(call, names: callNames, aliases: structure.importAliases))
    }

    /// Where a call is evaluated, as a byte offset: where it completes, except that the condition of
    /// a modifier (`del(k) unless exists?(k)`) runs before the statement it guards.
    private func evaluationPoint(_ call: CallSite) -> Int {
        let end = Int(view[call.lastToken].end)
        // (The last token stands for positions past it, as in the table this replaced.)
        if let before = modifierStatementStart[min(call.nameToken, view.count)], before >= 0 { return before }
        return end
    }

    /// Methods that run a queued transaction or pipeline.
    static let runMethods: Set<String> = ["exec", "execute", "discard", "execAsPipeline", "exec_multi"]

    /// Receivers under which a call can be the file's own helper (a comparison of short strings, not
    /// a hash: asked for every call).
    static func isHelperReceiver(_ receiver: String) -> Bool {
        switch receiver {
        case "", "self", "this", "cls", "Self": return true
        default: return false
        }
    }

    /// What the tracer asks of a method name.
    /// (A class: the main pass reads a call's facts through one reference, where copying the struct out of
    /// the table retained and released its command strings at every call.)
    final class MethodFacts: Sendable {
        /// The command it sends, if it is a client method.
        let resolved: ClientMethods.Resolved?
        /// `register_script`, `defineCommand`: defines a Lua script.
        let definesScript: Bool
        /// A function of this file has that name (a helper candidate).
        let isFunctionName: Bool
        /// Opens a transaction or a pipeline (`multi`, `pipeline`).
        let isStructural: Bool
        /// Runs a queued transaction or pipeline (`exec`, `execute`).
        let runsQueue: Bool
        /// Returns a helper object and sends nothing itself (`pubsub()`).
        let isAccessor: Bool
        /// The name is `reset` (redis-py's pipeline reset) or `pubsub`, which the main pass tells apart by name.
        /// (Compared once per name, not at every op.)
        let isReset: Bool
        let isPubsub: Bool

        /// The main pass's first question of a name (`MethodTable.state`), and its facts, made only for a name the
        /// main pass does not pass by (state 2: no command, script, function of the file or taught wrappers; most
        /// of a file's names, each an allocation).
        static func of(_ method: String, language: Language, functionNames: FunctionTable, hasWrappers: Bool) -> (state: UInt8, facts: MethodFacts?) {
            let named = NameFacts.of(method, language: language)
            let isFunctionName = functionNames.contains(method)
            let state: UInt8 = named.resolved != nil ? 1 : !named.definesScript && !isFunctionName && !hasWrappers ? 2 : 3
            return (state, state == 2 ? nil : MethodFacts(method, named: named, isFunctionName: isFunctionName))
        }

        private init(_ method: String, named: NameFacts, isFunctionName: Bool) {
            resolved = named.resolved
            definesScript = named.definesScript
            self.isFunctionName = isFunctionName
            isStructural = named.isStructural
            runsQueue = named.runsQueue
            isAccessor = named.isAccessor
            isReset = method == "reset"
            isPubsub = method == "pubsub"
        }

        /// The facts that follow from the name and language alone. A project's files call the same
        /// names over and over (`get`, `append`, `format`), and working them out (the command table's
        /// look-ups, five name sets) cost ~13% of a small tree's scan when redone in every file: each
        /// name is worked out once per process, and the scan's threads share the answers.
        private struct NameFacts: Sendable {
            var resolved: ClientMethods.Resolved?
            var definesScript: Bool
            var isStructural: Bool
            var runsQueue: Bool
            var isAccessor: Bool

            /// By method name, under the language's tag (`NameCache`).
            private static let known = Locked(NameCache<NameFacts>())

            static func of(_ method: String, language: Language) -> NameFacts {
                known.value(of: method, tag: Tracer.tag(of: language)) {
                    let flags = flagsByName.value(of: method) ?? 0
                    return NameFacts(
                        resolved: ClientMethods.resolve(method: method, language: language),
                        definesScript: flags & Flag.definesScript != 0,
                        isStructural: flags & Flag.isStructural != 0,
                        runsQueue: flags & Flag.runsQueue != 0,
                        isAccessor: flags & Flag.isAccessor != 0)
                }
            }

            private enum Flag {
                static let definesScript: Int32 = 1, isStructural: Int32 = 2, runsQueue: Int32 = 4, isAccessor: Int32 = 8
            }

            /// The four name sets' answers as flags, by the name's bytes: one look-up of a name seen for the
            /// first time instead of five `Set<String>` hashes (~1,900 instructions a name; rq has 700). The names
            /// are plain ASCII that no other text equals (`ClientMethodResolveTests.byteMatchedNameListsArePlainASCII`).
            private static let flagsByName: ASCIINameTable = {
                var flags: [String: Int32] = [:]
                for (names, flag) in [(ScriptExtractor.definitions, Flag.definesScript), (ClientMethods.transactionMethods, Flag.isStructural),
                                      (ClientMethods.pipelineMethods, Flag.isStructural), (Tracer.runMethods, Flag.runsQueue),
                                      (ClientMethods.accessorMethods, Flag.isAccessor)] {
                    for name in names { flags[name, default: 0] |= flag }
                }
                return ASCIINameTable(flags.map { ($0.key, $0.value) })
            }()
        }
    }
    /// A language as a `NameCache` tag.
    static func tag(of language: Language) -> UInt8 {
        switch language {
        case .ruby: 0
        case .python: 1
        case .javascript: 2
        case .swift: 3
        case .lua: 4
        }
    }

    /// Names that say a value is a pipeline or transaction.
    static let pipelineNames: Set<String> = ["pipe", "pipeline", "multi", "tx", "transaction", "trans", "batch"]

    /// Parameter name → the call's argument as a key expression (Python's `self`/`cls` skipped).
    /// Also returns, per parameter, the names its argument reads (how values flow into the helper).
    private func argumentSubstitution(_ call: CallSite, parameters: ScopeParameters) -> ([String: KeyExpr], [String: [String]]) {
        var names = parameters.map(\.name)
        if let first = names.first, first == "self" || first == "cls" { names.removeFirst() }
        var keys: [String: KeyExpr] = [:]
        var reads: [String: [String]] = [:]
        var position = 0
        for argument in arguments(of: call) {
            var parameter: String? = nil
            if language != .swift, let label = argument.label(in: view) {
                parameter = label
            } else {
                if position < names.count { parameter = names[position] }
                position += 1
            }
            guard let parameter else { continue }
            keys[parameter] = values.keyExpr(argument.tokens)
            reads[parameter] = argument.tokens.filter { view.kind($0) == .identifier && !view.isPunct($0 - 1, ".") }.map { view.text($0) }
        }
        return (keys, reads)
    }

    /// redis-py: after `pipe.watch(k)` a pipeline sends each command at once (WATCH itself, and the
    /// reads that follow) until `pipe.multi()` starts queueing the transaction. These calls, by
    /// receiver within each function, in source order.
    private func watchModeCalls() -> Set<Int> {
        guard language == .python else { return [] }
        // What each method name does here, asked once per method number (not compared per call).
        var kinds = [WatchKind?](filled: nil, count: methodCount)
        var watches = false
        for index in calls.indices where kinds[Int(calls[index].methodID)] == nil {
            let kind = WatchKind(methodText(of: calls[index]))
            kinds[Int(calls[index].methodID)] = kind
            if kind == .watch { watches = true }
        }
        guard watches else { return [] }
        // A receiver by a number of its text: the first receiver number with that text (two numbers may
        // spell one `String`, `NameNumbers`), found once per receiver number.
        var sameText = [Int32](filled: -1, count: assignmentsOfReceiver.count)
        var numberOfText: [String: Int32] = [:]
        // The calls on a named receiver, in source order (the filter keeps their order, and the sort is stable).
        let ordered = calls.indices.filter { calls[$0].receiverCall == nil && !receiverText(of: calls[$0]).isEmpty }
            .sorted { calls[$0].nameToken < calls[$1].nameToken }
        // (Function, receiver) pairs: a number each, not a string made per call.
        var watching = Set<Int>()
        var result = Set<Int>()
        for index in ordered {
            let receiver = Int(calls[index].receiverID)
            if sameText[receiver] < 0 {
                let text = receiverText(of: calls[index])
                if let known = numberOfText[text] { sameText[receiver] = known } else {
                    numberOfText[text] = Int32(receiver)
                    sameText[receiver] = Int32(receiver)
                }
            }
            let scope = innermostScope(at: calls[index].nameToken)
            let key = (functionOwner(of: scope) + 1) << 32 | Int(sameText[receiver])
            switch kinds[Int(calls[index].methodID)]! {
            case .watch:
                watching.insert(key)
                result.insert(index)
            case .unwatch:
                // Sent at once; a branch that unwatches and leaves (`pipe.unwatch(); continue`) ends the
                // watch only on its own path (rq's registry).
                if watching.contains(key) { result.insert(index) }
                if !LoopExit.isFollowedByExit(calls[index], in: view) { watching.remove(key) }
            case .ends:
                watching.remove(key)
            case .other:
                if watching.contains(key) { result.insert(index) }
            }
        }
        return result
    }

    /// What a method does to redis-py's watch mode (`watchModeCalls`).
    private enum WatchKind {
        case watch, unwatch, ends, other

        init(_ method: String) {
            // Most names are none of these five: their length (5 or 7 bytes) and first byte rule them out
            // before the String compares (each failed one went through the runtime's comparison; a file's
            // every method name is asked). No other text is canonically equivalent to these ASCII words.
            let utf8 = method.utf8
            guard utf8.count == 5 || utf8.count == 7, let first = utf8.first,
                  first == UInt8(ascii: "w") || first == UInt8(ascii: "u") || first == UInt8(ascii: "m") || first == UInt8(ascii: "r")
                    || first == UInt8(ascii: "e") else {
                self = .other
                return
            }
            switch method {
            case "watch": self = .watch
            case "unwatch": self = .unwatch
            case "multi", "reset", "execute": self = .ends
            default: self = .other
            }
        }
    }

    /// The parameter a helper's local client may be (`connection = pipeline if pipeline is not None
    /// else self.connection`, `const c = pipe || this.redis`): a bare parameter name among the
    /// alternatives of the local's assignment inside the helper.
    private func parameterBehind(_ receiver: String, in callee: Int) -> String? {
        let parameters = Set(structure.parameters(ofScope: callee).map(\.name))
        guard !receiver.isEmpty, !parameters.contains(receiver) else { return nil }
        for assignment in assignmentsByTarget[receiver] ?? .empty
        where functionOwner(of: innermostScope(at: assignment.position)) == callee {
            for arm in view.alternatives(values.trimmed(assignment.value)) {
                let range = values.trimmed(arm)
                if range.count == 1, view.kind(range.lowerBound) == .identifier, parameters.contains(view.text(range.lowerBound)) {
                    return view.text(range.lowerBound)
                }
            }
        }
        return nil
    }

    /// Parameters whose argument at this call is a transaction or a pipeline.
    private func passedContexts(_ call: CallSite, parameters: ScopeParameters) -> [String: (ExecutionContext, Confidence)] {
        var names = parameters.map(\.name)
        if let first = names.first, first == "self" || first == "cls" { names.removeFirst() }
        let scope = innermostScope(at: call.nameToken)
        var result: [String: (ExecutionContext, Confidence)] = [:]
        var position = 0
        for argument in arguments(of: call) {
            var parameter: String? = nil
            if language != .swift, let label = argument.label(in: view) { parameter = label } else {
                if position < names.count { parameter = names[position] }
                position += 1
            }
            let range = values.trimmed(argument.tokens)
            guard let parameter, range.count == 1 || range.count == 3, view.kind(range.lowerBound) == .identifier else { continue }
            switch binding(of: view.compactText(range), at: call.firstToken, scope: scope, depth: 0) {
            case .transaction(let confidence)?: result[parameter] = (.transaction, confidence)
            case .pipeline(let confidence)?: result[parameter] = (.pipeline, confidence)
            default: break
            }
        }
        return result
    }

    private func substitute(_ key: KeyExpr, _ substitution: [String: KeyExpr]) -> KeyExpr {
        KeyExpr(parts: key.parts.flatMap { part -> [KeyExpr.Part] in
            if case .hole(let name) = part, let replacement = substitution[name] { return replacement.parts }
            return [part]
        })
    }

    func makeCondition(_ scope: Scope) -> Condition {
        let range = scope.condition
        guard !range.isEmpty, range.upperBound <= view.count else {
            return Condition(text: "", span: 0..<0, negated: scope.negated)
        }
        // A condition that reads one name (`if value:`) gets the last such set again when it is of that name
        // (`conditionNameSets`): a new set allocated its storage through the run time's unspecialised code.
        var names = Set<String>()
        var onlyName: String? = nil
        for index in range where view[index].kind == .identifier && !view.isPunct(index - 1, ".") {
            let name = view.text(index)
            if onlyName == nil && names.isEmpty {
                onlyName = name
                continue
            }
            if let first = onlyName {
                names.insert(first)
                onlyName = nil
            }
            names.insert(name)
        }
        if let onlyName { names = conditionNameSets.set(ofOne: onlyName) }
        return Condition(text: view.compactText(range), span: view.span(range.lowerBound, range.upperBound - 1),
                         negated: scope.negated, names: names)
    }


    /// `app.get('/x', handler)`, `get '/x' do`, `routes.post("x") { req in }`.
    func isRouteRegistration(_ callIndex: Int) -> Bool {
        guard hasRouteMethod(callIndex) else { return false }
        let call = calls[callIndex]
        guard let first = arguments(of: call).first else { return false }
        let range = values.trimmed(first.tokens)
        return range.count >= 1 && (view[range.lowerBound].kind == .string || view[range.lowerBound].kind == .stringHead)
    }

    func makeTrace(_ owner: Int) -> Trace {
        guard owner >= 0 else { return Trace(name: "<top level>", kind: .topLevel, span: 0..<view.bytes.count) }
        let scope = structure.scopes[owner]
        let span = scope.body.isEmpty ? 0..<0 : view.span(scope.body.lowerBound, max(scope.body.lowerBound, min(scope.body.upperBound - 1, view.count - 1)))
        if scope.kind == .closure, let ownerCall = owners[owner], isRouteRegistration(ownerCall) {
            let route = arguments(of: calls[ownerCall]).first.map { view.compactText(values.trimmed($0.tokens)) } ?? ""
            return Trace(name: "\(methodText(of: calls[ownerCall]).uppercased()) \(route)", kind: .requestHandler, span: span)
        }
        var kind = scope.traceKind ?? .function
        if scope.traceKind == nil { kind = inferredKind(scope) }
        return Trace(name: scope.name, kind: kind, span: span)
    }

    /// Handlers and jobs recognised by their signature.
    private func inferredKind(_ scope: Scope) -> Trace.Kind {
        // (The parameters read in place: lists of their names and types were two new arrays per trace.)
        let parameters = structure.parameters(of: scope)
        switch language {
        case .python:
            if let first = parameters.first,
               first.name == "request" || (first.name == "self" && parameters.count > 1 && parameters[1].name == "request") { return .requestHandler }
        case .javascript:
            if parameters.count >= 2, Tracer.isRequestName(parameters[0].name), Tracer.isResponseName(parameters[1].name) { return .requestHandler }
        case .swift:
            if parameters.contains(where: { parameter in
                parameter.type(in: view).map { $0 == "Request" || $0 == "Vapor.Request" } ?? false
            }) { return .requestHandler }
        case .ruby:
            if scope.name == "perform" { return .job }
        case .lua:
            break
        }
        return .function
    }

    /// A JavaScript handler's first parameter (`req`, `request`, `ctx`).
    private static func isRequestName(_ name: String) -> Bool {
        switch name {
        case "req", "request", "ctx": true
        default: false
        }
    }

    /// A JavaScript handler's second parameter (`res`, `reply`, `response`, `h`, `next`).
    private static func isResponseName(_ name: String) -> Bool {
        switch name {
        case "res", "reply", "response", "h", "next": true
        default: false
        }
    }

    /// The index of the last of `assignments` (in source order) before `token` in function `owner`: a binary
    /// search to the use, then back from there (`last(where:)` passed every later assignment of the name, per op).
    func lastAssignmentIndex(in assignments: AssignmentList, before token: Int, owner: Int) -> Int? {
        var index = Tracer.firstAssignment(in: assignments, atOrAfter: token) - 1
        while index >= 0, functionOwner(of: innermostScope(at: assignments[index].position)) != owner { index -= 1 }
        return index >= 0 ? index : nil
    }

    /// Was the receiver last assigned, in this function before `token`, one of several values of which a
    /// non-fallback one is a pipeline or transaction (`pipeline if pipeline is not None else self.connection`)?
    /// `assignments`: those to the receiver's text, in source order (`receiverAssignments`).
    func receiverMayBeQueued(assignedBy assignments: AssignmentList, at token: Int, scope: Int) -> Bool {
        guard let index = lastAssignmentIndex(in: assignments, before: token, owner: functionOwner(of: scope)) else { return false }
        let latest = assignments[index]
        let arms = view.alternatives(values.trimmed(latest.value))
        guard arms.count > 1, arms.count <= 4 else { return false }
        let assignmentScope = innermostScope(at: latest.position)
        return arms.dropLast().contains { arm in
            // A parameter named for one (`def save(self, ttl, pipeline=None)`) says so without a type.
            if Tracer.pipelineNames.contains(view.compactText(values.trimmed(arm)).lowercased()) { return true }
            switch valueBinding(arm, scope: assignmentScope, depth: 1) {
            case .transaction?, .pipeline?: return true
            default: return false
            }
        }
    }

    /// Ruby: a bare name without arguments that a parameter or an assignment in the function binds is a
    /// local variable, which hides the method of that name (`def interval(process_count)` reads its
    /// parameter, not the `process_count` method that sends SCARD; sidekiq).
    private func isRubyLocalRead(_ call: CallSite, scope start: Int) -> Bool {
        // (`process_count * 5` parses as a local read times 5 whenever the local exists.)
        guard language == .ruby, receiverText(of: call).isEmpty, !view.isPunct(call.nameToken + 1, "(") else { return false }
        var scope = start
        var steps = 0
        while scope >= 0, steps < 10_000 {
            steps += 1
            if structure.parameters(ofScope: scope).contains(where: { $0.name == methodText(of: call) }) { return true }
            if structure.scopes[scope].kind == .function { break }
            scope = parents[scope]
        }
        return latestAssignment(methodText(of: call), before: call.firstToken, scope: start) != nil
    }

    /// The last assignment to `name` before `token` in the function holding `scope` (top level: outside functions).
    func latestAssignment(_ name: String, before token: Int, scope: Int) -> Assignment? {
        let list = assignments(named: name)
        guard !list.isEmpty else { return nil }
        let owner = functionOwner(of: scope)
        var index = Tracer.firstAssignment(in: list, atOrAfter: token) - 1
        var steps = 0
        while index >= 0, steps < 4_096 {
            steps += 1
            if functionOwner(of: innermostScope(at: list[index].position)) == owner { return list[index] }
            index -= 1
        }
        return nil
    }

    /// Is `name` assigned somewhere in `range`?
    func isAssigned(_ name: String, in range: Range<Int>) -> Bool {
        let list = assignments(named: name)
        guard !list.isEmpty else { return false }
        let index = Tracer.firstAssignment(in: list, atOrAfter: range.lowerBound)
        return index < list.count && list[index].position < range.upperBound
    }

    /// `assignmentsByTarget[name] ?? .empty`, looked up once for each of the first few names (`askedNames`).
    func assignments(named name: String) -> AssignmentList {
        guard let place = askedNamePlace(name) else { return assignmentsByTarget[name] ?? .empty }
        return assignmentsOfAskedName[place]
    }

    /// The place of `name` among `askedNames` (nil: past the first few); a new name's assignments are looked up.
    func askedNamePlace(_ name: String) -> Int? {
        guard let (place, isNew) = askedNames.place(of: name) else { return nil }
        if isNew {
            if place == 0 {
                assignmentsOfAskedName.reserveCapacity(FewNames.limit)
                topLevelAssignmentsOfAskedName.reserveCapacity(FewNames.limit)
            }
            assignmentsOfAskedName.append(assignmentsByTarget[name] ?? .empty)
            topLevelAssignmentsOfAskedName.append(nil)
        }
        return place
    }

    /// The index of the first assignment at or after `token` in a source-ordered list (binary search: a
    /// function assigning a name 100,000 times made a linear scan per use quadratic).
    /// (Over the part's elements in the shared list: through the part, each step paid its range tests.)
    static func firstAssignment(in list: AssignmentList, atOrAfter token: Int) -> Int {
        list.list.withUnsafeBufferPointer { all in
            UnsafeBufferPointer(rebasing: all[list.start..<list.start + list.count]).partitionPoint { $0.position >= token }
        }
    }

    /// The list or dictionary literal `name` was last assigned, in this function before `token` (`const args = [key, a, b]`).
    private func assignedLiteral(_ name: String, before token: Int, scope: Int) -> Range<Int>? {
        guard let latest = latestAssignment(name, before: token, scope: scope) else { return nil }
        let value = values.trimmed(latest.value)
        guard view.isPunct(value.lowerBound, "[") || view.isPunct(value.lowerBound, "{"),
              view.close(of: value.lowerBound) == value.upperBound - 1 else { return nil }
        return value
    }

    /// The definition a helper call reaches: the caller's own class's method of that name when it has one
    /// (`self.cleanup()` in `BaseRegistry` is `BaseRegistry.cleanup`, not a subclass's); else the only
    /// definition in the file. Several in other classes: which one runs depends on the object (rq's registries).
    private func helperDefinition(_ name: String, calledFrom caller: Int, among candidates: [Int]) -> Int? {
        guard candidates.count > 1 else { return candidates.first }
        func enclosingClass(_ scope: Int) -> Int {
            var current = scope >= 0 ? parents[scope] : -1
            while current >= 0, structure.scopes[current].kind != .classBody { current = parents[current] }
            return current
        }
        let callerClass = enclosingClass(caller)
        let own = candidates.filter { enclosingClass($0) == callerClass }
        return own.count == 1 ? own[0] : nil
    }

    /// Was `name` last assigned, in this function before `token`, a value that is neither a Redis reply
    /// nor computed from `name` itself (`const user = await db.first()` after `const user = await redis.get(k)`
    /// in another block)? Then the value the command stores does not come from an earlier read.
    /// `isOp` says which calls are ops for those before `firstKnown` (traced in another part: nil when the answer
    /// depends on them) up to `last` (those after it are not traced yet).
    private func isOverwritten(_ name: String, before token: Int, scope: Int, isOp: [Bool], knownFrom firstKnown: Int = 0,
                               through last: Int = Int.max) -> Bool? {
        guard let latest = latestAssignment(name, before: token, scope: scope) else { return false }
        let value = values.trimmed(latest.value)
        let nameBytes = Array(name.utf8)
        if value.contains(where: { view.isIdentifier($0, named: nameBytes) }) { return false }
        var unknown = false
        for start in value where start < firstCallAt.count {
            var index = Int(firstCallAt[start])
            while index >= 0 {
                if index < firstKnown {
                    unknown = true
                } else if index <= last, index < isOp.count, isOp[index] {
                    return false  // a reply (`user = await redis.get(k)`)
                }
                index = Int(nextCallAtSameToken[index])
            }
        }
        return unknown ? nil : true
    }

    /// Innermost scope of a token (a position past the end counts as the last token's).
    func innermostScope(at token: Int) -> Int { Int(scopeOfToken[min(token, scopeOfToken.count - 1)]) }

    func functionOwner(of scope: Int) -> Int {
        var current = scope
        var steps = 0
        while current >= 0 && steps < 10_000 {
            steps += 1
            if structure.scopes[current].kind == .function { return current }
            current = parents[current]
        }
        return -1
    }
}
