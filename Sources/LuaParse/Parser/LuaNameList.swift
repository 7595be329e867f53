/// A function's parameters or a generic `for`'s names: nearly always one or two (`function(key, value)`,
/// `for i, item in ipairs(t)`), kept inline; three or more in an array. Each list was an allocation
/// to make and to release with the tree.
public enum LuaNameList: Sendable {
    case none
    case one(LuaName)
    case two(LuaName, LuaName)
    /// Three or more.
    case many([LuaName])

    /// In order, as an array (made for the inline cases: the walkers use `forEach`).
    public var all: [LuaName] {
        switch self {
        case .none: return []
        case .one(let first): return [first]
        case .two(let first, let second): return [first, second]
        case .many(let names): return names
        }
    }

    var count: Int {
        switch self {
        case .none: return 0
        case .one: return 1
        case .two: return 2
        case .many(let names): return names.count
        }
    }

    /// Calls `body` with each name, in order.
    @inline(__always)
    func forEach(_ body: (LuaName) -> Void) {
        switch self {
        case .none: break
        case .one(let first): body(first)
        case .two(let first, let second):
            body(first)
            body(second)
        case .many(let names):
            for name in names { body(name) }
        }
    }

    mutating func append(_ name: LuaName) {
        switch self {
        case .none: self = .one(name)
        case .one(let first): self = .two(first, name)
        case .two(let first, let second):
            var names: [LuaName] = []
            names.reserveCapacity(LuaParser.initialListCapacity)
            names.append(first)
            names.append(second)
            names.append(name)
            self = .many(names)
        case .many(var names):
            // Released from `self` first, so the append does not copy a shared array.
            self = .none
            names.append(name)
            self = .many(names)
        }
    }
}
