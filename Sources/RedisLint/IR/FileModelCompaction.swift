extension FileModel {
    /// The same model in less memory, for keeping until phase 2: equal keys, option sets, argument lists and
    /// strings share one buffer, and no array keeps the spare room it grew while the model was built
    /// (`ValueInterner`). Every value reads exactly as before. `shared`: key lists shared with the other
    /// files of the scan.
    func compacted(sharing shared: SharedKeyLists? = nil) -> FileModel {
        var copy = self
        copy.compact(sharing: shared)
        return copy
    }

    /// `compacted(sharing:)` in place. A model no other value shares (the scan's, straight from its
    /// front-end) keeps its ops' boxes, each given its interned fields (`RedisOp.internInPlace`); a shared
    /// one gets new boxes, as its old ones are still read elsewhere.
    mutating func compact(sharing shared: SharedKeyLists? = nil) {
        let opCount = traces.reduce(0) { $0 + $1.ops.count }
        var interner = ValueInterner(sharing: shared, shapes: opCount)
        // Copies of one op (the same box in two lists) stay one box: a shared box is replaced once, by the
        // same new op everywhere. The shared boxes are kept alive meanwhile (`sharedBoxes`), so no identifier
        // is reused and a box does not turn unshared once its first copy is replaced.
        var opsByBox: [ObjectIdentifier: RedisOp] = [:]
        var sharedBoxes: [RedisOp] = []
        // Taken out of the model, so that each list (and each op in it) is referenced once when the model is.
        var traces = self.traces
        self.traces = []
        var commandIDs: [Int32] = []
        commandIDs.reserveCapacity(opCount)
        for index in traces.indices {
            var trace = traces[index]
            traces[index] = Trace(name: "", kind: trace.kind, span: trace.span)
            trace.name = interner.intern(trace.name)
            var ops = trace.ops
            trace.ops = []
            for position in ops.indices where !ops[position].internInPlace(with: &interner) {
                let op = ops[position]
                if let known = opsByBox[op.storageIdentity] {
                    ops[position] = known
                    continue
                }
                let shared = op.interned(with: &interner)
                opsByBox[op.storageIdentity] = shared
                sharedBoxes.append(op)
                ops[position] = shared
            }
            trace.ops = ValueInterner.exactCopy(ops)
            for position in ops.indices { commandIDs.append(ops[position].commandID) }
            trace.conditions = ValueInterner.exactCopy(trace.conditions.map { condition in
                var condition = condition
                condition.text = interner.intern(condition.text)
                condition.ops = interner.intern(condition.ops)
                condition.names = interner.intern(condition.names)
                return condition
            })
            traces[index] = trace
        }
        self.traces = ValueInterner.exactCopy(traces)
        opCommandIDs = commandIDs
        sharedBoxes = []
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

extension ScriptCallSite {
    fileprivate func interned(with interner: inout ValueInterner) -> ScriptCallSite {
        var site = self
        site.keys = interner.intern(keys)
        return site
    }
}
