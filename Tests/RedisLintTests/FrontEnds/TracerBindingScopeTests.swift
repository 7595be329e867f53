import Testing
@testable import RedisLint

/// The binding cache keys a receiver use by `Tracer.bindingScope(of:from:)` instead of the use's own
/// scope: that scope must give every receiver the binding the use's scope gives.
@Suite struct TracerBindingScopeTests {
    /// Every receiver use of `tracer`'s calls resolves alike from its scope and from its binding scope;
    /// returns how many uses had a binding scope other than their own.
    static func checkUses(_ tracer: Tracer, _ label: String) -> Int {
        var moved = 0
        for call in tracer.calls where call.receiverCall == nil && !tracer.receiverText(of: call).isEmpty {
            let scope = tracer.innermostScope(at: call.nameToken)
            let bindingScope = tracer.bindingScope(of: tracer.receiverText(of: call), from: scope)
            if bindingScope != scope { moved += 1 }
            let own = tracer.binding(of: tracer.receiverText(of: call), at: call.firstToken, scope: scope, depth: 0, receiver: call.receiverID)
            let shared = tracer.binding(of: tracer.receiverText(of: call), at: call.firstToken, scope: bindingScope, depth: 0, receiver: call.receiverID)
            #expect(own == shared, "\(label): \(tracer.receiverText(of: call)).\(tracer.methodText(of: call)) at token \(call.firstToken)")
        }
        return moved
    }

    @Test(arguments: [Language.python, .ruby, .javascript, .swift])
    func generatedFilesResolveAlikeFromTheBindingScope(language: Language) {
        var moved = 0
        for seed in 1...4 {
            let source = TracerPartsTests.generated(language, seed: UInt64(seed), blocks: 80)
            moved += TracerBindingScopeTests.checkUses(TracerPartsTests.tracer(source, language: language), "\(language) \(seed)")
        }
        #expect(moved > 0)
    }

    @Test(arguments: [11, 12, 13])
    func nestedPythonResolvesAlikeFromTheBindingScope(seed: Int) {
        let source = TracerLookupEquivalenceTests.generatedPython(seed: UInt64(seed), blocks: 60)
        _ = TracerBindingScopeTests.checkUses(TracerPartsTests.tracer(source, language: .python), "python \(seed)")
    }

    /// Parameters that shadow a receiver name in a block or a nested function, branches and loops between
    /// a use and its function, and Ruby's `._client` read through a block parameter.
    @Test func shadowingParametersKeepTheirScope() {
        let python = """
        import redis
        r = redis.Redis()
        def f(k):
            if k:
                for i in k:
                    r.get(i)
            g(lambda r: r.get(k))
            def inner(r):
                if r:
                    r.get(k)
        """
        let pythonTracer = TracerPartsTests.tracer(python + "\n", language: .python)
        #expect(TracerBindingScopeTests.checkUses(pythonTracer, "python") > 0)
        let ruby = """
        redis = Redis.new
        def f(k)
          if k
            redis._client.call([:get, k])
            pool.with do |redis|
              redis._client.call([:get, k])
              _1.get(k)
            end
          end
        end
        """
        _ = TracerBindingScopeTests.checkUses(TracerPartsTests.tracer(ruby + "\n", language: .ruby), "ruby")
        let javaScript = """
        const Redis = require("ioredis");
        class Store {
          constructor(private readonly raw: any) {}
          run(k) {
            if (k) {
              for (const x of k) { this.raw.get(x); }
              k.forEach((raw) => raw.get(x));
            }
          }
        }
        new Store(new Redis().multi());
        """
        _ = TracerBindingScopeTests.checkUses(TracerPartsTests.tracer(javaScript + "\n", language: .javascript), "javascript")
    }
}
