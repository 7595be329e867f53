import Testing
@testable import RedisLint

/// TypeScript parameter properties (`constructor(readonly pubClient: any)`) declare class members:
/// `this.pubClient.publish(…)` goes through that member (eval B7, socket.io-redis-adapter).
@Suite struct ParameterPropertyTests {
    func ops(_ code: String) -> [RedisOp] {
        FrontEnd.analyze(SourceFile(path: "x.ts", language: .javascript, bytes: Array(code.utf8)), prefilter: false).traces.flatMap(\.ops)
    }

    func method(_ constructor: String, _ body: String) -> String {
        "class A {\n  constructor(\n    nsp: any,\n    \(constructor),\n    opts: Partial<Options> = {}\n  ) {\n    super(nsp);\n  }\n  f(ch: string) {\n    \(body)\n  }\n}\n"
    }

    @Test func anyTypedClientMemberIsMedium() {
        let found = ops(method("readonly pubClient: any", "this.pubClient.publish(ch, \"x\");"))
        #expect(found.map(\.command) == ["PUBLISH"])
        #expect(found.map(\.confidence) == [.medium])
        let untyped = ops("class A {\n  constructor(private readonly subClient) {}\n  f(ch) { this.subClient.subscribe(ch); }\n}\n")
        #expect(untyped.map(\.command) == ["SUBSCRIBE"])
    }

    @Test func clientTypedMemberIsHigh() {
        let found = ops(method("private readonly redis: Redis", "this.redis.get(ch);"))
        #expect(found.map(\.command) == ["GET"])
        #expect(found.map(\.confidence) == [.high])
    }

    @Test func otherMembersAreNotClients() {
        #expect(ops(method("private readonly http: HttpClient", "this.http.get(ch);")).isEmpty, "a declared non-client type")
        #expect(ops(method("readonly cache: any", "this.cache.get(ch);")).isEmpty, "`any` with a name that is not a client's")
        #expect(ops(method("readonly httpClient: any", "this.httpClient.get(ch);")).isEmpty, "another service's client")
        #expect(ops(method("readonly options: Map<string, Redis>", "this.options.set(ch, 1);")).isEmpty, "a map of clients")
    }
}

/// Names ending in `client` (`eclient`, `bclient`, `subClient`) are weak evidence of a Redis client;
/// clients of other services are not (bull's lazily created `this.eclient`).
@Suite struct RoleNamedClientTests {
    @Test func roleNamedClientsAreLow() {
        #expect(ClientEvidence.nameConfidence("this.eclient") == .low)
        #expect(ClientEvidence.nameConfidence("pub_client") == .low)
        #expect(ClientEvidence.nameConfidence("httpClient") == nil)
        #expect(ClientEvidence.nameConfidence("s3Client") == nil)
        #expect(ClientEvidence.nameConfidence("memcacheClient") == nil)
        #expect(ClientEvidence.declaredAnyConfidence("subClient") == .medium)
        #expect(ClientEvidence.declaredAnyConfidence("apiClient") == nil)
    }

    @Test func bullEventClientSubscribes() {
        let code = "Queue.prototype.on = function(name) {\n  return this.eclient.psubscribe(this.toKey('') + name);\n};\n"
        let ops = FrontEnd.analyze(SourceFile(path: "q.js", language: .javascript, bytes: Array(code.utf8)), prefilter: false).traces.flatMap(\.ops)
        #expect(ops.map(\.command) == ["PSUBSCRIBE"])
        #expect(ops.map(\.confidence) == [.low])
    }
}

extension ParameterPropertyTests {
    /// `new NodeRedisTransaction(this.raw.multi(), …)`: a member the constructor receives holds what the
    /// file passes, so its commands are queued in that transaction (bullmq's node-redis adapter).
    @Test func membersHoldWhatTheFilesConstructionsPass() {
        let code = """
            import { createClient } from 'redis';
            class NodeRedisClient {
              raw = createClient();
              multi() { return new NodeRedisTransaction(this.raw.multi(), this.scripts); }
            }
            class NodeRedisTransaction {
              constructor(private readonly raw: any, private readonly scripts: Map<string, string>) {}
              llen(key: string): this { this.raw.lLen(key); return this; }
            }
            class Other {
              constructor(private readonly raw: any) {}
              llen(key: string) { return this.raw.lLen(key); }
            }
            """
        #expect(ops(code).map { "\($0.command) \($0.context)" } == ["LLEN transaction", "LLEN plain"])
    }
}
