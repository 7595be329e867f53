/// Hands out one shared copy of each distinct value seen, with no spare capacity.
///
/// A finished file model is kept until its rules run in phase 2, so whatever it holds is held for the
/// whole scan. The same key (`"user:" + id`), option set (`["NX"]`) or receiver text recurs in op after
/// op, and every array built by appending carries up to twice the room it needs. Swift collections
/// are copy-on-write, so giving every equal value the same buffer changes nothing a reader can observe
/// (a later change to one copy copies it first) and stores each distinct value once.
struct ValueInterner {
    /// Key lists shared with the other files of the scan, if any.
    private let shared: SharedKeyLists?
    private var strings: Set<String> = []
    // Each table below is looked up, then inserted into for a new value: its entries carry their hash,
    // worked out once (`HashedOnce`), so a new value's contents are hashed once, not twice.
    private var byteArrays: Set<HashedOnce<[UInt8]>> = []
    private var keys: Set<HashedOnce<KeyExpr>> = []
    private var keyLists: Set<HashedKeyList> = []
    private var argumentLists: Set<HashedOnce<[ArgumentValue]>> = []
    private var nameSets: Set<HashedOnce<Set<String>>> = []
    /// One-name sets (most option and argument-name sets), by their name: hashing a set hashes each
    /// member with a hasher of its own, and then the set.
    private var singleNameSets: [String: Set<String>] = [:]
    private var indexLists: Set<HashedOnce<[Int]>> = []
    private var shapes: Set<ContentShape> = []

    /// `shapes`: how many op shapes to make room for (at most one per op). Growing the table a step at a
    /// time hashed every shape again at each step.
    init(sharing shared: SharedKeyLists? = nil, shapes: Int = 0) {
        self.shared = shared
        self.shapes.reserveCapacity(shapes)
    }

    mutating func intern(_ string: String) -> String {
        // A string of up to 15 UTF-8 bytes is stored inline: nothing to share.
        if string.utf8.count <= 15 { return string }
        return strings.insert(string).memberAfterInsert
    }

    mutating func intern(_ string: String?) -> String? {
        string.map { intern($0) }
    }

    mutating func intern(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.isEmpty { return [] }
        var hasher = Hasher()
        hasher.combine(block: bytes)
        let hash = hasher.finalize()
        if let known = byteArrays.firstIndex(of: HashedOnce(bytes, hash: hash)) { return byteArrays[known].value }
        let exact = ValueInterner.exactCopy(bytes)
        byteArrays.insert(HashedOnce(exact, hash: hash))
        return exact
    }

    mutating func intern(_ key: KeyExpr) -> KeyExpr {
        let hash = key.hashValue
        if let known = keys.firstIndex(of: HashedOnce(key, hash: hash)) { return keys[known].value }
        var shared = key
        shared.parts = ValueInterner.exactCopy(key.parts.map { part in
            switch part {
            case .literal(let bytes): return .literal(intern(bytes))
            case .hole(let expression): return .hole(intern(expression))
            }
        })
        keys.insert(HashedOnce(shared, hash: hash))
        return shared
    }

    mutating func intern(_ list: [KeyExpr]) -> [KeyExpr] {
        intern(list, hash: list.hashValue)
    }

    /// `hash` must be `list.hashValue` (worked out already when the list's shape was looked up).
    mutating func intern(_ list: [KeyExpr], hash: Int) -> [KeyExpr] {
        if list.isEmpty { return [] }
        let hashed = HashedKeyList(list, hash: hash)
        if let known = keyLists.firstIndex(of: hashed) { return keyLists[known].list }
        let canonical: HashedKeyList
        if let shared {
            canonical = shared.canonical(hashed) { ValueInterner.exactCopy(list.map { intern($0) }) }
        } else {
            canonical = HashedKeyList(ValueInterner.exactCopy(list.map { intern($0) }), hash: hashed.hash)
        }
        keyLists.insert(canonical)
        return canonical.list
    }

    mutating func intern(_ value: ArgumentValue) -> ArgumentValue {
        switch value {
        case .literal(let bytes): return .literal(intern(bytes))
        case .number(let text): return .number(intern(text))
        case .dynamic(let text): return .dynamic(intern(text))
        }
    }

    mutating func intern(_ list: [ArgumentValue]) -> [ArgumentValue] {
        if list.isEmpty { return [] }
        let hash = list.hashValue
        if let known = argumentLists.firstIndex(of: HashedOnce(list, hash: hash)) { return argumentLists[known].value }
        let shared = ValueInterner.exactCopy(list.map { intern($0) })
        argumentLists.insert(HashedOnce(shared, hash: hash))
        return shared
    }

    mutating func intern(_ names: Set<String>) -> Set<String> {
        if names.isEmpty { return [] }
        if names.count == 1, let name = names.first {
            if let known = singleNameSets[name] { return known }
            let shared: Set<String> = [intern(name)]
            singleNameSets[name] = shared
            return shared
        }
        let hash = names.hashValue
        if let known = nameSets.firstIndex(of: HashedOnce(names, hash: hash)) { return nameSets[known].value }
        // A set grown by inserts may have more buckets than its size needs; a fresh one is minimal.
        var shared = Set<String>(minimumCapacity: names.count)
        for name in names { shared.insert(intern(name)) }
        nameSets.insert(HashedOnce(shared, hash: hash))
        return shared
    }

