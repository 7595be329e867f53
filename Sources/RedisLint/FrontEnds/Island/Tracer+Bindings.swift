/// What a receiver is: a client, a transaction, a pipeline, something else, or unknown — from the
/// constructors, parameters, types, assignments and framework accessors behind its name.
extension Tracer {
    /// Receiver resolution (chains `a.b().c()…`, aliases, defaults) stops this deep: bounded stack and time
    /// even on generated or cyclic code.
    static let maximumChainDepth = 16
    /// How deep resolution may still branch into the alternatives of `a if c else b`, `a || b`.
    static let maximumAlternativeDepth = 4

    /// What the result of call `index` is: a client, a transaction or pipeline, or nothing known.
    func resultBinding(of index: Int, contexts: [ExecutionContext?], isOp: [Bool], scope: Int, depth: Int = 0) -> Binding? {
        guard depth < Tracer.maximumChainDepth else { return nil }
        if isConstructor(index: index) { return .client(.high) }
        let call = calls[index]
        let receiver: Binding?
        if let inner = call.receiverCall {
            receiver = resultBinding(of: inner, contexts: contexts, isOp: isOp, scope: scope, depth: depth + 1)
        } else if !receiverText(of: call).isEmpty {
            receiver = cachedBinding(of: call, scope: scope, depth: depth + 1)
        } else {
            receiver = nil
        }
        // `self.pool.pipeline(transaction=True)`: the method itself is weak evidence.
        if receiver?.confidence == nil, methodText(of: call) == "pipeline" || methodText(of: call) == "multi" || methodText(of: call) == "pipelined" {
            if case .other? = receiver { return nil }
            return resultOfStructuralCall(call, confidence: .low)
        }
        // `ri = redis_instance()`, `get_redis().get(k)`, `self.redis_client()`: a function whose name says it returns a
        // Redis client (plane's `redis_instance()` from its settings module). The name is all there is: medium.
        if receiver?.confidence == nil, receiver != .other, !call.isConstruction, ClientEvidence.isClientGetterName(methodText(of: call)) {
            return .client(.medium)
        }
        guard let confidence = receiver?.confidence else { return nil }
        if let structural = resultOfStructuralCall(call, confidence: confidence) { return structural }
        if methodText(of: call) == "duplicate" || methodText(of: call) == "connect" || methodText(of: call) == "with" { return .client(confidence) }
        // redis-py's `pubsub()` sends nothing; the object it returns subscribes (`p.subscribe("ch")`).
        if language == .python, methodText(of: call) == "pubsub" { return .client(confidence) }
        // Chained commands on a transaction or pipeline return it (`multi().set(…).get(…)`); outside the
        // main pass (an assigned value) a command name is enough.
        let isCommand = index < isOp.count ? isOp[index] : ClientMethods.resolve(method: methodText(of: call), language: language) != nil
        if case .transaction? = receiver, isCommand { return receiver }
        if case .pipeline? = receiver, isCommand { return receiver }
        return nil
    }

    /// What `multi()`, `pipeline()`, `pipelined` return.
    func resultOfStructuralCall(_ call: CallSite, confidence: Confidence) -> Binding? {
        let kind = structuralKind(of: call)
        if kind == .transaction { return .transaction(confidence) }
        if kind == .pipeline {
            // redis-py's `pipeline()` is transactional unless `transaction=False`; `RedisCluster.pipeline()` is not
            // unless `transaction=True` (it sends each node its commands, no MULTI).
            if language == .python {
                let callArguments = arguments(of: call)
                let flag = callArguments.first { $0.isLabelled("transaction", in: view) } ?? callArguments.first { !$0.hasLabel }
                if let flag { return values.isFalsy(flag.tokens) ? .pipeline(confidence) : .transaction(confidence) }
                return receiverIsClusterClient(call) ? .pipeline(confidence) : .transaction(confidence)
            }
            return .pipeline(confidence)
        }
        return nil
    }

