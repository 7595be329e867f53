/// A large file's calls traced in two parts, one per thread, and joined as if one pass had gone over them.
///
/// What crosses calls in the main pass, and how the parts keep it:
/// - traces, their ops, conditions and evaluation points: joined in call order (`TracedCalls.append`);
///   the file's order of traces is by span, not by when each was first needed;
/// - `callIsOp`/`callContexts` of a chain's receiver call: the cut is never inside a chain;
/// - `callIsOp` of the calls in an assigned value (`isOverwritten`): an answer that needs the first part's
///   calls is settled by `finish`, as the serial pass would have answered it;
/// - scripts, their call sites and names: joined in call order (`ScriptExtractor.append`), named calls after;
/// - helper calls: only listed by the parts, summarised by `finish` over the joined traces;
/// - the binding cache keeps the first answer per receiver use: the parts' caches must agree where both
///   answered (else the file is traced again in one pass), and `finish` starts from their union;
/// - redis-py's watch mode reaches across functions at top level: found over all calls beforehand.
/// The other caches hold what their keys alone decide.
extension Tracer {
    /// What `init(_:)` takes: the tables `init(view:…)` worked out, which the parts share, and the facts of
    /// the calls' method names.
    struct Prepared: Sendable {
        var view: TokenView
        var calls: [CallSite]
        var argumentList: [ArgumentSyntax]
        var callNames: CallNames
        var structure: FileStructure
        var language: Language
        var values: ValueReader
        var teaching: ClientTeaching
        var owners: [Int?]
        var iterationClosures: Set<Int>
        var scopeOfToken: [Int32]
        var parents: [Int]
        var firstCallAt: [Int32]
        var nextCallAtSameToken: [Int32]
        var assignmentsByTarget: AssignmentTable
        var assignedNames: AssignedNames
        var typedClientNames: Set<String>
        var typedClientKinds: ClientKinds
        var functionNames: FunctionTable
        var callbackLoopingFunctions: Set<String>
        var methodCount: Int
        var receiverCount: Int
        var modifierStatementStart: [Int: Int]
        var callFacts: CallFacts
    }

    /// Traces a file, and runs `beside` (which reads nothing the tracer writes) beside it. In two parts on
    /// two threads when `inParts`: the scope tables on one thread while `beside` and the call tables are
    /// worked out on the other, then the calls traced in two parts (`run(_:inParts:)`).
    static func run<Beside: Sendable>(view: TokenView, calls: FileCalls, structure: FileStructure, language: Language, values: ValueReader,
                                      teaching: ClientTeaching, inParts: Bool, beside: @Sendable () -> Beside) -> (Output, Beside) {
        let (scopeTables, (besideResult, callTables)) = FrontEnd.sideBySide(inParts, {
            ScopeTables(view: view, calls: calls.sites, structure: structure, language: language)
        }, {
            (beside(), CallTables(view: view, calls: calls.sites, names: calls.names, structure: structure, language: language, values: values,
                                  teaching: teaching))
        })
        let tracer = Tracer(view: view, calls: calls, structure: structure, language: language, values: values, teaching: teaching,
                            scopeTables: scopeTables, callTables: callTables)
        return (inParts ? run(tracer.prepared(), inParts: true) : tracer.run(), besideResult)
    }

    /// Traces a prepared file: in two parts side by side when `inParts` and the calls have a place to cut
    /// (`splitPoint`), else on this thread. The same output either way.
    static func run(_ prepared: Prepared, inParts: Bool) -> Output {
        if inParts, let cut = splitPoint(prepared), let output = run(prepared, cutAt: cut) { return output }
        let tracer = Tracer(prepared)
        return tracer.finish(tracer.traceCalls(prepared.calls.indices, facts: prepared.callFacts))
    }

    /// Traces the calls before `cut` and those from it on side by side (no chain may cross the cut: a call
    /// from it on has its receiver call there too), then joins them. nil when the two tracers' binding
    /// caches answered a receiver use differently.
    static func run(_ prepared: Prepared, cutAt cut: Int) -> Output? {
        var (joined, second) = FrontEnd.sideBySide(true, {
            Tracer(prepared).traceCalls(0..<cut, facts: prepared.callFacts)
        }, {
            Tracer(prepared).traceCalls(cut..<prepared.calls.count, facts: prepared.callFacts)
        })
        guard joined.append(second, tracing: cut..<prepared.calls.count) else { return nil }
        // (Moved out, not shared: the finishing tracer's first new answer would copy the whole cache.)
        var bindings = BindingCache()
        swap(&bindings, &joined.bindings)
        return Tracer(prepared, bindings: consume bindings).finish(joined)
    }

