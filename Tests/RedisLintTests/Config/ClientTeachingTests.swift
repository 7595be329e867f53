import Testing
@testable import RedisLint

/// Configuration `[clients]` reaches the tracer: taught receivers are clients, wrapper calls are ops.
@Suite struct ClientTeachingTests {
    static let teaching = ClientTeaching(receivers: ["store"], wrappers: [
        .init(receiver: "CacheStore", method: "fetch", command: "GET", keyArgument: 1),
        .init(receiver: nil, method: "expireLater", command: "EXPIRE", keyArgument: 2),
    ])

    func ops(_ code: String, _ language: Language, teaching: ClientTeaching = teaching) -> [String] {
        let model = FrontEnd.analyze(SourceFile(path: "f", language: language, bytes: Array(code.utf8)), teaching: teaching)
        return model.traces.flatMap(\.ops).map { "\($0.command) \($0.keys.map(\.display).joined(separator: ","))" }
    }

    @Test(arguments: [
        ("store.get('a')\nCacheStore.fetch('user:' + id)\nexpireLater(30, 'k')\nother.get('b')\n", Language.python),
        ("store.get('a')\nCacheStore.fetch('user:' + id)\nexpireLater(30, 'k')\nother.get('b')\n", Language.ruby),
        ("store.get('a');\nCacheStore.fetch('user:' + id);\nexpireLater(30, 'k');\nother.get('b');\n", Language.javascript),
        ("store.get(\"a\")\nCacheStore.fetch(\"user:\" + id)\nexpireLater(30, \"k\")\nother.get(\"b\")\n", Language.swift),
    ])
    func taughtReceiversAndWrappers(_ code: String, _ language: Language) {
        let taught = ops(code, language)
        #expect(taught.count == 3, "\(taught)")
        #expect(taught.first?.hasPrefix("GET") == true)
        #expect(taught.dropFirst().first?.hasPrefix("GET user:") == true, "\(taught)")
        #expect(taught.last?.hasPrefix("EXPIRE") == true)
        #expect(ops(code, language, teaching: ClientTeaching()).isEmpty, "nothing without teaching")
    }

    @Test(arguments: [
        ("def expireLater(ttl, key):\n    pass\n", Language.python),
        ("def expireLater(ttl, key)\nend\nclass A\n  def self.expireLater(ttl, key)\n  end\nend\n", Language.ruby),
        ("function expireLater(ttl, key) { }\nclass A { expireLater(ttl, key) { } }\n", Language.javascript),
        ("func expireLater(_ ttl: Int, _ key: String) { }\n", Language.swift),
    ])
    func theWrappersOwnDefinitionIsNoCall(_ code: String, _ language: Language) {
        #expect(ops(code, language).isEmpty, "\(ops(code, language))")
    }

    @Test func receiverNamesMatchMembersAndLastComponents() {
        let teaching = ClientTeaching(receivers: ["cache"])
        #expect(teaching.isTaughtReceiver("cache"))
        #expect(teaching.isTaughtReceiver("@cache"))
        #expect(teaching.isTaughtReceiver("self.cache"))
        #expect(!teaching.isTaughtReceiver("cached"))
    }
}
