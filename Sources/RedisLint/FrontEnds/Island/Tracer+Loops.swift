/// How loops repeat the calls inside them: which blocks and callbacks iterate, which loops a call's
/// statement leaves right after it (`return` on success, `break` after a match), and whether a key
/// names something the loop binds.
extension Tracer {

    /// A block or callback that runs once per element (`ids.each do`, `ids.map(cb)`, `Array.from(x, cb)`,
    /// Swift's `ids.forEach { … }`).
    func isIterationClosure(_ scope: Int) -> Bool {
        guard let owner = owners[scope] else { return iterationClosures.contains(scope) || isPassedToLoopingFunction(scope) }
        let call = calls[owner]
        let receiver = receiverText(of: call)
        if call.receiverCall == nil, receiver.isEmpty || receiver == "self" || receiver == "this",
           hasCallbackLoopingMethod(owner) { return true }
        return hasIterationMethod(owner) || methodText(of: call) == "from" && receiver == "Array"
    }

    /// Is the call in the condition of a `while`/`until` loop (`while !@done && (job = zpopbyscore(conn, …))`,
    /// Sidekiq's scheduler)? The condition runs again before every pass, though it is not the loop's body.
    func isInLoopCondition(_ call: CallSite) -> Bool {
        var keyword = call.firstToken - 1
        var steps = 0
        while keyword >= 0, steps < 64, view.kind(keyword) != .newline {
            if view.isWord(keyword, "while") || language == .ruby && view.isWord(keyword, "until") { break }
            keyword -= 1
            steps += 1
        }
        guard keyword >= 0, steps < 64, view.kind(keyword) != .newline else { return false }
        // Where the condition ends: JavaScript's parentheses, else the body's opener (Swift `{`,
        // Python `:`, Ruby `do` or the end of the line), skipping bracketed groups.
        if language == .javascript {
            guard view.isPunct(keyword + 1, "("), let close = view.close(of: keyword + 1) else { return false }
            return call.lastToken < close
        }
        var token = keyword + 1
        steps = 0
        while token < view.count, token <= call.lastToken, steps < 1_000 {
            steps += 1
            if token == call.firstToken { return true }
            if view.kind(token) == .newline || language == .ruby && view.isWord(token, "do") { return false }
            if language == .swift && view.isPunct(token, "{") || language == .python && view.isPunct(token, ":") { return false }
            if let close = view.close(of: token), close < call.firstToken { token = close + 1 } else { token += 1 }
        }
        return false
    }

    /// A block given to a bare function name with no argument list (`each_shard { |s| … }`, Swift's
    /// `runOperation { … }`), which makes no call site, where that function calls its callback in a loop.
    private func isPassedToLoopingFunction(_ scope: Int) -> Bool {
        guard !callbackLoopingFunctions.isEmpty, let opener = structure.scopes[scope].opener, opener > 0,
              view.kind(opener - 1) == .identifier, !view.isPunct(opener - 2, ".") else { return false }
        return callbackLoopingFunctions.contains(view.text(opener - 1))
    }

