import Testing
@testable import RedisLint

/// A bare call in Python is a module-level function, never a method of the enclosing class (eval3 R5,
/// rq `Queue.get_jobs` calling `rq.utils.compact` next to the method `Queue.compact`).
@Suite struct PythonBareNameTests {
    @Test func aBareNameDoesNotReachTheMethodOfTheSameName() {
        let code = """
            import redis
            from .utils import compact
            class Queue:
                def __init__(self):
                    self.connection = redis.Redis()
                def compact(self):
                    self.connection.rename(self.key, "compact")
                def job_ids(self, ids):
                    return compact([i for i in ids])
                def shrink(self):
                    self.compact()
            """
        let traces = FrontEnd.analyze(SourceFile(path: "q.py", language: .python, bytes: Array(code.utf8))).traces
        let commands = Dictionary(uniqueKeysWithValues: traces.map { ($0.name, $0.ops.map(\.command)) })
        #expect(commands["compact"] == ["RENAME"])
        #expect(commands["job_ids"] == nil)
        #expect(commands["shrink"] == ["RENAME"])
    }
}

extension PythonBareNameTests {
    /// `self.cleanup()` in a base class reaches the base class's own `cleanup`, not the last one in the file
    /// (rq's registries: `BaseRegistry.cleanup` does nothing; `ReadyJobRegistry.cleanup` reads a range).
    @Test func selfCallsReachTheCallersOwnClass() {
        let python = """
            import redis
            class Base:
                def __init__(self):
                    self.connection = redis.Redis()
                def cleanup(self):
                    pass
                def count(self):
                    self.cleanup()
                    return self.connection.zcard("k")
            class Ready(Base):
                def cleanup(self):
                    self.connection.zrange("k", 0, -1)
                def run(self):
                    self.cleanup()
            """
        let traces = FrontEnd.analyze(SourceFile(path: "x.py", language: .python, bytes: Array(python.utf8)), prefilter: false).traces
        #expect(traces.map { "\($0.name): \($0.ops.map(\.command).joined(separator: ","))" } == ["count: ZCARD", "cleanup: ZRANGE", "run: ZRANGE"])
    }
}
