/// The names of the file's functions, and which functions have each name (helper candidates).
///
/// Per name the last function of that name, and per function the one of the same name before it: made
/// with one hash per function, as the set of names it replaced was, it also gives the functions of a name,
/// for which the helper summaries made a dictionary of lists (a hash and a list per function name again).
///
/// The names are found by a hash of their bytes (`TargetHashIndex.hash`, eight bytes a multiply) when every
/// function's name is ASCII: a `[String: Int32]` hashed each name with seeded SipHash (about 350
/// instructions a name, most of the table's cost). Two ASCII strings are equal exactly when their bytes
/// are; a non-ASCII one can equal an ASCII one (the Kelvin sign equals "K"), so a file with a non-ASCII
/// function name keeps the dictionary, and a non-ASCII name asked of a byte table is compared with each
/// function's name as a string. The hash is not seeded: a probe gives up after `maximumProbes` slots (the
/// table then falls back to the dictionary), so a file of colliding names cannot make it quadratic.
struct FunctionTable: Sendable {
    /// The file's scopes (their names confirm a hash match).
    private var scopes: [Scope] = []
    /// By bytes: per slot the name's hash's high 32 bits above the scope index of the last function of that
    /// name plus one (0: free). Empty when the table is by string (`lastOfName`).
    private var slots: [UInt64] = []
    /// By string: per name the last function (scope index) of that name (a non-ASCII name, or too many collisions).
    private var lastOfName: [String: Int32] = [:]
    /// Per scope: the function of the same name before it (-1: none).
    private var previous: [Int32] = []
    /// How many names.
    private(set) var count = 0

    /// Slots a look-up reads at most: an entered name is within this many of its hash's slot.
    static let maximumProbes = 32

    init(_ scopes: [Scope]) {
        var functions = 0
        for index in scopes.indices where scopes[index].kind == .function { functions += 1 }
        guard functions > 0 else { return }
        self.scopes = scopes
        previous = [Int32](filled: -1, count: scopes.count)
        if !fillByBytes(functions: functions) { fillByString(functions: functions) }
    }

    /// Links the functions through a table hashed by their names' bytes; false (and nothing kept) at a
    /// non-ASCII name or a name whose probe runs past `maximumProbes`.
    private mutating func fillByBytes(functions: Int) -> Bool {
        var size = 8
        while size < 2 * functions { size <<= 1 }
        var slots = [UInt64](filled: 0, count: size)
        let mask = size - 1
        var names = 0
        for index in scopes.indices where scopes[index].kind == .function {
            let (hash, isASCII) = TargetHashIndex.hash(scopes[index].name)
            guard isASCII, let found = FunctionTable.find(hash: hash, in: slots, mask: mask, isName: { scopes[$0].name == scopes[index].name }) else {
                previous = [Int32](filled: -1, count: scopes.count)
                return false
            }
            if let before = found.function { previous[index] = before } else { names += 1 }
            slots[found.slot] = hash & FunctionTable.tagBits | UInt64(index + 1)
        }
        self.slots = slots
        count = names
        return true
    }

    /// Links the functions through a dictionary keyed by their names.
    private mutating func fillByString(functions: Int) {
        // (Sized for one name per function up front: grown a step at a time, it hashed every name again at each step.)
        lastOfName.reserveCapacity(functions)
        for index in scopes.indices where scopes[index].kind == .function {
            if let before = lastOfName.updateValue(Int32(index), forKey: scopes[index].name) { previous[index] = before }
        }
        count = lastOfName.count
    }

    /// The bits of a slot that hold the hash's high half.
    private static var tagBits: UInt64 { 0xFFFF_FFFF_0000_0000 }

    /// The slot holding the name's last function (and its scope index), or the free slot where it would go;
    /// nil when neither is within `maximumProbes` slots.
    @inline(__always) private static func find(hash: UInt64, in slots: [UInt64], mask: Int,
                                               isName: (Int) -> Bool) -> (slot: Int, function: Int32?)? {
        let tag = hash & tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<maximumProbes {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if entry & tagBits == tag {
                let function = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if isName(Int(function)) { return (slot, function) }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The last function named `name` (scope index), or nil.
    private func lastFunction(named name: String) -> Int32? {
        guard count > 0 else { return nil }
        guard !slots.isEmpty else { return lastOfName[name] }
        let (hash, isASCII) = TargetHashIndex.hash(name)
        if isASCII {
            return FunctionTable.find(hash: hash, in: slots, mask: slots.count - 1, isName: { scopes[$0].name == name })?.function
        }
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
