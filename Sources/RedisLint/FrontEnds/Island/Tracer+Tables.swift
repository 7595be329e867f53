/// The tracer's tables in two sets that need nothing of each other, so that a large file works them out on
/// two threads (`Tracer.run(view:…)`): what the sweep over the scopes gives, and what the calls and
/// assignments give.
extension Tracer {
    /// The innermost scope of each token, the scopes' parents, the closures' owner calls, the calls by first
    /// token, and what the scopes declare.
    struct ScopeTables: Sendable {
        var scopeOfToken: [Int32]
        var owners: [Int?]
        var iterationClosures: Set<Int>
        var parents: [Int]
        var firstCallAt: [Int32]
        var nextCallAtSameToken: [Int32]
        var typedClientNames: Set<String>
        /// The kinds of those parameters' client types (`FileModel.clientKinds`).
        var typedClientKinds: ClientKinds
        var modifierStatementStart: [Int: Int]

        init(view: TokenView, calls: [CallSite], structure: FileStructure, language: Language) {
            // Innermost scope per token, by one sweep over scope boundaries.
            let scopes = structure.scopes
            // The bodies in a list of their own, read in place once: the sort and the sweep read them
            // over and over, and through the scopes (large values with strings) each read cost more.
            var bodies: [Range<Int>] = []
            bodies.reserveCapacity(scopes.count)
            scopes.withUnsafeBufferPointer { scopes in
                for index in scopes.indices { bodies.append(scopes[index].body) }
            }
            let order = Tracer.scopeOrder(bodies: bodies)
            var parents = [Int](filled: -1, count: scopes.count)
            // Only the tokens where the innermost scope's body ends or the next scope's starts change
            // anything: the sweep goes from one of those to the next and fills the tokens between with
            // the innermost scope at once (a fill, not a compare and a store per token; every token gets
            // its value, so the table is not cleared first).
            var topEnd = Int.max  // where the innermost scope's body ends (none: never)
            var nextStart = order.first.map { bodies[$0].lowerBound } ?? Int.max
            var innermost: Int32 = -1
            let slots = view.count + 1
            // The open scopes, innermost last, in memory of its own (no more than there are scopes).
            let stack = UnsafeMutablePointer<Int>.allocate(capacity: max(1, scopes.count))
            defer { stack.deallocate() }
            var depth = 0
            let scopeOfToken = bodies.withUnsafeBufferPointer { bodies in
                order.withUnsafeBufferPointer { order in
                    parents.withUnsafeMutableBufferPointer { parents in
                        [Int32](unsafeUninitializedCapacity: slots) { table, initialized in
                            var next = 0
                            var token = 0
                            while token < slots {
                                if topEnd <= token || nextStart <= token {
                                    while depth > 0, bodies[stack[depth - 1]].upperBound <= token { depth -= 1 }
                                    while next < order.count, bodies[order[next]].lowerBound <= token {
                                        let scope = order[next]
                                        next += 1
                                        while depth > 0, bodies[stack[depth - 1]].upperBound < bodies[scope].upperBound { depth -= 1 }
                                        parents[scope] = depth > 0 ? stack[depth - 1] : -1
                                        if !bodies[scope].isEmpty {
                                            stack[depth] = scope
                                            depth += 1
                                        }
                                    }
                                    topEnd = depth > 0 ? bodies[stack[depth - 1]].upperBound : Int.max
                                    nextStart = next < order.count ? bodies[order[next]].lowerBound : Int.max
                                    innermost = Int32(depth > 0 ? stack[depth - 1] : -1)
                                }
                                // Up to the next token where something changes (at least this one).
                                let stop = max(token + 1, min(slots, topEnd, nextStart))
                                (table.baseAddress! + token).initialize(repeating: innermost, count: stop - token)
                                token = stop
                            }
                            initialized = slots
                        }
                    }
                }
            }
            self.scopeOfToken = scopeOfToken
            self.parents = parents
            (owners, iterationClosures) = Tracer.closureOwners(view: view, calls: calls, scopes: scopes, order: order, language: language)

            // Calls by their first token: built backwards, so each call is prepended and the chains come
            // out in call order without a table of each token's last call.
            // (Over buffers: through the arrays, each store paid a uniqueness check and bounds checks.)
            var firstCallAt = [Int32](filled: -1, count: slots)
            var nextCallAtSameToken = [Int32](filled: -1, count: calls.count)
            calls.withUnsafeBufferPointer { calls in
                firstCallAt.withUnsafeMutableBufferPointer { firstCallAt in
                    nextCallAtSameToken.withUnsafeMutableBufferPointer { nextCallAtSameToken in
                        var index = calls.count - 1
                        while index >= 0 {
                            let token = calls[index].firstToken
                            if token < firstCallAt.count {
                                nextCallAtSameToken[index] = firstCallAt[token]
                                firstCallAt[token] = Int32(index)
                            }
                            index -= 1
                        }
                    }
                }
            }
            self.firstCallAt = firstCallAt
            self.nextCallAtSameToken = nextCallAtSameToken
            // The scopes are read in place by index throughout: binding a `Scope` to a name (a `for` loop,
            // `filter`) copied it, retaining and releasing its name, parameters and superclass.
            var typedMembers = Set<String>()
            var typedKinds: ClientKinds = []
            // (The parameters read in place by position: a `for` over a scope's part copied each one out.)
            let parameterList = structure.parameterList
            for index in scopes.indices {
                // (Untyped parameters, most, are passed by before the screen's call. Most types name no Redis,
                // which the bytewise screen says at once; the others' answers are remembered per process.)
                for position in scopes[index].parameterPositions where parameterList[position].hasType {
                    guard parameterList[position].typeNamesRedis(in: view), let type = parameterList[position].type(in: view),
                          let kind = ClientEvidence.clientTypeKind(type) else { continue }
                    typedKinds.insert(kind)
                    typedMembers.insert(parameterList[position].name)
                }
            }
            typedClientNames = typedMembers
            typedClientKinds = typedKinds
            // Few tokens are in a modifier's condition: a dictionary, not a table as long as the file.
            var modifierStatementStart: [Int: Int] = [:]
            func isModifier(_ index: Int) -> Bool {
                scopes[index].kind == .conditional && !scopes[index].body.isEmpty && scopes[index].condition.lowerBound >= scopes[index].body.upperBound
            }
            // Room for every condition token at once: grown from empty, the table was rehashed at each doubling.
            var conditionTokens = 0
            for index in scopes.indices where isModifier(index) { conditionTokens += scopes[index].condition.count }
            if conditionTokens > 0 { modifierStatementStart.reserveCapacity(conditionTokens) }
            for index in scopes.indices where isModifier(index) {
                let start = Int(view[scopes[index].body.lowerBound].start) - 1
                for token in scopes[index].condition where token < view.count { modifierStatementStart[token] = start }
            }
            self.modifierStatementStart = modifierStatementStart
        }
    }

