import Testing
@testable import RedisLint

/// Ruby's argument forwarding (`def mget(...) = redis.mget(...)`) as unknown keys (eval3 R8).
@Suite struct StreamReadAndForwardingTests {
    /// One line per op: `COMMAND keys | arguments | options`, keys and arguments comma-separated,
    /// options sorted.
    func ops(_ language: Language, _ code: String) -> [String] {
        let model = FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)),
                                     prefilter: false)
        return model.traces.flatMap(\.ops).map { op in
            let arguments = op.arguments.map { argument -> String in
                switch argument {
                case .literal(let bytes): return String(decoding: bytes, as: UTF8.self)
                case .number(let text): return text
                case .dynamic(let text): return "${" + text + "}"
                }
            }
            return "\(op.command) \(op.keys.map(\.display).joined(separator: ",")) | \(arguments.joined(separator: ",")) | \(op.options.sorted().joined(separator: ","))"
        }
    }

    // MARK: R8, Ruby argument forwarding

    @Test func rubyForwardingIsUnknownKeys() {
        let code = """
            class Helper
              def redis
                @redis ||= Redis.new
              end

              def mget(...)
                redis.mget(...)
              end

              def brpop(*args)
                redis.brpop(*args)
              end

              def del(*)
                redis.del(*)
              end

              def plain
                redis.mget("a", "b")
              end
            end
            """
        #expect(ops(.ruby, code) == [
            "MGET ${...} |  | ",
            "BRPOP ${*args} |  | ",
            "DEL ${*} |  | ",
            "MGET a,b |  | ",
        ])
    }

    @Test func rubyKeywordAndBlockForwardingAreNotKeys() {
        let code = """
            def f(k, **opts, &block)
              redis = Redis.new
              redis.set(k, "v", **opts, &block)
              redis.get(k, &block)
              redis.mget(k, &)
              redis.mget(k, **)
            end
            """
        #expect(ops(.ruby, code) == [
            "SET ${k} | v | ",
            "GET ${k} |  | ",
            "MGET ${k} |  | ",
            "MGET ${k} |  | ",
        ])
    }
}