    /// Is the receiver of `call` (`rc` of `rc.pipeline()`) a cluster client by what the file says of its name:
    /// the parameter it is has a type naming one (`rc: RedisCluster`), or, when it is no parameter, every value
    /// assigned to it names a cluster (`rc = RedisCluster(...)`, `self.rc = RedisCluster.from_url(…)`)?
    func receiverIsClusterClient(_ call: CallSite) -> Bool {
        guard call.receiverCall == nil else { return false }
        let text = receiverText(of: call)
        guard !text.isEmpty else { return false }
        // A parameter of an enclosing function first (the name's nearest meaning), then the file's assignments.
        var scope = innermostScope(at: call.firstToken)
        var steps = 0
        while scope >= 0, steps < 256 {
            steps += 1
            if let parameter = structure.parameters(ofScope: scope).first(where: { $0.name == text }) {
                return parameter.type(in: view).map(ClientEvidence.namesCluster) ?? false
            }
            scope = parents[scope]
        }
        let assigned = assignments(named: text)
        return !assigned.isEmpty && assigned.allSatisfy { !$0.value.isEmpty && view.withCompactTextBytes($0.value, ClientEvidence.namesCluster) }
    }

    /// Resolves a receiver name at a position: parameters, assignments, framework accessors, names.
    /// `receiver`: the text's receiver number when the caller has it (`CallSite.receiverID`), so its
    /// assignments are found by number instead of by hashing the text twice.
    func binding(of text: String, at token: Int, scope: Int, depth: Int, receiver: Int32? = nil) -> Binding? {
        guard depth < Tracer.maximumChainDepth else { return nil }
        // `response["redis"]`, `info[:redis]`: an element of a collection, not a client by name.
        // (A byte test: Foundation's `String.contains` went through NSString for every receiver.)
        if ClientEvidence.contains(text, byte: 0x5B) { return nil }
        // The first byte, which every prefix test below needs to match (most receivers start with none of
        // `t`, `s`, `@`, `$`, and skip the byte comparisons at once); `this.` asked once.
        let initial = text.utf8.first
        let hasThisPrefix = initial == UInt8(ascii: "t") && Tracer.hasASCIIPrefix(text, "this.")
        // A declared member type decides (`private cache: Map<…>` is not a client).
        if hasThisPrefix, let type = structure.memberTypes[String(text.dropFirst(5))] {
            let facts = typeFacts(type)
            if !facts.isUninformative { return facts.isClient ? .client(.high) : .other }
        }
        if ClientEvidence.isFrameworkClient(text, language: language) { return .client(.high) }
        // redis-rb's `redis._client` / `redis.client` is the connection under the client: it sends what
        // it is given (`redis._client.call([:get, k])`).
        if language == .ruby, text.hasSuffix("._client") || text.hasSuffix(".client") {
            let base = String(text[..<text.lastIndex(of: ".")!])
            if let confidence = binding(of: base, at: token, scope: scope, depth: depth + 1)?.confidence { return .client(confidence) }
            return nil  // `user.client`: the accessor's name says nothing about `user`
        }
        if teaching.isTaughtReceiver(text) { return .client(.high) }
        let isMember = initial == UInt8(ascii: "s") && Tracer.hasASCIIPrefix(text, "self.") || hasThisPrefix
            || initial == UInt8(ascii: "@") && Tracer.hasASCIIPrefix(text, "@") || initial == UInt8(ascii: "$") && Tracer.hasASCIIPrefix(text, "$")
        // Parameters of enclosing functions and blocks (innermost first).
        if !isMember {
            var current = scope
            var steps = 0
            while current >= 0 && steps < 10_000 {
                steps += 1
                // (Read in place: a copy of the scope retained and released its strings and parameters.)
                let parameters = structure.parameters(ofScope: current)
                if let position = parameters.firstIndex(where: { $0.name == text }) {
                    return parameterBinding(parameters[position], scope: current, position: position, depth: depth)
                }
                // Ruby's implicit block parameters: `Sidekiq.redis { _1.get(k) }`, `{ it.get(k) }` (3.4).
                if language == .ruby, text == "_1" || text == "it", structure.scopes[current].kind == .closure,
                   structure.scopes[current].parameterCount == 0 {
                    return parameterBinding(Parameter(name: text), scope: current, position: 0, depth: depth)
                }
                current = parents[current]
            }
        }
        // Assignments: the latest before the use in the same function, else anywhere at top level
        // or (members) anywhere in the file.
        let owner = functionOwner(of: scope)
        let best = visibleAssignment(text, at: token, owner: owner, isMember: isMember, receiver: receiver)
        if let best, let value = assignedValueBinding(best, depth: depth) { return value }
        // Members injected through a typed constructor parameter (`constructor(private redis: Redis)`).
        if isMember {
            if typedClientNames.contains(Tracer.memberName(text)) { return .client(.high) }
        }
        // `import Redis from "@app/storage/redis"; Redis.defaultClient.del(k)`: the project's own Redis module.
        if !structure.importAliases.isEmpty, let root = Tracer.firstDottedPart(text), let module = structure.importAliases[root],
           RedisEvidence.names(module) {
            return .client(.medium)
        }
        if best != nil {
            // Assigned something we do not recognise: only the name speaks, and weakly.
            return nameConfidence(text).map { _ in .client(.low) }
        }
        if language == .javascript, hasThisPrefix,
           let passed = constructedMemberBinding(String(text.dropFirst(5)), scope: scope, depth: depth) {
            return passed
        }
        // `constructor(readonly pubClient: any)`: a member declared with a type that erases the
        // client's (adapters that accept any Redis client) and named like one.
        if hasThisPrefix, let type = structure.memberTypes[String(text.dropFirst(5))], typeFacts(type).isUninformative,
           let confidence = ClientEvidence.declaredAnyConfidence(String(text.dropFirst(5))) {
            return .client(confidence)
        }
        guard let confidence = nameConfidence(text) else { return nil }
        // `for client in connection.client_list()`: an element of what is iterated, named like a client.
        if !isMember, isLoopVariable(text, in: owner) { return nil }
        return .client(confidence)
    }

