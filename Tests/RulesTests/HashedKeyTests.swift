import Testing
import RedisLint
@testable import Rules

/// `HashedKey` is `KeyExpr` with a faster hash: tables keyed by it must group keys exactly as tables
/// keyed by `KeyExpr` do.
@Suite struct HashedKeyTests {
    static let keys: [KeyExpr] = [
        .literal("a"), .literal("ab"), .hole("ab"), .literal(""),
        KeyExpr(parts: [.literal(Array("rate:".utf8)), .hole("user")]),
        KeyExpr(parts: [.literal(Array("rate:".utf8)), .hole("user")]),
        KeyExpr(parts: [.literal(Array("ra".utf8)), .literal(Array("te:".utf8)), .hole("user")]),  // merged: same key
        KeyExpr(parts: [.literal(Array("rate:".utf8)), .hole("id")]),
        KeyExpr(parts: [.hole("a"), .hole("b")]), KeyExpr(parts: [.hole("ab")]),
    ]

    @Test func groupsKeysAsKeyExprDoes() {
        #expect(Set(Self.keys.map(HashedKey.init)).count == Set(Self.keys).count)
        for a in Self.keys {
            for b in Self.keys {
                #expect((HashedKey(a) == HashedKey(b)) == (a == b))
                if a == b { #expect(HashedKey(a).hashValue == HashedKey(b).hashValue) }
            }
        }
    }
}
