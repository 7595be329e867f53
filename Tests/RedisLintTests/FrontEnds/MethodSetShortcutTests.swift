import Testing
@testable import RedisLint

/// Method-name checks asked for every call now answer without hashing the name (a `switch`, or once
/// per method number): they must agree with the sets they stand for.
@Suite struct MethodSetShortcutTests {
    static let names = Array(ScriptExtractor.definitions) + Array(ClientMethods.transactionMethods) + Array(ClientMethods.pipelineMethods)
        + ["register", "register_scripts", "Register_script", "defineScript_", "createscript", "define", "multi_exec", "MULTI",
           "pipe", "pipelines", "batches", "transactions", "get", "set", "eval", "x", "_"]

    @Test func definitionCheckAgreesWithTheSet() {
        var found = 0
        for name in Self.names + ["", "é", "createScript\u{301}", "defineCommand "] {
            #expect(ScriptExtractor.isDefinition(name) == ScriptExtractor.definitions.contains(name), "\(name)")
            if ScriptExtractor.isDefinition(name) { found += 1 }
        }
        #expect(found == ScriptExtractor.definitions.count)
    }

    /// Every name called twice (the second answer comes from the table), on several receivers.
    @Test func structuralKindAgreesWithTheSets() {
        var lines = ["import redis", "r = redis.Redis()"]
        for name in Self.names { lines += ["r.\(name)()", "self.conn.\(name)(1)", "\(name)()"] }
        let tracer = TracerPartsTests.tracer(lines.joined(separator: "\n") + "\n", language: .python)
        #expect(tracer.calls.count >= Self.names.count * 3)
        var kinds: [Tracer.StructuralKind: Int] = [:]
        for _ in 0..<2 {
            for call in tracer.calls {
                let method = tracer.methodText(of: call)
                let expected: Tracer.StructuralKind = ClientMethods.transactionMethods.contains(method) ? .transaction
                    : ClientMethods.pipelineMethods.contains(method) ? .pipeline : .neither
                #expect(tracer.structuralKind(of: call) == expected, "\(method)")
                kinds[expected, default: 0] += 1
            }
        }
        #expect(kinds[.transaction, default: 0] > 0 && kinds[.pipeline, default: 0] > 0 && kinds[.neither, default: 0] > 0)
    }
}
