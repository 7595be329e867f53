import RedisLint

/// Which keys code gives a TTL, shared by no-ttl (RL404) and set-clears-ttl (RL501).
///
/// Keys are compared by *shape*: literal fragments kept, holes replaced by `*`, so `session:${sid}` in one
/// function and `session:${id}` in another are the same family of keys. A key that is one hole
/// (`${key}`) has no shape: it could be anything.
enum TTLFacts {
    /// `session:*:data`; nil for a key that is a single hole.
    static func shape(_ key: KeyExpr) -> String? { key.shape }

    /// `shape(key) != nil` without making the shape (a string): the key has a literal part.
    static func hasShape(_ key: KeyExpr) -> Bool { RaceFacts.hasLiteral(key) }

    /// True when the op gives its key a TTL (or keeps an existing one).
    static func setsTTL(_ op: RedisOp) -> Bool { op.givesTTL }

    /// Commands whose ops may give a TTL: `RedisOp.givesTTL` is false for every other command.
    static let mayGiveTTL = CommandSet(RedisOp.expiringCommands.union(["SET", "GETEX", "RESTORE"]))

    /// `setsTTL` for an op whose command has number `id`: the op is read only when its command may give a
    /// TTL (asking tests its command against a set of names first), so a caller can pass it unbound
    /// (`ops[index]`): binding an op, even to find its command gives none, copied it and read its box.
    static func setsTTL(_ op: @autoclosure () -> RedisOp, id: Int32) -> Bool {
        mayGiveTTL.contains(id, op().command) && op().givesTTL
    }

    /// Keys the project gives a TTL (`ProjectCommandIndex.keysGivenTTL`), exactly and by shape.
    struct Expiring {
        var shapes: Set<String> = []
        var exact: Set<KeyExpr> = []
    }

    static func expiring(in project: ProjectModel) -> Expiring {
        Expiring(shapes: project.index.shapesGivenTTL, exact: project.index.keysGivenTTL)
    }
}