    /// The functions' names, and the facts of the calls' method names.
    struct CallTables: Sendable {
        var functionNames: FunctionTable
        var methods: MethodTable

        init(view: TokenView, calls: [CallSite], names: CallNames, structure: FileStructure, language: Language, values: ValueReader,
             teaching: ClientTeaching) {
            let scopes = structure.scopes
            let functionNames = FunctionTable(scopes)
            self.functionNames = functionNames
            methods = MethodTable(calls: calls, names: names, language: language, functionNames: functionNames, teaching: teaching)
        }
    }

    /// Assignment targets by the first token of their value (of two at one token, the later assignment's):
    /// a list sorted by token, a binary search away. (A dictionary hashed every assignment of the file,
    /// and is asked once per op.)
    struct AssignedNames: Sendable {
        private var tokens: [Int] = []
        private var targets: [String] = []

        /// None (a table not made yet).
        init() {}

        init(_ assignments: [Assignment], values: ValueReader) {
            // (The two lists filled at once, not a list of pairs mapped into each.)
            tokens.reserveCapacity(assignments.count)
            targets.reserveCapacity(assignments.count)
            var ordered = true
            for index in assignments.indices {
                let value = values.trimmed(assignments[index].value)
                guard !value.isEmpty else { continue }
                if let last = tokens.last, last > value.lowerBound { ordered = false }
                tokens.append(value.lowerBound)
                targets.append(assignments[index].target)
            }
            // (Mostly in order already. Sorted by token, then by place in the list: the later of two at one
            // token stays last.)
            if !ordered {
                let order = tokens.indices.sorted { (tokens[$0], $0) < (tokens[$1], $1) }
                tokens = order.map { tokens[$0] }
                targets = order.map { targets[$0] }
            }
        }

        subscript(token: Int) -> String? {
            let after = tokens.partitionPoint { $0 > token }
            return after > 0 && tokens[after - 1] == token ? targets[after - 1] : nil
        }
    }

    /// Scope indexes by where their bodies (`Scope.body`, in scope order) start (the outer first of two that start together).
    static func scopeOrder(bodies: [Range<Int>]) -> [Int] {
        bodies.indices.sorted { (bodies[$0].lowerBound, -bodies[$0].upperBound) < (bodies[$1].lowerBound, -bodies[$1].upperBound) }
    }
}