    /// See `callbackLoopingFunctions`; computed once per file from the scopes.
    static func callbackLoopingFunctions(view: TokenView, calls: [CallSite], callNames: CallNames, methodCount: Int, scopes: [Scope], parameterList: [Parameter], parents: [Int], scopeOfToken: [Int32],
                                         owners: [Int?], iterationClosures: Set<Int>, language: Language) -> Set<String> {
        // Whether a method name is one of `iterationMethods`, asked once per method number (0: not yet).
        var iterationMethod = [UInt8](filled: 0, count: methodCount)
        // Does a closure run once per element?
        func repeatsPerElement(_ scope: Int) -> Bool {
            if iterationClosures.contains(scope) { return true }
            guard let owner = owners[scope] else { return false }
            let method = Int(calls[owner].methodID)
            if iterationMethod[method] == 0 { iterationMethod[method] = Tracer.iterationMethods.contains(callNames.method(calls[owner])) ? 2 : 1 }
            return iterationMethod[method] == 2
        }
        // The function around a token, when a loop or an iteration block inside that function surrounds it.
        func loopingFunction(around token: Int) -> Int? {
            var scope = token < scopeOfToken.count ? Int(scopeOfToken[token]) : -1
            var repeats = false
            var steps = 0
            while scope >= 0 && steps < 10_000 {
                steps += 1
                switch scopes[scope].kind {
                case .function: return repeats ? scope : nil
                case .classBody: return nil
                case .loop: repeats = true
                case .closure:
                    if repeatsPerElement(scope) { repeats = true }
                case .conditional: break
                }
                scope = parents[scope]
            }
            return nil
        }
        // Only a call of a name that a function with a loop in it takes as a parameter can call a callback
        // (`loopingFunction` finds the first function above a loop): those functions, found from the loops
        // up, and their parameters' names. (All functions' parameters hashed were most of this on a 5 MB file.)
        var loops = [Bool](filled: false, count: scopes.count)
        for index in scopes.indices where scopes[index].kind == .loop || scopes[index].kind == .closure && repeatsPerElement(index) {
            var scope = parents[index]
            var steps = 0
            while scope >= 0 && steps < 10_000 {
                steps += 1
                if scopes[scope].kind == .function { loops[scope] = true; break }
                if scopes[scope].kind == .classBody { break }
                scope = parents[scope]
            }
        }
        var parameterNames = Set<String>()
        // (Sized for one name per parameter up front: grown a step at a time, it hashed every name again at each step.
        // Not for none: an empty set's room for none still cost a new storage, ~1,000 instructions a file.)
        let parameterCount = scopes.indices.reduce(0) { $0 + (loops[$1] ? Int(scopes[$1].parameterCount) : 0) }
        if parameterCount > 0 { parameterNames.reserveCapacity(parameterCount) }
        for index in scopes.indices where loops[index] {
            // (The names read in place: a `for` over the scope's part copied each parameter out.)
            for position in scopes[index].parameterPositions {
                let name = parameterList[position].name
                parameterNames.insert(Tracer.hasASCIIPrefix(name, "&") ? String(name.dropFirst()) : name)
            }
        }
        var names = Set<String>()
        // Whether a bare call's name is a parameter name (and not empty), asked once per method number (not
        // hashed per call).
        var isParameterName = [Bool?](filled: nil, count: parameterNames.isEmpty ? 0 : methodCount)
        // Whether a receiver is empty, once per receiver number: most calls have a receiver and, outside Ruby,
        // are passed by without reading their texts (each read retained and released a string).
        var emptyReceiver: [Bool] = []
        if !parameterNames.isEmpty {
            emptyReceiver.reserveCapacity(callNames.receivers.count)
            callNames.receivers.withUnsafeBufferPointer { receivers in
                for index in receivers.indices { emptyReceiver.append(receivers[index].isEmpty) }
            }
        }
        // (Fields read in place: a copy of each call retained and released its strings and arguments.)
        for index in calls.indices where !parameterNames.isEmpty && calls[index].receiverCall == nil && calls[index].hasArgumentList {
            // `f(k)`, and Ruby's `block.call(k)` for a `&block` parameter.
            let callee: String
            if emptyReceiver[Int(calls[index].receiverID)] {
                let number = Int(calls[index].methodID)
                if isParameterName[number] == nil {
                    let method = callNames.method(calls[index])
                    isParameterName[number] = !method.isEmpty && parameterNames.contains(method)
                }
                guard isParameterName[number]! else { continue }
                callee = callNames.method(calls[index])
            } else {
                guard language == .ruby, callNames.method(calls[index]) == "call" else { continue }
                callee = callNames.receiver(calls[index])
                guard parameterNames.contains(callee) else { continue }
            }
            guard let function = loopingFunction(around: calls[index].firstToken),
                  scopes[function].parameters(in: parameterList).contains(where: { $0.name == callee || $0.name == "&" + callee }) else { continue }
            names.insert(scopes[function].name)
        }
        if language == .ruby {
            for token in 0..<view.count where view.isWord(token, "yield") {
                if let function = loopingFunction(around: token) { names.insert(scopes[function].name) }
            }
        }
        return names
    }

    /// The loops around a call that repeat it, when the code leaves right after it: `break` ends the
    /// innermost loop; `return`/`raise` end the function, so no loop inside it repeats the call (a
    /// callback is its own function, except a Ruby block, which `return` and `break` leave too).
    func repeatingLoops(from start: Int, exit: LoopExit, statementStart: Int) -> Int {
        var scope = start
        var loops = 0
        var steps = 0
        // Scopes inside the exiting statement (`return [r.get(k) for k in ks]`) repeat the call.
        while scope >= 0 && steps < 10_000, structure.scopes[scope].body.lowerBound > statementStart {
            steps += 1
            switch structure.scopes[scope].kind {
            case .function, .classBody: return loops
            case .loop: loops += 1
            case .closure: if isIterationClosure(scope) { loops += 1 }
            case .conditional: break
            }
            scope = parents[scope]
        }
        var leaving = true
        while scope >= 0 && steps < 10_000 {
            steps += 1
            switch structure.scopes[scope].kind {
            case .function, .classBody:
                return loops
            case .loop:
                if leaving { if exit == .leavesLoop { leaving = false } } else { loops += 1 }
            case .conditional:
                break
            case .closure:
                let iteration = isIterationClosure(scope)
                if language == .ruby, iteration, leaving {
                    if exit == .leavesLoop { leaving = false }
                } else {
                    leaving = false
                    if iteration { loops += 1 }
                }
                if let owner = owners[scope], isRouteRegistration(owner) { return loops }
                if owners[scope] == nil, structure.scopes[scope].traceKind != nil { return loops }
            }
            scope = parents[scope]
        }
        return loops
    }

