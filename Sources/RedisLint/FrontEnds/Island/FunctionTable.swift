/// The names of the file's functions, and which functions have each name (helper candidates).
///
/// Per name the last function of that name, and per function the one of the same name before it: made
/// with one hash per function, as the set of names it replaced was, it also gives the functions of a name,
/// for which the helper summaries made a dictionary of lists (a hash and a list per function name again).
struct FunctionTable: Sendable {
    /// Per name: the last function (scope index) of that name.
    private var lastOfName: [String: Int32] = [:]
    /// Per scope: the function of the same name before it (-1: none).
    private var previous: [Int32] = []

    init(_ scopes: [Scope]) {
        // (Sized for one name per function up front: grown a step at a time, it hashed every name again at each step.)
        var functions = 0
        for index in scopes.indices where scopes[index].kind == .function { functions += 1 }
        guard functions > 0 else { return }
        lastOfName.reserveCapacity(functions)
        previous = [Int32](filled: -1, count: scopes.count)
        for index in scopes.indices where scopes[index].kind == .function {
            if let before = lastOfName.updateValue(Int32(index), forKey: scopes[index].name) { previous[index] = before }
        }
    }

    /// How many names.
    var count: Int { lastOfName.count }

    /// Is `name` a function's name?
    func contains(_ name: String) -> Bool { lastOfName[name] != nil }

    /// The functions named `name`, in scope order.
    func functions(named name: String) -> [Int] {
        guard var link = lastOfName[name].map(Int.init) else { return [] }
        var found: [Int] = []
        while link >= 0 {
            found.append(link)
            link = Int(previous[link])
        }
        found.reverse()
        return found
    }
}