    /// Where to cut a file's calls into two parts: about half of the calls the main pass looks at on each
    /// side, between two calls with no call or chain across the cut (the calls are in order of their last
    /// tokens) and a token at top level from the end of one to the start of the other. nil: no such place
    /// among the middle half of those calls.
    static func splitPoint(_ prepared: Prepared) -> Int? {
        let calls = prepared.calls, state = prepared.callFacts.methods.state, scopeOfToken = prepared.scopeOfToken
        // How many looked-at calls come before each index.
        var work = [Int](filled: 0, count: calls.count + 1)
        for index in calls.indices { work[index + 1] = work[index] + (state[Int(calls[index].methodID)] == 2 ? 0 : 1) }
        let total = work[calls.count]
        guard total >= 2 else { return nil }
        let low = max(1, work.partitionPoint { $0 * 4 >= total })
        let middle = work.partitionPoint { $0 * 2 >= total }
        let high = min(calls.count - 1, work.partitionPoint { $0 * 4 >= total * 3 })
        guard low <= high else { return nil }
        // From each index of the middle on: the first first token, and the lowest receiver call, of the calls there.
        var firstTokenFrom = [Int](filled: Int.max, count: calls.count + 1 - low)
        var receiverCallFrom = [Int](filled: Int.max, count: calls.count + 1 - low)
        for index in (low..<calls.count).reversed() {
            firstTokenFrom[index - low] = min(calls[index].firstToken, firstTokenFrom[index + 1 - low])
            receiverCallFrom[index - low] = min(calls[index].receiverCall ?? Int.max, receiverCallFrom[index + 1 - low])
        }
        func isCut(_ index: Int) -> Bool {
            let end = calls[index - 1].lastToken
            guard firstTokenFrom[index - low] > end, receiverCallFrom[index - low] >= index else { return false }
            for token in end + 1...calls[index].firstToken where token < scopeOfToken.count && scopeOfToken[token] == -1 { return true }
            return false
        }
        // The nearest place to the middle, either way.
        for distance in 0...max(middle - low, high - middle) {
            if middle + distance <= high, isCut(middle + distance) { return middle + distance }
            if distance > 0, middle - distance >= low, isCut(middle - distance) { return middle - distance }
        }
        return nil
    }
}

/// What the main pass over some of a file's calls found (`Tracer.traceCalls`).
struct TracedCalls: Sendable {
    /// A call that may be the codebase's own helper (`self._get(k)`), where it runs.
    struct HelperCall: Sendable {
        var call: Int
        var owner: Int
        var loops: Int
        var context: ExecutionContext?
        var conditions: [Int]
    }

    /// An op whose argument names (`RedisOp.argumentNames`) depend on calls another part traced: `names`
    /// are all its value names, settled by `Tracer.finish`.
    struct LaterNames: Sendable {
        var trace: Int
        var op: Int
        var call: Int
        var scope: Int
        var names: Set<String>
    }

    /// The traces in the order they are first needed, with the evaluation points of their ops and
    /// where each condition scope went; found from the owner scope (-1: top level) through
    /// `traceOf[owner + 1]`: dictionaries keyed by owner were hashed several times per op.
    var traces: [Trace] = []
    var points: [[Int]] = []
    /// Per trace: the condition scope of each of its conditions, in the conditions' order.
    var conditionScopes: [[Int]] = []
    /// Per scope: the trace that first made it a condition and its index there (trace -1: none yet).
    /// A condition scope lies below one trace's owner, so this answers every look-up; a dictionary per
    /// trace hashed the scope per op and condition, and allocated its table per trace.
    var conditionTrace: [Int32]
    var conditionSlot: [Int32]
    /// `order[i]` owns `traces[i]`.
    var order: [Int] = []
    var traceOf: [Int32]
    /// Per call of the file (those of the traced range set).
    var callContexts: [ExecutionContext?]
    var callIsOp: [Bool]
    /// Calls that may be the codebase's own helpers, summarised once every part is traced.
    var helperCalls: [HelperCall] = []
    var scripts: ScriptExtractor
    var laterArgumentNames: [LaterNames] = []
    /// The tracer's binding cache when the pass ended.
    var bindings = Tracer.BindingCache()

    init(scopeCount: Int, callCount: Int, scripts: ScriptExtractor) {
        traceOf = [Int32](filled: -1, count: scopeCount + 1)
        conditionTrace = [Int32](filled: -1, count: scopeCount)
        conditionSlot = [Int32](filled: -1, count: scopeCount)
        callContexts = [ExecutionContext?](filled: nil, count: callCount)
        callIsOp = [Bool](filled: false, count: callCount)
        self.scripts = scripts
    }