    /// Is the call in a `try` block of the innermost loop whose handler lets the loop go round again
    /// (`while True: try: heartbeat(); job = dequeue(); break / except DequeueTimeout: pass`, rq's worker)?
    /// Then the exit after it is not the only way on, and the loop repeats it.
    func insideHandledTry(_ call: CallSite, scope start: Int) -> Bool {
        var scope = start
        var steps = 0
        while scope >= 0, steps < 10_000, structure.scopes[scope].kind != .loop, !isIterationClosure(scope) {
            if structure.scopes[scope].kind == .function { return false }
            steps += 1
            scope = parents[scope]
        }
        guard scope >= 0 else { return false }
        let body = structure.scopes[scope].body
        let opener: StaticString = language == .swift ? "do" : language == .ruby ? "begin" : "try"
        let opened = (body.lowerBound..<min(call.firstToken, view.count)).contains { view.isWord($0, opener) && !view.isPunct($0 + 1, ".") }
            || language == .ruby  // `loop do … rescue … end`: a block's own rescue
        guard opened else { return false }
        return (call.lastToken + 1..<min(body.upperBound, view.count)).contains { view.isWord($0, in: LoopExit.handlerWords) }
    }

    /// Does a key read a name that a loop around `scope` binds: a loop variable (`for id in ids`,
    /// `for (const id of ids)`), a name assigned in the loop's body, an iteration callback's parameter
    /// (`ids.each do |id|`)? A key built from names set before the loop (`lock:#{h}`, `self.key`) is the
    /// same key on every iteration: a polling or retry loop, not a loop over items.
    func keyVaries(_ keys: [KeyExpr], scope start: Int) -> Bool {
        var roots = Set<String>()
        for key in keys {
            for part in key.parts {
                guard case .hole(let text) = part else { continue }
                if text.hasPrefix("*") || text.hasPrefix("...") { return true }  // a spread: unknown
                roots.formUnion(Tracer.rootNames(in: text))
            }
        }
        if roots.isEmpty { return false }
        let probe = TokenNameProbe(Array(roots))
        var scope = start
        var steps = 0
        while scope >= 0 && steps < 10_000 {
            steps += 1
            let current = structure.scopes[scope]
            switch current.kind {
            case .function, .classBody:
                return false
            case .loop:
                if loopBinds(probe, current) { return true }
                if roots.contains(where: { isAssigned($0, in: current.body) }) { return true }
            case .closure:
                guard isIterationClosure(scope) else { break }
                if structure.parameters(of: current).contains(where: { roots.contains($0.name) }) { return true }
                if roots.contains(where: { isAssigned($0, in: current.body) }) { return true }
            case .conditional:
                break
            }
            scope = parents[scope]
        }
        return false
    }

    /// Does the loop bind one of `probe`'s names itself: a `for` statement's header (`for id in ids`,
    /// `for (const [k, v] of m)`, every name of `for (let i = 0; i < n; i++)`), a comprehension's `for … in`
    /// clauses? `while` binds none. (Compared at the header's tokens: a set of the header's names was built
    /// to test a key's few names.)
    func loopBinds(_ probe: TokenNameProbe, _ loop: Scope) -> Bool {
        if loop.name == "comprehension" { return forInBinding(probe, in: loop.body) == .match }
        guard loop.name == "for" else { return false }
        // Back from the body to the `for` keyword, over the header's brackets.
        var index = loop.body.lowerBound - 1
        var steps = 0
        while index >= 0, steps < 256, !view.isWord(index, "for") {
            steps += 1
            if view.kind(index) == .dedent || view.isPunct(index, "}") { return false }
            if view.kind(index) == .punct, let open = view.open(of: index) { index = open - 1; continue }
            index -= 1
        }
        guard view.isWord(index, "for") else { return false }
        let header = index + 1..<max(index + 1, loop.body.lowerBound)
        switch forInBinding(probe, in: index..<header.upperBound) {
        case .match: return true
        case .other: return false
        case .none: return header.contains { view.kind($0) == .identifier && probe.matches(view, $0) }
        }
    }

