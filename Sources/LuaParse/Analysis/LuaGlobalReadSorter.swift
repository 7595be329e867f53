/// Sorts a script's global reads into sandbox violations and undefined reads. Each distinct name is
/// decided once, by its symbol: hashing the name into up to three `Set<String>`s at every read (and
/// every write into another) cost about 250 instructions a read.
enum LuaGlobalReadSorter {
    /// Decisions per symbol: the low bits are the verdict (0 not yet decided), `written` marks a name
    /// some global write assigns.
    private static let undecided: UInt8 = 0, ignored: UInt8 = 1, removedByRedis: UInt8 = 2
    private static let notProvided: UInt8 = 3, undefined: UInt8 = 4, written: UInt8 = 0x80

    /// `reads` with their symbols (`readSymbols[i]` names `reads[i]`), the symbols of the global
    /// writes, and the globals the sandbox provides. In read order, as the per-read test gave them.
    static func sort(_ reads: [LuaNameUse], readSymbols: [LuaSymbol], writeSymbols: [LuaSymbol], symbolCount: Int,
                     provided: Set<String>) -> (sandbox: [LuaSandboxUse], undefined: [LuaNameUse]) {
        var sandbox: [LuaSandboxUse] = []
        var undefinedReads: [LuaNameUse] = []
        guard !reads.isEmpty else { return (sandbox, undefinedReads) }
        var decisions = [UInt8](repeating: undecided, count: symbolCount)
        for symbol in writeSymbols { decisions[Int(symbol.index)] = written }
        for index in reads.indices {
            let slot = Int(readSymbols[index].index)
            var verdict = decisions[slot] & ~written
            if verdict == undecided {
                let name = reads[index].name
                if provided.contains(name) {
                    verdict = ignored
                } else if LuaSandbox.removedByRedis.contains(name) {
                    verdict = removedByRedis
                } else if LuaSandbox.notProvided.contains(name) {
                    verdict = notProvided
                } else {
                    verdict = decisions[slot] & written != 0 ? ignored : undefined
                }
                decisions[slot] |= verdict
            }
            let use = reads[index]
            switch verdict {
            case removedByRedis: sandbox.append(LuaSandboxUse(name: use.name, kind: .removedByRedis, span: use.span, line: use.line))
            case notProvided: sandbox.append(LuaSandboxUse(name: use.name, kind: .notProvided, span: use.span, line: use.line))
            case undefined: undefinedReads.append(use)
            default: break
            }
        }
        return (sandbox, undefinedReads)
    }
}
