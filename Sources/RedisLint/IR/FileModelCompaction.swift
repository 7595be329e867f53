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
        // Copies of one op (the same box in two lists) stay one box; no identifier is reused meanwhile. Only a
        // box held more than once is remembered (`opsByBox`): most are held by their one list alone, asked of
        // the run time in place (`holdsBoxAlone`), which costs less than a table look-up and insert per op.
        var original = traces
        traces = []
        var opsByBox: [ObjectIdentifier: RedisOp] = [:]
        var compacted: [Trace] = []
        compacted.reserveCapacity(original.count)
        for index in original.indices {
            // In place, so that `original` and its op lists stay the only holders of their boxes.
            let ops = original[index].ops.withUnsafeMutableBufferPointer { old in
                var ops: [RedisOp] = []
                ops.reserveCapacity(old.count)
                for op in old.indices {
                    if old[op].holdsBoxAlone() {
                        ops.append(old[op].interned(with: &interner))
                    } else if let known = opsByBox[old[op].storageIdentity] {
                        ops.append(known)
                    } else {
                        let shared = old[op].interned(with: &interner)
                        opsByBox[old[op].storageIdentity] = shared
                        ops.append(shared)
                    }
                }
                return ops
            }
            var trace = original[index]
            trace.name = interner.intern(trace.name)
            trace.ops = ValueInterner.exactCopy(ops)
            trace.conditions = ValueInterner.exactCopy(trace.conditions.map { condition in
                var condition = condition
                condition.text = interner.intern(condition.text)
                condition.ops = interner.intern(condition.ops)
                condition.names = interner.intern(condition.names)
                return condition
            })
            compacted.append(trace)
        }
        traces = ValueInterner.exactCopy(compacted)
        withExtendedLifetime(original) {}
        gatherCommandIDs()
        self.scripts = ValueInterner.exactCopy(scripts.map { script in
            var script = script
            script.callSites = ValueInterner.exactCopy(script.callSites.map { $0.interned(with: &interner) })
            return script
        })
        self.clusterClients = ValueInterner.exactCopy(clusterClients)
        self.standaloneClients = ValueInterner.exactCopy(standaloneClients)
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
