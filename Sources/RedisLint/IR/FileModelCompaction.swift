extension FileModel {
    /// The same model in less memory, for keeping until phase 2: equal keys, option sets, argument lists and
    /// strings share one buffer, and no array keeps the spare room it grew while the model was built
    /// (`ValueInterner`). Every value reads exactly as before. `shared`: key lists shared with the other
    /// files of the scan.
    func compacted(sharing shared: SharedKeyLists? = nil) -> FileModel {
        let opCount = traces.reduce(0) { $0 + $1.ops.count }
        var interner = ValueInterner(sharing: shared, shapes: opCount)
        var copy = self
        // Copies of one op (the same box in two lists) stay one box. The old boxes are kept alive by
        // `self` meanwhile, so no identifier is reused.
        var opsByBox: [ObjectIdentifier: RedisOp] = [:]
        opsByBox.reserveCapacity(opCount)
        copy.traces = ValueInterner.exactCopy(traces.map { trace in
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
        copy.scripts = ValueInterner.exactCopy(scripts.map { script in
            var script = script
            script.callSites = ValueInterner.exactCopy(script.callSites.map { $0.interned(with: &interner) })
            return script
        })
        copy.clusterClients = ValueInterner.exactCopy(clusterClients)
        copy.databaseSelections = ValueInterner.exactCopy(databaseSelections)
        copy.keyPrefixes = ValueInterner.exactCopy(keyPrefixes.map { KeyPrefix(bytes: interner.intern($0.bytes), span: $0.span) })
        copy.clientConstructions = ValueInterner.exactCopy(clientConstructions)
        copy.scriptFileReferences = ValueInterner.exactCopy(scriptFileReferences.map { reference in
            var reference = reference
            reference.callSites = ValueInterner.exactCopy(reference.callSites.map { $0.interned(with: &interner) })
            return reference
        })
        copy.scriptDefinitions = ValueInterner.exactCopy(scriptDefinitions.map { definition in
            var definition = definition
            definition.method = interner.intern(definition.method)
            definition.source = interner.intern(definition.source)
            return definition
        })
        copy.comments = ValueInterner.exactCopy(comments)
        copy.notes = ValueInterner.exactCopy(notes)
        copy.clusterClientTexts = ValueInterner.exactCopy(clusterClientTexts)
        copy.luaIncludeNames = ValueInterner.exactCopy(luaIncludeNames)
        return copy
    }
}

extension ScriptCallSite {
    fileprivate func interned(with interner: inout ValueInterner) -> ScriptCallSite {
        var site = self
        site.keys = interner.intern(keys)
        return site
    }
}