    mutating func intern(_ list: [Int]) -> [Int] {
        if list.isEmpty { return [] }
        let hash = list.hashValue
        if let known = indexLists.firstIndex(of: HashedOnce(list, hash: hash)) { return indexLists[known].value }
        let exact = ValueInterner.exactCopy(list)
        indexLists.insert(HashedOnce(exact, hash: hash))
        return exact
    }

    /// A value with its hash worked out once: a new value is looked up, then inserted, and each step
    /// hashed all its contents. (Bytes are hashed as one block: an array of bytes is hashed a byte at a time.)
    private struct HashedOnce<Value: Equatable>: Hashable {
        let value: Value
        let hash: Int

        /// `hash` must be the same for equal values.
        init(_ value: Value, hash: Int) {
            self.value = value
            self.hash = hash
        }

        static func == (a: HashedOnce, b: HashedOnce) -> Bool { a.hash == b.hash && a.value == b.value }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// The kept shape equal to `shape`, looked up by its contents; when there is none, `build` makes it
    /// from values this interner returns, and it gets its facts (`RedisOp.Shape.facts`: `givesTTL`
    /// answers for `shape`, asked only then). Half of the ops of a file repeat a call made elsewhere in
    /// it: found first, their keys, arguments and sets are never interned one by one.
    /// `build` is handed the hash of the shape's key list.
    mutating func intern(_ shape: RedisOp.Shape, build: (inout ValueInterner, Int) -> RedisOp.Shape,
                         givesTTL: (Int32) -> Bool) -> RedisOp.Shape {
        let keysHash = shape.keys.hashValue
        let hash = ContentShape.hash(of: shape, keysHash: keysHash)
        if let known = shapes.firstIndex(of: ContentShape(shape: shape, hash: hash)) { return shapes[known].shape }
        let built = build(&self, keysHash)
        built.rememberFacts(givesTTL: givesTTL)
        shapes.insert(ContentShape(shape: built, hash: hash))
        return built
    }

    /// `array` in a buffer of exactly its size (`Array(array)` would share the original buffer, slack
    /// and all).
    static func exactCopy<Element>(_ array: [Element]) -> [Element] {
        if array.capacity == array.count { return array }
        return array.withUnsafeBufferPointer { Array($0) }
    }
}

/// The key lists of ops across all files of one scan: files built from the same code write the same
/// keys (`"profile:" + user_id` in every handler), and on the benchmark corpus a tenth of the lists each
/// file keeps are distinct across the project. Files are compacted in parallel, hence the lock; it is
/// taken once per list distinct within a file.
final class SharedKeyLists: Sendable {
    private let table = Locked<Set<HashedKeyList>>([])

    /// The list equal to `list` that the scan keeps; `build()` makes it (an equal list) when it is the first.
    fileprivate func canonical(_ list: HashedKeyList, build: () -> [KeyExpr]) -> HashedKeyList {
        if let known = table.withLock({ table in table.firstIndex(of: list).map { table[$0] } }) { return known }
        // Built outside the lock; when another file added an equal list meanwhile, that one is kept.
        let built = HashedKeyList(build(), hash: list.hash)
        return table.withLock { $0.insert(built).memberAfterInsert }
    }
}

/// A shape with a hash of its contents worked out once (it is looked up, then inserted).
private struct ContentShape: Hashable {
    let shape: RedisOp.Shape
    let hash: Int

    /// Equal shapes hash alike. Only the call's names and keys are hashed (`keysHash`: the key list's
    /// hash, which interning the list needs too): hashing every field cost more than the look-ups it
    /// saved, and the rare shapes that differ only elsewhere are told apart by `==`.
    static func hash(of shape: RedisOp.Shape, keysHash: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(shape.command)
        hasher.combine(shape.method)
        hasher.combine(shape.receiver)
        hasher.combine(shape.assignedTo)
        hasher.combine(keysHash)
        return hasher.finalize()
    }

    static func == (a: ContentShape, b: ContentShape) -> Bool { a.hash == b.hash && a.shape == b.shape }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// A key list with its hash worked out once: a list is looked up in the file's table, then the scan's,
/// then inserted in both, and each step hashed every byte of every key again.
private struct HashedKeyList: Hashable, Sendable {
    let list: [KeyExpr]
    let hash: Int

    init(_ list: [KeyExpr]) {
        self.init(list, hash: list.hashValue)
    }

    /// `hash` must be the hash of a list equal to `list`.
    init(_ list: [KeyExpr], hash: Int) {
        self.list = list
        self.hash = hash
    }

    static func == (a: HashedKeyList, b: HashedKeyList) -> Bool { a.hash == b.hash && a.list == b.list }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
