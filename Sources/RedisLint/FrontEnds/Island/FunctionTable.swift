/// The names of the file's functions, and which functions have each name (helper candidates).
///
/// Per name the last function of that name, and per function the one of the same name before it: made
/// with one hash per function, as the set of names it replaced was, it also gives the functions of a name,
/// for which the helper summaries made a dictionary of lists (a hash and a list per function name again).
///
/// The names are found by a hash of their bytes (`TargetHashIndex`, eight bytes a multiply) when every
/// function's name is ASCII: a `[String: Int32]` hashed each name with seeded SipHash (about 350
/// instructions a name, most of the table's cost). Two ASCII strings are equal exactly when their bytes
/// are; a non-ASCII one can equal an ASCII one (the Kelvin sign equals "K"), so a file with a non-ASCII
/// function name keeps the dictionary, and a non-ASCII name asked of a byte table is compared with each
/// function's name as a string. A name whose probe runs past the index's limit also keeps the dictionary,
/// so a file of colliding names cannot make the table quadratic.
struct FunctionTable: Sendable {
    /// The file's scopes (their names confirm a hash match); empty when the table is by string.
    private var scopes: [Scope] = []
    /// By bytes: per name the last function (scope index) of that name. Nil when the table is by string.
    private var byBytes: TargetHashIndex? = nil
    /// By string: per name the last function (scope index) of that name (a non-ASCII name, or too many collisions).
    private var lastOfName: [String: Int32] = [:]
    /// Per scope: the function of the same name before it (-1: none).
    private var previous: [Int32] = []
    /// How many names.
    private(set) var count = 0

    /// `probeLimit`: slots a probe of the byte table reads at most (a parameter only for the tests of the fallback).
    init(_ scopes: [Scope], probeLimit: Int = TargetHashIndex.maximumProbes) {
        var functions = 0
        for index in scopes.indices where scopes[index].kind == .function { functions += 1 }
        guard functions > 0 else { return }
        previous = [Int32](filled: -1, count: scopes.count)
        if !fillByBytes(scopes, functions: functions, probeLimit: probeLimit) { fillByString(scopes, functions: functions) }
    }

    /// Links the functions through a table hashed by their names' bytes; false (and nothing kept) at a
    /// non-ASCII name or a name whose probe runs past the limit.
    private mutating func fillByBytes(_ scopes: [Scope], functions: Int, probeLimit: Int) -> Bool {
        var byBytes = TargetHashIndex(capacity: functions, probeLimit: probeLimit)
        var names = 0
        for index in scopes.indices where scopes[index].kind == .function {
            let (hash, isASCII) = TargetHashIndex.hash(scopes[index].name)
            let (entered, before) = isASCII ? byBytes.update(hash: hash, to: Int32(index), isTarget: { scopes[Int($0)].name == scopes[index].name })
                                            : (false, nil)
            guard entered else {
                previous = [Int32](filled: -1, count: scopes.count)
                return false
            }
            if let before { previous[index] = before } else { names += 1 }
        }
        self.scopes = scopes
        self.byBytes = byBytes
        count = names
        return true
    }

    /// Links the functions through a dictionary keyed by their names.
    private mutating func fillByString(_ scopes: [Scope], functions: Int) {
        // (Sized for one name per function up front: grown a step at a time, it hashed every name again at each step.)
        lastOfName.reserveCapacity(functions)
        for index in scopes.indices where scopes[index].kind == .function {
            if let before = lastOfName.updateValue(Int32(index), forKey: scopes[index].name) { previous[index] = before }
        }
        count = lastOfName.count
    }

    /// The last function named `name` (scope index), or nil.
    private func lastFunction(named name: String) -> Int32? {
        guard count > 0 else { return nil }
        guard let byBytes else { return lastOfName[name] }
        let (hash, isASCII) = TargetHashIndex.hash(name)
        if isASCII { return byBytes.last(hash: hash) { scopes[Int($0)].name == name } }
        // A non-ASCII name can still equal an ASCII one (the Kelvin sign equals "K"): compared as strings.
        return scopes.lastIndex { $0.kind == .function && $0.name == name }.map { Int32($0) }
    }

    /// Is `name` a function's name?
    func contains(_ name: String) -> Bool { lastFunction(named: name) != nil }

    /// The functions named `name`, in scope order.
    func functions(named name: String) -> [Int] {
        guard var link = lastFunction(named: name).map(Int.init) else { return [] }
        var found: [Int] = []
        while link >= 0 {
            found.append(link)
            link = Int(previous[link])
        }
        found.reverse()
        return found
    }
}