    /// What the `for … in`/`of` headers in a range bind, for one probe: none at all, names but none of
    /// the probe's, or one of the probe's.
    enum ForInBinding { case none, other, match }

    /// Do the names between each `for` and its `in`/`of` in `range` include one of `probe`'s? Tested at
    /// each name: a set of a whole function's loop names was built to test one name.
    func forInBinding(_ probe: TokenNameProbe, in range: Range<Int>) -> ForInBinding {
        var result = ForInBinding.none
        var index = range.lowerBound
        while index < range.upperBound {
            guard view.isWord(index, "for") else { index += 1; continue }
            var cursor = index + 1
            var found = false
            var matched = false
            // (A comprehension's first scope ends before its `in`.)
            while cursor < view.count, cursor < index + 32, !view.isWord(cursor, "in"), !view.isWord(cursor, "of") {
                if view.kind(cursor) == .identifier, !view.isWord(cursor, in: Tracer.forHeaderKeywords) {
                    found = true
                    if !matched, probe.matches(view, cursor) { matched = true }
                }
                cursor += 1
            }
            if view.isWord(cursor, "in") || view.isWord(cursor, "of") {
                if matched { return .match }
                if found { result = .other }
            }
            index = cursor + 1
        }
        return result
    }

    /// Words of a `for` header that bind nothing (`for (const k of m)`, `for await`, Swift's `for case let`),
    /// made once: a set literal at each identifier of a header was built and hashed at every test.
    static let forHeaderKeywords = ByteWords(["const", "let", "var", "await", "case"])

    /// Names an expression starts from: identifiers not after a member access (`lock_key(h)` → lock_key, h;
    /// `self.key` → self; `"a:#{id}"` → id).
    static func rootNames(in text: String) -> Set<String> {
        var names = Set<String>()
        let bytes = Array(text.utf8)
        var index = 0
        func isStart(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x40 || byte == 0x24 }
        func isPart(_ byte: UInt8) -> Bool { isStart(byte) || (byte >= 0x30 && byte <= 0x39) }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x27 {  // skip quoted text (`"a"` in `f("a", id)`)
                index += 1
                while index < bytes.count, bytes[index] != byte { index += 1 }
                index += 1
                continue
            }
            if isStart(byte) {
                let start = index
                while index < bytes.count, isPart(bytes[index]) { index += 1 }
                if start == 0 || bytes[start - 1] != 0x2E { names.insert(String(decoding: bytes[start..<index], as: UTF8.self)) }
                continue
            }
            if byte >= 0x30 && byte <= 0x39 { while index < bytes.count, isPart(bytes[index]) { index += 1 }; continue }
            index += 1
        }
        return names
    }

    static let futureWords = ["future", "promise"].map { Array($0.utf8) }

    /// Swift's trailing closure on a paren-less iteration member (`ids.forEach { … }`,
    /// `(0..<10).map { … }`): no call site owns it. A member of a call's result (`get(k).map { … }`)
    /// or of a future or promise is NIO's `map`, which runs once.
    static func isTrailingIteration(_ view: TokenView, before token: Int) -> Bool {
        guard view.kind(token) == .identifier, view.isPunct(token - 1, "."),
              Tracer.iterationMethods.contains(view.text(token)) else { return false }
        var receiverEnd = token - 2
        while view.kind(receiverEnd) == .newline { receiverEnd -= 1 }  // a chain continued on the next line
        if view.isPunct(receiverEnd, ")"), let open = view.open(of: receiverEnd), view.kind(open - 1) == .identifier,
           !["return", "in", "try", "await"].contains(view.text(open - 1)) {
            return false
        }
        if view.kind(receiverEnd) == .identifier, RedisEvidence.containsAny(view.text(receiverEnd), futureWords, ignoringCase: true) { return false }
        return true
    }

    /// Is `name` bound by a `for name in` (Python, Swift, comprehensions) or `for (const name of|in`
    /// (JavaScript) loop in the function (or, at top level, the file)?
    func isLoopVariable(_ name: String, in function: Int) -> Bool {
        forInBinding(TokenNameProbe([name]), in: function >= 0 ? structure.scopes[function].body : 0..<view.count) == .match
    }
}
