import Testing
@testable import RedisLint

@Suite("KeyExpr slot facts and relations")
struct KeyExprSlotTests {
    private func key(_ parts: KeyExpr.Part...) -> KeyExpr { KeyExpr(parts: parts) }
    private func lit(_ text: String) -> KeyExpr.Part { .literal(Array(text.utf8)) }

    @Test func fullyLiteralKeysHaveLiteralSlots() {
        #expect(KeyExpr.literal("foo").slotFact == .literal(12182))
        #expect(slotRelation(.literal("{u}a"), .literal("{u}b")) == .same)
        #expect(slotRelation(.literal("foo"), .literal("bar")) == .different)
    }

    @Test func literalTagBeforeAnyHoleGivesLiteralSlot() {
        let a = key(lit("cart:{42}:"), .hole("item"))
        let b = key(lit("orders:{42}"), .hole("x"), lit(":done"))
        #expect(a.slotFact == .literal(HashSlot.slot(of: "42")))
        #expect(slotRelation(a, b) == .same)
        #expect(slotRelation(a, .literal("42")) == .same)
        #expect(slotRelation(a, key(lit("{43}"), .hole("item"))) == .different)
    }

    @Test func holeBeforeTheBraceMakesTheSlotUnknown() {
        // The hole could contain a `{` of its own and move the tag.
        let a = key(.hole("prefix"), lit("{42}:a"))
        #expect(a.slotFact == .unknown)
        #expect(slotRelation(a, .literal("{42}:b")) == .unknown)
    }

    @Test func holeInsideTheTagNeedsTheSameExpressionAndContext() {
        let a = key(lit("user:{"), .hole("id"), lit("}:cart"))
        let b = key(lit("session:{"), .hole("id"), lit("}"))
        let c = key(lit("user:{"), .hole("other"), lit("}:cart"))
        let d = key(lit("user:{x"), .hole("id"), lit("}:cart"))
        #expect(a.slotFact == .tag([.hole("id")]))
        #expect(slotRelation(a, b) == .same)
        #expect(slotRelation(a, c) == .unknown)       // same prefix, different hole
        #expect(slotRelation(a, d) == .unknown)       // same hole, different literal context
        #expect(slotRelation(b, c) == .likelyDifferent)
    }

    @Test func tagWithoutALiteralClosingBraceIsUnknown() {
        let a = key(lit("user:{"), .hole("id"))
        #expect(a.slotFact == .unknown)
        let b = key(lit("{"), .hole("id"), lit("x"))
        #expect(b.slotFact == .unknown)
    }

    @Test func emptyLiteralTagHashesTheWholeKey() {
        let a = key(lit("{}{a}"), .hole("x"))
        #expect(a.slotFact == .unknown)
        #expect(KeyExpr.literal("{}{a}").slotFact == .literal(HashSlot.slot(of: "{}{a}")))
        #expect(KeyExpr.literal("{}{a}").slotFact != .literal(HashSlot.slot(of: "a")))
    }

    @Test func differentLiteralPrefixesAreLikelyDifferent() {
        let a = key(lit("rate:"), .hole("user"))
        let b = key(lit("quota:"), .hole("user"))
        #expect(slotRelation(a, b) == .likelyDifferent)
        // One prefix extends the other: nothing can be said.
        #expect(slotRelation(key(lit("rate:"), .hole("u")), key(lit("rate:x"), .hole("u"))) == .unknown)
        // The same expression is the same key.
        #expect(slotRelation(a, a) == .same)
    }

    @Test func relationAmongManyKeys() {
        let cart = key(lit("cart:{"), .hole("id"), lit("}"))
        let orders = key(lit("orders:{"), .hole("id"), lit("}"))
        #expect(slotRelation(among: []) == .same)
        #expect(slotRelation(among: [cart]) == .same)
        #expect(slotRelation(among: [cart, orders, cart]) == .same)
        #expect(slotRelation(among: [.literal("{a}1"), .literal("{a}2"), .literal("{b}3")]) == .different)
        #expect(slotRelation(among: [cart, key(lit("rate:"), .hole("u"))]) == .likelyDifferent)
        #expect(slotRelation(among: [cart, key(.hole("anything"))]) == .unknown)
    }
}
