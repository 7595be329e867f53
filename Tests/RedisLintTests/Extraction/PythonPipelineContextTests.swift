import Testing
@testable import RedisLint

/// redis-py pipelines: WATCH (immediate) mode, pipelines chosen by a conditional expression, and a
/// pipeline passed by keyword into a helper that picks it over its own client (eval B21, eval2 N6).
@Suite struct PythonPipelineContextTests {
    func traces(_ code: String) -> [Trace] {
        FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(code.utf8)), prefilter: false).traces
    }

    func contexts(_ trace: Trace?) -> [String] {
        (trace?.ops ?? []).map { "\($0.command) \($0.context)" }
    }

    @Test func watchModeRunsCommandsAtOnceUntilMulti() {
        let code = "def claim(conn, key):\n    with conn.pipeline() as pipe:\n        pipe.watch(key)\n        v = pipe.get(key)\n        pipe.multi()\n        pipe.set(key, 1)\n        pipe.execute()\n"
        #expect(contexts(traces(code).first) == ["WATCH plain", "GET plain", "SET transaction"])
    }

    @Test func withoutWatchThePipelineQueues() {
        let code = "def claim(conn, key):\n    with conn.pipeline() as pipe:\n        v = pipe.get(key)\n        pipe.set(key, 1)\n        pipe.execute()\n"
        #expect(contexts(traces(code).first) == ["GET transaction", "SET transaction"])
        let other = "def claim(conn, key):\n    with conn.pipeline() as pipe, conn.pipeline() as other:\n        other.watch(key)\n        pipe.get(key)\n        pipe.execute()\n"
        #expect(contexts(traces(other).first) == ["WATCH plain", "GET transaction"], "a watch on another pipeline")
    }

    @Test func conditionalPipelineIsATransaction() {
        let code = "def delete_job(conn, key, job_id, pipeline=None):\n    pipe = pipeline if pipeline else conn.pipeline()\n    pipe.srem(key, job_id)\n"
        #expect(contexts(traces(code).first) == ["SREM transaction"])
        let plain = "def delete_job(conn, key, job_id, other=None):\n    c = other if other else conn\n    c.srem(key, job_id)\n"
        #expect(contexts(traces(plain).first) == ["SREM plain"])
    }

    static let worker = "from redis import Redis\nclass W:\n    def __init__(self, connection: Redis):\n        self.connection = connection\n"
        + "    def heartbeat(self, pipeline=None):\n        connection = pipeline if pipeline is not None else self.connection\n        connection.hset(self.key, 'hb', 1)\n"

    @Test func pipelinePassedByKeywordCarriesItsContext() {
        let code = Self.worker + "    def tick(self):\n        with self.connection.pipeline() as pipeline:\n            self.heartbeat(pipeline=pipeline)\n            pipeline.execute()\n"
        let found = traces(code)
        #expect(contexts(found.first { $0.name == "tick" }) == ["HSET transaction"])
        #expect(found.first { $0.name == "tick" }?.ops.first?.confidence == .high)
        #expect(contexts(found.first { $0.name == "heartbeat" }) == ["HSET plain"])
    }

    @Test func cyclicAlternativesStayBounded() {
        // Each name picks among four others, in a cycle: resolution must not branch exponentially.
        var code = "import redis\n"
        for i in 0..<40 { code += "v\(i) = v\((i + 1) % 40) or v\((i + 2) % 40) or v\((i + 3) % 40) or v\((i + 5) % 40)\n" }
        for i in 0..<100 { code += "v\(i % 40).hincrby('h', 'f', 1)\n" }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(traces(code).flatMap(\.ops).count == 100)
        #expect(clock.now - start < .seconds(20))
    }

    /// A helper whose commands go to a pipeline parameter left at its nil default at the call site cannot
    /// send them from there (flipper's `doc_for(feature, pipeline: nil)`, rq's `add(job, pipeline=None)`).
    @Test func commandsOnAParameterLeftNilAreNotSentFromThatCall() {
        let python = Self.worker + "    def add(self, job, pipeline=None):\n        if pipeline is not None:\n            pipeline.zadd('k', {job: 1})\n"
            + "        else:\n            self.connection.zadd('k', {job: 1})\n    def a(self, job):\n        self.add(job)\n"
            + "    def b(self, job):\n        with self.connection.pipeline() as pipe:\n            self.add(job, pipeline=pipe)\n            self.add(job, pipe)\n"
        let found = traces(python)
        #expect(found.first { $0.name == "a" }?.ops.map(\.receiver) == ["self.connection"])
        // Set in the helper when nil (django-redis' `has_key`): the commands on it run from every call.
        let setWhenNil = Self.worker + "    def has(self, key, client=None):\n        if client is None:\n            client = self.connection\n"
            + "        return client.exists(key)\n    def c(self, key):\n        return self.has(key)\n"
        #expect(traces(setWhenNil).first { $0.name == "c" }?.ops.map(\.command) == ["EXISTS"])
        #expect(found.first { $0.name == "b" }?.ops.map(\.receiver) == ["pipeline", "self.connection", "pipeline", "self.connection"])
        let ruby = "require 'redis'\nclass A\n  def get(f)\n    doc_for(f)\n  end\n  def many(fs)\n    @client.pipelined do |pipeline|\n      fs.each { |f| doc_for(f, pipeline: pipeline) }\n    end\n  end\n"
            + "  def doc_for(f, pipeline: nil)\n    if pipeline\n      pipeline.hgetall(f)\n    else\n      @client.hgetall(f)\n    end\n  end\nend\n"
        let rubyTraces = FrontEnd.analyze(SourceFile(path: "x.rb", language: .ruby, bytes: Array(ruby.utf8)), prefilter: false).traces
        #expect(rubyTraces.first { $0.name == "get" }?.ops.map(\.receiver) == ["@client"])
        #expect(rubyTraces.first { $0.name == "many" }?.ops.map(\.receiver) == ["pipeline", "@client"])
    }

    @Test func helperCalledWithoutAPipelineStaysPlain() {
        let code = Self.worker + "    def tick(self):\n        self.heartbeat()\n"
        #expect(contexts(traces(code).first { $0.name == "tick" }) == ["HSET plain"])
    }
}