    /// `text.split(separator: ".").first` as a `String`: the first part between dots that is not empty.
    /// Bytewise in ASCII text (the split made a list of substrings, thousands of instructions per
    /// receiver); by Characters otherwise, where a combining mark after a dot joins it.
    static func firstDottedPart(_ text: String) -> String? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: ".").first.map(String.init) }
        let dot = UInt8(ascii: ".")
        var start = bytes.startIndex
        while start != bytes.endIndex, bytes[start] == dot { start = bytes.index(after: start) }
        guard start != bytes.endIndex else { return nil }
        var end = start
        while end != bytes.endIndex, bytes[end] != dot { end = bytes.index(after: end) }
        return String(text[start..<end])
    }

    /// `get`, `pop`, `setdefault`, `fetch`: a mapping's entry read with a default (a switch: the list
    /// literal was made and destroyed per question).
    static func isMappingEntryMethod(_ method: String) -> Bool {
        switch method {
        case "get", "pop", "setdefault", "fetch": true
        default: false
        }
    }

    /// `ClientEvidence.nameConfidence`, remembered per name for the process: each function's `item.get(…)`
    /// asks about `item` again, files share their names (`redis`, `self.conn`), and the answer lower-cases
    /// and searches the name.
    func nameConfidence(_ name: String) -> Confidence? {
        Tracer.knownNameConfidences.value(of: name, tag: 0) { ClientEvidence.nameConfidence(name) }
    }

    private static let knownNameConfidences = Locked(NameCache<Confidence?>())

    /// `valueBinding` of an assignment's value, remembered per assignment and depth: every function
    /// that uses a top-level client (`r = redis.Redis()`) resolves the same assignment.
    func assignedValueBinding(_ assignment: Assignment, depth: Int) -> Binding? {
        let use = AssignedValueUse(position: assignment.position, value: assignment.value, depth: depth)
        if let known = assignedValueCache.answer(for: use) { return known }
        let result = valueBinding(assignment.value, scope: innermostScope(at: assignment.position), depth: depth)
        assignedValueCache.remember(result, for: use)
        return result
    }

    /// The assignment a use of `text` at `token` in function `owner` reads: the first visible one (one in
    /// the same function before the use, one at top level, or for members any), replaced by the latest
    /// one in the same function before the use when that comes later.
    /// Found by binary searches and the function's own assignments instead of asking every assignment
    /// of the name for its function (quadratic: 2,000 functions each assigning `key` in a 5 MB file).
    /// `receiver`: the text's receiver number, when known (see `binding`).
    func visibleAssignment(_ text: String, at token: Int, owner: Int, isMember: Bool, receiver: Int32? = nil) -> Assignment? {
        let list: AssignmentList, topLevel: [Int]
        if let receiver {
            list = receiverAssignments(number: receiver, text: text)
            guard !list.isEmpty else { return nil }
            topLevel = receiverTopLevelAssignments(number: receiver, in: list)
        } else {
            if let place = askedNamePlace(text) {
                list = assignmentsOfAskedName[place]
                guard !list.isEmpty else { return nil }
                if let known = topLevelAssignmentsOfAskedName[place] {
                    topLevel = known
                } else {
                    topLevel = topLevelIndexes(in: list)
                    topLevelAssignmentsOfAskedName[place] = topLevel
                }
            } else {
                guard let found = assignmentsByTarget[text], !found.isEmpty else { return nil }
                list = found
                topLevel = topLevelAssignments(of: text, in: list)
            }
        }
        // The same function's assignments before the use: for a function, among the list's slice inside
        // its body (its tokens lie there); for top-level code, a prefix of the top-level ones.
        let candidates: ArraySlice<Int>
        if owner >= 0 {
            let body = structure.scopes[owner].body
            let low = Tracer.firstAssignment(in: list, atOrAfter: body.lowerBound)
            let high = max(low, Tracer.firstAssignment(in: list, atOrAfter: min(body.upperBound, token)))
            candidates = (low..<high).filter { functionOwner(of: innermostScope(at: list[$0].position)) == owner }[...]
        } else {
            candidates = topLevel[..<topLevel.partitionPoint { list[$0].position >= token }]
        }
        var first: Int? = isMember ? 0 : topLevel.first
        if let earliest = candidates.first, first == nil || earliest < first! { first = earliest }
        guard let first else { return nil }
        // The earliest of the same function's assignments at the latest position (a later one at the
        // same position does not replace it), when it comes after the first visible one.
        guard let latest = candidates.last, list[latest].position > list[first].position else { return list[first] }
        var winner = candidates.endIndex - 1
        while winner > candidates.startIndex, list[candidates[winner - 1]].position == list[latest].position { winner -= 1 }
        return list[candidates[winner]]
    }

    /// Indexes (into the name's source-ordered list) of the assignments to `text` outside every function,
    /// remembered per name.
    func topLevelAssignments(of text: String, in list: AssignmentList) -> [Int] {
        if let known = topLevelAssignmentCache[text] { return known }
        let found = topLevelIndexes(in: list)
        topLevelAssignmentCache[text] = found
        return found
    }

    /// Indexes of the assignments of `list` outside every function.
    func topLevelIndexes(in list: AssignmentList) -> [Int] {
        list.indices.filter { functionOwner(of: innermostScope(at: list[$0].position)) == -1 }
    }

    /// The last name of a member chain (`self.store.redis`: `redis`; `@redis`: `redis`): the last part
    /// between dots that is not empty, after any leading `@` or `$`. Bytewise in ASCII text (`split`
    /// made a list of substrings, thousands of instructions per receiver); by Characters otherwise,
    /// where a combining mark after a dot joins it.
    static func memberName(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(text.drop(while: { $0 == "@" || $0 == "$" }).split(separator: ".").last ?? "")
        }
        let dot = UInt8(ascii: ".")
        var start = bytes.startIndex, end = bytes.endIndex
        while start != end, bytes[start] == UInt8(ascii: "@") || bytes[start] == UInt8(ascii: "$") { start = bytes.index(after: start) }
        while end != start, bytes[bytes.index(before: end)] == dot { end = bytes.index(before: end) }
        var cut = end
        while cut != start, bytes[bytes.index(before: cut)] != dot { cut = bytes.index(before: cut) }
        return String(text[cut..<end])
    }

    /// `text.hasPrefix(prefix)` for the ASCII prefixes asked here (none has another canonically
    /// equivalent spelling), without a String comparison: the bytes decide, unless a non-ASCII byte
    /// follows the prefix (a combining mark may join its last character), when the String does.
    static func hasASCIIPrefix(_ text: String, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        // Over the bytes in place (native and small strings lend them): the view's index steps cost more.
        // (nil: a non-ASCII byte follows the prefix, and the String decides below.)
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.count >= count else { return false }
            for offset in 0..<count where bytes[offset] != prefix.utf8Start[offset] { return false }
            return bytes.count == count || bytes[count] < 0x80 ? true : nil
        }
        if let answer, let known = answer { return known }
        let bytes = text.utf8
        var index = bytes.startIndex
        for offset in 0..<count {
            guard index != bytes.endIndex, bytes[index] == prefix.utf8Start[offset] else { return false }
            index = bytes.index(after: index)
        }
        guard index != bytes.endIndex, bytes[index] >= 0x80 else { return true }
        return text.hasPrefix(String(describing: prefix))
    }

    /// What a parameter holds: its default value, its type, the block it belongs to, or its name.
    func parameterBinding(_ parameter: Parameter, scope: Int, position: Int, depth: Int) -> Binding? {
        // `def initialize(redis = Redis.new)`: the default value says what callers pass.
        if let defaultValue = parameter.defaultValue, let bound = valueBinding(defaultValue, scope: scope, depth: depth + 1), bound.confidence != nil {
            return bound
        }
        if let type = parameter.type(in: view) {
            let facts = typeFacts(type)
            if facts.isPipeline {
                // `pipeline: Pipeline` in a file that imports a Redis library is redis-py's (or ioredis')
                // pipeline; elsewhere the word says too little, and the name decides as if untyped.
                // Its commands are queued, not sent one by one: redis-py's `pipeline()` is a MULTI/EXEC
                // unless told otherwise; ioredis' `ChainableCommander` may be either, so a pipeline.
                if importsRedisLibrary { return language == .python ? .transaction(.high) : .pipeline(.high) }
            } else if !facts.isUninformative {
                return facts.isClient ? .client(.high) : .other
            } else if let confidence = ClientEvidence.declaredAnyConfidence(parameter.name) {
                return .client(confidence)
            }
        }
        if structure.scopes[scope].kind == .closure, let owner = owners[scope] {
            let call = calls[owner]
            // Block parameters of `multi`/`pipelined`/`transaction` are the transaction or pipeline.
            let receiver: Binding? = call.receiverCall.flatMap { _ in nil } ?? (receiverText(of: call).isEmpty ? nil : binding(of: receiverText(of: call), at: call.firstToken, scope: parents[scope], depth: depth + 1))
            // A receiver known not to be a client (`@cache = Cache.new`): its block's parameter is not one either.
            let isStructural = ClientMethods.transactionMethods.contains(methodText(of: call)) || ClientMethods.pipelineMethods.contains(methodText(of: call))
            if isStructural && receiver == .other { return .other }
            // An unknown receiver: the block itself says transaction or pipeline, weakly.
            if ClientMethods.transactionMethods.contains(methodText(of: call)) { return .transaction(max(receiver?.confidence ?? .low, receiver == nil ? .low : .medium)) }
            if ClientMethods.pipelineMethods.contains(methodText(of: call)) { return .pipeline(max(receiver?.confidence ?? .low, receiver == nil ? .low : .medium)) }
            // `Sidekiq.redis { |conn| }`, `pool.with { |r| }`, `redis_pool.with do |redis|`.
            if receiverText(of: call) == "Sidekiq" && methodText(of: call) == "redis" { return .client(.high) }
            if methodText(of: call) == "with" || methodText(of: call) == "then", let c = receiver?.confidence { return .client(c) }
            if position == 0 && RedisEvidence.names(methodText(of: call)) { return .client(.medium) }
        }
        // An untyped parameter: its name is all we know (and unambiguous commands still count).
        return nameConfidence(parameter.name).map { .client($0) }
    }

    /// What a declared type says, by `ClientEvidence`'s three questions.
    struct TypeFacts {
        var isPipeline: Bool
        var isUninformative: Bool
        var isClient: Bool
    }

    /// `TypeFacts` of a type as written, remembered per type: a file's typed parameters repeat their types,
    /// and `isClientType` splits a Redis-named type into words and searches each (thousands of
    /// instructions per parameter use).
    func typeFacts(_ type: String) -> TypeFacts {
        let place = typeNames.place(of: type)
        if let place, !place.isNew { return typeFactsByPlace[place.index] }
        if place == nil, let known = typeFactsCache[type] { return known }
        let found = TypeFacts(isPipeline: ClientEvidence.isPipelineType(type), isUninformative: ClientEvidence.isUninformativeType(type),
                              isClient: ClientEvidence.isClientType(type))
        if place != nil { typeFactsByPlace.append(found) } else { typeFactsCache[type] = found }
        return found
    }

    /// Does the file import a Redis or Valkey library?
    var importsRedisLibrary: Bool {
        structure.importsRedisModule
    }

    /// Indexes of the calls whose first token is `token`, in call order.
    func callsStarting(at token: Int) -> [Int] {
        guard token >= 0 && token < firstCallAt.count else { return [] }
        var out: [Int] = []
        var next = Int(firstCallAt[token])
        while next >= 0 {
            out.append(next)
            next = Int(nextCallAtSameToken[next])
        }
        return out
    }

    /// What an assigned value is.
    func valueBinding(_ range: Range<Int>, scope: Int, depth: Int) -> Binding? {
        let value = values.trimmed(range)
        guard !value.isEmpty else { return nil }
        // `this.client = client as RedisClientType` (TypeScript, umami): a client when the asserted type names one, else
        // what the value before it is (`createClient(o) as ReturnType<typeof createClient>` is still the client).
        if language == .javascript, let cast = typeAssertion(in: value) {
            if typeFacts(view.compactText(cast.type)).isClient { return .client(.high) }
            return valueBinding(cast.expression, scope: scope, depth: depth + 1)
        }
        // The outermost chain that starts the value (`Redis.new(...)`, `createClient().on(...)`).
        let chain = callsStarting(at: value.lowerBound)
        // `ConnectionPool.new { Redis.new }`: a pool whose block builds a Redis client hands out clients.
        if let root = chain.first, receiverText(of: calls[root]) == "ConnectionPool" || methodText(of: calls[root]) == "ConnectionPool" {
            let end = chain.map { calls[$0].lastToken }.max() ?? value.upperBound
            let limit = max(end + 1, min(value.upperBound + 16, view.count))
            if calls.contains(where: { $0.firstToken > value.lowerBound && $0.firstToken < limit && isConstructor($0) }) {
                return .client(.high)
            }
        }
        // `createMockClusterClient()`, `MagicMock()`, `sinon.stub()`, `instance_double(Redis)`: a test double.
        if let root = chain.first, !calls[root].isConstruction, ClientEvidence.isTestDouble(methodText(of: calls[root])) { return .other }
        // `opts.get("connection", {})`, `config.fetch(:redis, {})`: an entry of a mapping, defaulting to a mapping or a list.
        if chain.count == 1, let only = chain.first, Tracer.isMappingEntryMethod(methodText(of: calls[only])),
           calls[only].argumentCount == 2, isEmptyCollectionLiteral(values.trimmed(arguments(of: calls[only])[1].tokens)) { return .other }
        if let last = chain.max(by: { calls[$0].lastToken < calls[$1].lastToken }) {
            if chain.contains(where: { isConstructor(index: $0) }) {
                // A transaction or pipeline built from a fresh client is still one of those.
                if let result = resultBinding(of: last, contexts: [], isOp: [], scope: scope, depth: depth + 1), result != .client(.high) { return result }
                return .client(.high)
            }
            if let result = resultBinding(of: last, contexts: [], isOp: [], scope: scope, depth: depth + 1) { return result }
            // `@client = Client.new(url: …)`, `adapter = described_class.new(…)`, `new HttpClient()`:
            // built by another class, so not a Redis client whatever its name.
            // (Ruby's `A::B.new` also holds the paren-less `A::B` calls.)
            if chain.allSatisfy({ $0 == last || !calls[$0].hasArgumentList }), calls[last].lastToken + 1 >= value.upperBound,
               isForeignConstruction(calls[last]) { return .other }
            return nil
        }
        // `client = {}`, `conns = [a, b]`: a collection literal is not a client (`for client in clients` later).
        if isCollectionLiteral(value) { return .other }
        // An alias: `client = redis`, `@redis = redis`.
        let text = view.compactText(value)
        if value.count <= 3, !text.isEmpty, CharacterScreens.isAliasText(text) {
            return binding(of: text, at: value.lowerBound, scope: scope, depth: depth + 1)
        }
        // `pipeline if pipeline else conn.pipeline()`, `pipe || this.redis`: the fallback when it is
        // known, else the strongest alternative (a transaction over a pipeline over a client).
        // Branching resolution is bounded apart from the chain depth: a few alternatives, a few levels
        // (`a = b or c` and `b = a or c` must not branch 2^16 times).
        guard depth < Tracer.maximumAlternativeDepth else { return nil }
        let arms = view.alternatives(value)
        guard arms.count > 1, arms.count <= 4 else { return nil }
        // The fallback (`… else self.connection`, `… || createClient()`) is what runs when no pipeline
        // is passed in: it decides when it is known (reading a reply from it is then right).
        if let fallback = valueBinding(arms[arms.count - 1], scope: scope, depth: depth + 1), fallback.confidence != nil { return fallback }
        let bound = arms.dropLast().compactMap { valueBinding($0, scope: scope, depth: depth + 1) }
        guard let confidence = bound.compactMap(\.confidence).max() else { return nil }
        if bound.contains(where: { if case .transaction = $0 { return true } else { return false } }) { return .transaction(confidence) }
        if bound.contains(where: { if case .pipeline = $0 { return true } else { return false } }) { return .pipeline(confidence) }
        return .client(confidence)
    }

    /// What the file's constructions pass for a member set by the class's constructor:
    /// `new NodeRedisTransaction(this.raw.multi(), …)` with `constructor(private readonly raw: any, …)` makes
    /// `this.raw` a transaction in every method of that class (bullmq's node-redis adapter).
    func constructedMemberBinding(_ member: String, scope start: Int, depth: Int) -> Binding? {
        var scope = start
        var steps = 0
        while scope >= 0, structure.scopes[scope].kind != .classBody, steps < 10_000 { steps += 1; scope = parents[scope] }
        guard scope >= 0, case let className = structure.scopes[scope].name, !className.isEmpty else { return nil }
        let classBody = structure.scopes[scope].body
        guard let constructor = structure.scopes.first(where: { $0.kind == .function && $0.name == "constructor"
                  && classBody.contains($0.body.lowerBound) }),
              let position = structure.parameters(of: constructor).firstIndex(where: { $0.name == member }) else { return nil }
        var found: Binding? = nil
        for call in calls where call.isConstruction && receiverText(of: call) == className && position < Int(call.argumentCount) {
            let argument = arguments(of: call)[position].tokens
            guard let bound = valueBinding(argument, scope: innermostScope(at: argument.lowerBound), depth: depth + 1),
                  bound.confidence != nil else { return nil }
            if let previous = found, previous != bound { return nil }  // constructed with different kinds of value
            found = bound
        }
        return found
    }

    /// `{}` or `[]`.
    func isEmptyCollectionLiteral(_ range: Range<Int>) -> Bool {
        range.count == 2 && isCollectionLiteral(range)
    }

    /// `value as Type` at the top level of `range` (not inside brackets): the expression and the type, split at the
    /// last `as` (the outermost assertion of `x as unknown as Map<K, V>`).
    func typeAssertion(in range: Range<Int>) -> (expression: Range<Int>, type: Range<Int>)? {
        var index = range.lowerBound, last: Int? = nil
        while index < range.upperBound {
            if let close = view.close(of: index) { index = close + 1; continue }
            if index > range.lowerBound, index + 1 < range.upperBound, view.isWord(index, "as") { last = index }
            index += 1
        }
        return last.map { (range.lowerBound..<$0, $0 + 1..<range.upperBound) }
    }

    /// `{…}` or `[…]` and nothing else: a mapping or list literal.
    func isCollectionLiteral(_ range: Range<Int>) -> Bool {
        !range.isEmpty && (view.isPunct(range.lowerBound, "{") || view.isPunct(range.lowerBound, "[")) && view.close(of: range.lowerBound) == range.upperBound - 1
    }

    /// A constructor call of a class that is not a Redis client, a pool or a wrapper named after
    /// Redis: Ruby `X.new`, JavaScript `new X()`, Python and Swift `X(…)` with a capitalised X.
    func isForeignConstruction(_ call: CallSite) -> Bool {
        let type: String
        if call.isConstruction {
            type = receiverText(of: call).isEmpty ? methodText(of: call) : receiverText(of: call)
        } else if language == .ruby, methodText(of: call) == "new", call.receiverCall == nil, !receiverText(of: call).isEmpty {
            type = receiverText(of: call)
        } else if language == .python || language == .swift, call.receiverCall == nil, call.hasArgumentList,
                  CharacterScreens.startsUppercase(methodText(of: call)) {
            type = methodText(of: call)
        } else {
            return false
        }
        guard CharacterScreens.startsUppercase(type) || type == "described_class" else { return false }
        // `Resque::Failure::RedisMultiQueue.new`, `RedisRateLimiter(…)`: a class about Redis that is not a client.
        if ClientEvidence.isAboutRedisButNotAClient(type) { return true }
        return !RedisEvidence.containsAny(type, Tracer.clientLikeTypeWords, ignoringCase: true)
    }

    /// Words in a constructed type's name that make it a client, a pool or a wrapper of one, or a test double.
    static let clientLikeTypeWords: [[UInt8]] = ["redis", "valkey", "pool", "cluster", "sentinel", "namespace", "distributed",
                                                 "connection", "mock", "fake"].map { Array($0.utf8) }
}
