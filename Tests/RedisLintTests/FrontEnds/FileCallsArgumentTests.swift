import Testing
@testable import RedisLint

/// The calls' arguments live in one list per file (`FileCalls.argumentList`), each call holding where its
/// own are; the labels are token numbers, read back as text (`ArgumentSyntax.label(in:)`) or compared as
/// bytes (`isLabelled`). After the calls are sorted, each call must still find its own arguments: what
/// splitting its argument tokens alone gives.
@Suite struct FileCallsArgumentTests {
    static let labelledCalls: [Language: String] = [
        .python: "r.set('a', 1, ex=10, nx=True)\npipe = r.pipeline(transaction=False)\nr.zrange('z', 0, -1, desc=True, *rest, **opts)\n",
        .ruby: "redis.set(:a, 1, :ex => 10, nx: true)\nredis.set 'k', 2, :px => 5, keys: [1]\nRedis.new(cluster: nodes, url: u)\n",
        .javascript: "client.set('a', 1, ...rest)\nnew Redis({ keyPrefix: 'p:' }).get(k)\n",
        .swift: "client.set(\"a\", to: 1, onCondition: .keyExists).wait()\nclient.send(command: \"GET\", with: [k])\n",
    ]

    static func describe(_ argument: ArgumentSyntax, view: TokenView) -> String {
        "\(argument.label(in: view) ?? "-") \(argument.tokens) \(argument.isSplat) \(argument.isKeywordSplat)"
    }

    @Test(arguments: [Language.python, .ruby, .javascript, .swift], [1, 2])
    func eachCallFindsItsOwnArguments(language: Language, seed: Int) {
        let sources = ChainScreenTests.sources(language, seed: UInt64(seed)) + [Self.labelledCalls[language]!]
        var compared = 0
        for source in sources {
            let view = ChainScreenTests.tokenView(source, language)
            let parser = ChainParser(view: view, syntax: ChainScreenTests.syntax(language))
            let calls = parser.allCalls()
            #expect(calls.argumentList.count == calls.sites.reduce(0) { $0 + Int($1.argumentCount) })
            for call in calls.sites {
                let own = calls.arguments(of: call).map { Self.describe($0, view: view) }
                let split = parser.splitArguments(call.argumentTokens).map { Self.describe($0, view: view) }
                #expect(own == split, "\(language) \(calls.names.method(call)) at \(call.nameToken)")
                #expect(own.count == Int(call.argumentCount))
                compared += own.count
            }
        }
        #expect(compared > 50)
    }

    /// `isLabelled` (bytes) answers as comparing `label(in:)` with the word, identifier and symbol labels alike.
    @Test(arguments: [Language.python, .ruby, .swift])
    func labelsCompareAsTheirText(language: Language) {
        let view = ChainScreenTests.tokenView(Self.labelledCalls[language]! + "r.get(\"x\", é: 1, :é => 2, ex: 3)\n", language)
        let calls = ChainParser(view: view, syntax: ChainScreenTests.syntax(language)).allCalls()
        let words: [StaticString] = ["ex", "nx", "px", "keys", "transaction", "desc", "cluster", "url", "to", "with", "command", "e", ""]
        var labelled = 0
        for argument in calls.argumentList {
            let label = argument.label(in: view)
            #expect(argument.hasLabel == (label != nil))
            if label != nil { labelled += 1 }
            for word in words {
                let text = word.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
                #expect(argument.isLabelled(word, in: view) == (label == text), "\(String(describing: label)) \(text)")
            }
        }
        #expect(labelled >= 3)
    }

    @Test func symbolLabelsLoseTheirColon() {
        let view = ChainScreenTests.tokenView("redis.set(:a, 1, :ex => 10, nx: true)\n", .ruby)
        let calls = ChainParser(view: view, syntax: ChainScreenTests.syntax(.ruby)).allCalls()
        let labels = calls.argumentList.map { $0.label(in: view) }
        #expect(labels == [nil, nil, "ex", "nx"])
        #expect(calls.argumentList[2].isLabelled("ex", in: view))
    }
}
