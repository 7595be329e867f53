import Testing
@testable import RedisLint

/// Parameters annotated with a client or pipeline type are clients (eval B8): `pipeline: Pipeline`
/// where the file imports redis-py, `pipe: "Pipeline"`, `client: Optional[Redis]`, `r: redis.Redis`.
@Suite struct PipelineAnnotationTests {
    func found(_ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8)), prefilter: false).traces.flatMap(\.ops)
            .map { "\($0.command) \($0.confidence)" }
    }

    @Test func annotatedParametersAreHighConfidenceClients() {
        let header = "from redis.client import Pipeline\n"
        #expect(found(header + "def add(self, e, pipeline: Pipeline | None = None):\n    pipeline.sadd(e.key, e.id)\n") == ["SADD high"])
        #expect(found(header + "def add(pipe: \"Pipeline\", k):\n    pipe.get(k)\n") == ["GET high"])
        #expect(found("def add(client: Optional[Redis], k):\n    client.get(k)\n") == ["GET high"])
        #expect(found("import redis\ndef add(r: redis.Redis, k):\n    r.get(k)\n") == ["GET high"])
    }

    @Test func pipelineParameterQueuesItsCommands() {
        let code = "from redis.client import Pipeline\ndef add(self, e, pipeline: Pipeline, ttl):\n    pipeline.sadd(e.key, e.id)\n    pipeline.expire(e.key, ttl)\n"
        let ops = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8))).traces.flatMap(\.ops)
        #expect(ops.map(\.context) == [.transaction, .transaction], "not sent one by one")
    }

    @Test func pipelineWordWithoutARedisImportIsOnlyAName() {
        // sklearn and friends have `Pipeline`s too: without a Redis import the name decides, as untyped.
        #expect(found("def add(pipeline: Pipeline, k):\n    pipeline.sadd(k, 1)\n") == ["SADD low"])
        #expect(found("def fit(model: Pipeline, k):\n    model.get(k)\n").isEmpty)
    }

    @Test func collectionsOfPipelinesAreNotPipelines() {
        #expect(found("from redis.client import Pipeline\ndef add(p: List[Pipeline], k):\n    p.get(k)\n").isEmpty)
    }
}