    /// The index of `owner`'s trace, made when first needed.
    mutating func traceIndex(_ owner: Int, in tracer: Tracer) -> Int {
        if traceOf[owner + 1] < 0 {
            traceOf[owner + 1] = Int32(traces.count)
            // Room for a few ops at once: most traces get two to four, and growing the lists one op at a
            // time reallocated them at each step.
            var trace = tracer.makeTrace(owner)
            trace.ops.reserveCapacity(4)
            traces.append(trace)
            var tracePoints: [Int] = []
            tracePoints.reserveCapacity(4)
            points.append(tracePoints)
            conditionScopes.append([])
            order.append(owner)
        }
        return Int(traceOf[owner + 1])
    }

    /// The index in a trace's conditions of a condition scope, added when first needed.
    mutating func addCondition(_ scope: Int, to trace: Int, in tracer: Tracer) -> Int {
        if let existing = conditionIndex(of: scope, in: trace) { return existing }
        let index = traces[trace].conditions.count
        traces[trace].conditions.append(tracer.makeCondition(tracer.structure.scopes[scope]))
        noteCondition(scope, at: index, in: trace)
        return index
    }

    /// The index in trace `trace`'s conditions of condition scope `scope`, if it has it.
    private func conditionIndex(of scope: Int, in trace: Int) -> Int? {
        if conditionTrace[scope] == Int32(trace) { return Int(conditionSlot[scope]) }
        // Never met: a scope that another trace made a condition first. Looked up in the trace's own list.
        if conditionTrace[scope] >= 0 { return conditionScopes[trace].firstIndex(of: scope) }
        return nil
    }

    /// Records that condition `index` of trace `trace` is scope `scope`.
    private mutating func noteCondition(_ scope: Int, at index: Int, in trace: Int) {
        conditionScopes[trace].append(scope)
        if conditionTrace[scope] < 0 {
            conditionTrace[scope] = Int32(trace)
            conditionSlot[scope] = Int32(index)
        }
    }

    /// Takes in what another tracer found in the calls of `range`, which come after all of this part's:
    /// the result is what one pass over both would have found. False when the two binding caches answered
    /// a receiver use differently (one tracer would have kept the first answer for both).
    mutating func append(_ other: TracedCalls, tracing range: Range<Int>) -> Bool {
        bindings.reserveCapacity(bindings.count + other.bindings.count)
        for (use, binding) in other.bindings.entries {
            if let mine = bindings.answer(for: use) {
                if mine != binding { return false }
            } else {
                bindings.remember(binding, for: use)
            }
        }
        // Where each of the other part's traces and their ops went.
        var traceMap = [Int](filled: 0, count: other.traces.count)
        var opOffset = [Int](filled: 0, count: other.traces.count)
        for part in other.traces.indices {
            let owner = other.order[part]
            guard traceOf[owner + 1] >= 0 else {
                traceMap[part] = traces.count
                traceOf[owner + 1] = Int32(traces.count)
                traces.append(other.traces[part])
                points.append(other.points[part])
                conditionScopes.append([])
                for (index, scope) in other.conditionScopes[part].enumerated() { noteCondition(scope, at: index, in: traces.count - 1) }
                order.append(owner)
                continue
            }
            let trace = Int(traceOf[owner + 1])
            traceMap[part] = trace
            opOffset[part] = traces[trace].ops.count
            // Its conditions in the order it first needed them: one this part already has keeps its index here.
            var newIndex: [Int] = []
            for (index, scope) in other.conditionScopes[part].enumerated() {
                if let existing = conditionIndex(of: scope, in: trace) {
                    newIndex.append(existing)
                } else {
                    newIndex.append(traces[trace].conditions.count)
                    noteCondition(scope, at: traces[trace].conditions.count, in: trace)
                    traces[trace].conditions.append(other.traces[part].conditions[index])
                }
            }
            let renumbered = newIndex.indices.contains { newIndex[$0] != $0 }
            for var op in other.traces[part].ops {
                if renumbered { op.conditions = op.conditions.map { newIndex[$0] } }
                traces[trace].ops.append(op)
            }
            points[trace] += other.points[part]
        }
        callContexts.replaceSubrange(range, with: other.callContexts[range])
        callIsOp.replaceSubrange(range, with: other.callIsOp[range])
        helperCalls += other.helperCalls
        scripts.append(other.scripts)
        laterArgumentNames += other.laterArgumentNames.map { later in
            var moved = later
            moved.trace = traceMap[later.trace]
            moved.op = opOffset[later.trace] + later.op
            return moved
        }
        return true
    }
}
