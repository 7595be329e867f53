import Testing
@testable import RedisLint

@Suite("Key extraction with spread arguments")
struct SpreadArgumentTests {
    private func keys(_ arguments: CommandArgument...) -> KeyExtraction? {
        CommandTable.extractKeys(arguments)
    }

    @Test func spreadOfKeys() throws {
        let del = try #require(keys(.text("DEL"), .spread))
        #expect(del.keyIndices == [1])
        #expect(!del.dependsOnUnknown)
        let mget = try #require(keys(.text("MGET"), .text("a"), .spread, .text("z")))
        #expect(mget.keyIndices == [1, 2, 3])
        #expect(!mget.dependsOnUnknown)
        let blpop = try #require(keys(.text("BLPOP"), .spread, .text("0")))
        #expect(blpop.keyIndices == [1])
        #expect(!blpop.dependsOnUnknown)
    }

    @Test func spreadOfValues() throws {
        let hset = try #require(keys(.text("HSET"), .text("h"), .spread))
        #expect(hset.keyIndices == [1])
        #expect(!hset.dependsOnUnknown)
        let rpush = try #require(keys(.text("RPUSH"), .text("q"), .spread))
        #expect(rpush.keyIndices == [1])
    }

    @Test func spreadThatIsOnlyPartlyKeys() throws {
        // MSET k v *rest: the rest alternates keys and values.
        let mset = try #require(keys(.text("MSET"), .text("a"), .text("1"), .spread))
        #expect(mset.keyIndices == [1])
        #expect(mset.dependsOnUnknown)
        // BLPOP *args: keys and the timeout in one spread.
        let blpop = try #require(keys(.text("BLPOP"), .spread))
        #expect(blpop.keyIndices.isEmpty)
        #expect(blpop.dependsOnUnknown)
        // EVAL with keys and args in one spread: numkeys decides.
        let eval = try #require(keys(.text("EVAL"), .text("s"), .text("2"), .spread))
        #expect(eval.dependsOnUnknown)
        #expect(!eval.keyIndices.contains(3))
    }

    @Test func spreadBeforeAKeywordMakesTheAnswerUncertain() throws {
        let xread = try #require(keys(.text("XREAD"), .spread, .text("STREAMS"), .text("s"), .text("0")))
        #expect(xread.dependsOnUnknown)
        let tooMany = try #require(keys(.text("GET"), .text("a"), .text("b"), .spread))
        #expect(tooMany.isMalformed)
    }
}
