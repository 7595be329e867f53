extension FileModel {
    /// Puts the model in less memory, for keeping until phase 2: equal keys, option sets, argument lists and
    /// strings share one buffer, and no array keeps the spare room it grew while the model was built
    /// (`ValueInterner`). Every value reads exactly as before. `shared`: key lists shared with the other
    /// files of the scan. It also gathers the ops' command numbers (`opCommandIDs`).
    mutating func compact(sharing shared: SharedKeyLists? = nil) {
        let opCount = traces.reduce(0) { $0 + $1.ops.count }
        var interner = ValueInterner(sharing: shared, shapes: opCount)
        // Every op gets a new box, made while the old ones are still held (`original`): the new boxes then lie
        // together in memory, in the order phase 2 reads them. Interning in the front-end's own boxes (left
        // among its freed allocations) took 1.4% fewer instructions but 4-5% more time.
        // Copies of one op (the same box in two lists) stay one box; no identifier is reused meanwhile.
        let original = traces
        var opsByBox: [ObjectIdentifier: RedisOp] = [:]
        opsByBox.reserveCapacity(opCount)
        traces = ValueInterner.exactCopy(original.map { trace in
            var trace = trace
            trace.name = interner.intern(trace.name)
            trace.ops = ValueInterner.exactCopy(trace.ops.map { op in
                if let known = opsByBox[op.storageIdentity] { return known }
                let shared = op.interned(with: &interner)
                opsByBox[op.storageIdentity] = shared
                return shared
            })
            trace.conditions = ValueInterner.exactCopy(trace.conditions.map { condition in
                var condition = condition
                condition.text = interner.intern(condition.text)
                condition.ops = interner.intern(condition.ops)
                condition.names = interner.intern(condition.names)
                return condition
            })
            return trace
        })
        withExtendedLifetime(original) {}
        gatherCommandIDs()
        self.scripts = ValueInterner.exactCopy(scripts.map { script in
            var script = script
            script.callSites = ValueInterner.exactCopy(script.callSites.map { $0.interned(with: &interner) })
            return script
        })
        self.clusterClients = ValueInterner.exactCopy(clusterClients)
        self.databaseSelections = ValueInterner.exactCopy(databaseSelections)
        self.keyPrefixes = ValueInterner.exactCopy(keyPrefixes.map { KeyPrefix(bytes: interner.intern($0.bytes), span: $0.span) })
        self.clientConstructions = ValueInterner.exactCopy(clientConstructions)
        self.scriptFileReferences = ValueInterner.exactCopy(scriptFileReferences.map { reference in
            var reference = reference
            reference.callSites = ValueInterner.exactCopy(reference.callSites.map { $0.interned(with: &interner) })
            return reference
        })
        self.scriptDefinitions = ValueInterner.exactCopy(scriptDefinitions.map { definition in
            var definition = definition
            definition.method = interner.intern(definition.method)
            definition.source = interner.intern(definition.source)
            return definition
        })
        self.comments = ValueInterner.exactCopy(comments)
        self.notes = ValueInterner.exactCopy(notes)
        self.clusterClientTexts = ValueInterner.exactCopy(clusterClientTexts)
        self.luaIncludeNames = ValueInterner.exactCopy(luaIncludeNames)
    }
}

extension FileModel {
    /// Gathers the ops' command numbers (`opCommandIDs`) for the rules, as compaction does, for a model
    /// kept uncompacted, and gives each op's shape its facts (`RedisOp.rememberFacts()`): the project's
    /// command index and the TTL rules ask every op whether it gives a TTL, which an op without them
    /// worked out again at each ask. After any change of `traces`, whose `didSet` forgets the numbers.
    mutating func gatherCommandIDs() {
        var commandIDs: [Int32] = []
        commandIDs.reserveCapacity(traces.reduce(0) { $0 + $1.ops.count })
        for trace in traces.indices {
            // Read in place: binding each op copied it.
            traces[trace].ops.withUnsafeBufferPointer { ops in
                for op in ops.indices { commandIDs.append(ops[op].rememberFacts()) }
            }
        }
        opCommandIDs = commandIDs
    }
}

extension ScriptCallSite {
    fileprivate func interned(with interner: inout ValueInterner) -> ScriptCallSite {
        var site = self
        site.keys = interner.intern(keys)
        return site
    }
}
