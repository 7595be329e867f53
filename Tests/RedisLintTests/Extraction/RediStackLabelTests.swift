import Testing
@testable import RedisLint

/// RediStack's labelled helpers, checked against its `Commands/*.swift` signatures: which label
/// holds the key(s), variadic `from:`/`of:` keys, and `timeout:` as an argument (eval2 N2).
@Suite struct RediStackLabelTests {
    /// `COMMAND keys | arguments | options` per op of one statement inside a function.
    func op(_ statement: String) -> String {
        let code = "import RediStack\nfunc f(redis: RedisClient) {\n    _ = redis.\(statement)\n}\n"
        let ops = FrontEnd.analyze(SourceFile(path: "x.swift", language: .swift, bytes: Array(code.utf8))).traces.flatMap(\.ops)
        return ops.map { op in
            let arguments = op.arguments.map { argument -> String in
                switch argument {
                case .literal(let bytes): return String(decoding: bytes, as: UTF8.self)
                case .number(let text): return text
                case .dynamic(let text): return text
                }
            }
            return "\(op.command) \(op.keys.map(\.display).joined(separator: ",")) | \(arguments.joined(separator: ",")) | \(op.options.sorted().joined(separator: ","))"
        }.joined(separator: "; ")
    }

    @Test func blockingPopsTakeEveryKeyAndATimeout() {
        #expect(op("blpop(from: \"a\", \"b\")") == "BLPOP a,b |  | ")
        #expect(op("brpop(from: \"a\", \"b\", timeout: .seconds(1))") == "BRPOP a,b | .seconds(1) | ")
        #expect(op("blpop(from: [\"a\", \"b\"], timeout: .seconds(1))") == "BLPOP a,b | .seconds(1) | ")
        #expect(op("bzpopmin(from: [\"z1\", \"z2\"])") == "BZPOPMIN z1,z2 |  | ")
        #expect(op("blpop(from: \"a\")") == "BLPOP a |  | ")
        #expect(op("brpoplpush(from: \"s\", to: \"d\", timeout: .seconds(2))") == "BRPOPLPUSH s,d | .seconds(2) | ")
    }

    @Test func labelledKeysAndValuesInRedisOrder() {
        #expect(op("append(\"value\", to: \"k\")") == "APPEND k | value | ")
        #expect(op("sdiff(of: \"s1\", \"s2\")") == "SDIFF s1,s2 |  | ")
        #expect(op("sdiffstore(as: \"dst\", sources: [\"s1\", \"s2\"])") == "SDIFFSTORE dst,s1,s2 |  | ")
        #expect(op("hincrby(2, field: \"f\", in: \"h\")") == "HINCRBY h | f,2 | ")
        #expect(op("zincrby(1.5, element: \"m\", in: \"z\")") == "ZINCRBY z | 1.5,m | ")
        #expect(op("lset(index: 0, to: \"v\", in: \"l\")") == "LSET l | 0,v | ")
        #expect(op("smove(\"m\", from: \"s1\", to: \"s2\")") == "SMOVE s1,s2 | m | ")
        #expect(op("zrank(of: \"m\", in: \"z\")") == "ZRANK z | m | ")
        #expect(op("publish(\"hello\", to: \"ch\")") == "PUBLISH  | ch,hello | ", "a channel, not a key, and not the CH option")
    }

    @Test func optionsComeFromTheirLabelsOnly() {
        #expect(op("set(\"k\", to: \"v\", onCondition: .keyDoesNotExist, expiration: .milliseconds(500))") == "SET k | v | NX,PX")
        #expect(op("expire(\"k\", after: .seconds(30))") == "EXPIRE k | .seconds(30) | ", "a duration is not SET's EX")
        #expect(op("get(\"k\", as: String.self)") == "GET k |  | ")
        #expect(op("zadd([(element: \"m\", score: 1)], to: \"z\", inserting: .onlyNewElements)").hasSuffix("| NX"))
    }

    /// NIO's `EventLoopFuture.wait()`/`.get()` on a call's result is not WAIT or GET (eval3 R1); the
    /// commands sent through the connection still are.
    @Test func futureAccessorsAreNotCommands() {
        let code = """
            import RediStack
            func connect(group: EventLoopGroup) throws -> RedisConnection {
                let c = try RedisConnection.make(configuration: .init(hostname: "h"), boundEventLoop: group.next()).wait()
                _ = try RedisConnection.make(configuration: .init(hostname: "h"), boundEventLoop: group.next()).get()
                _ = try c.get("k").wait()
                _ = try c.ping().wait()
                return c
            }
            """
        let ops = FrontEnd.analyze(SourceFile(path: "x.swift", language: .swift, bytes: Array(code.utf8))).traces.flatMap(\.ops)
        #expect(ops.map { "\($0.command) \($0.keys.map(\.display).joined(separator: ","))" } == ["GET k", "PING "])
    }
}

extension RediStackLabelTests {
    /// `increment(_:by:)` with a floating-point amount is RediStack's INCRBYFLOAT overload.
    @Test func floatingPointIncrementIsIncrByFloat() {
        #expect(op("increment(\"a\", by: Float(-10.1))").hasPrefix("INCRBYFLOAT a |"))
        #expect(op("increment(\"a\", by: 2.5)").hasPrefix("INCRBYFLOAT a |"))
        #expect(op("increment(\"a\", by: 3)").hasPrefix("INCRBY a |"))
        #expect(op("increment(\"a\")").hasPrefix("INCR a |"))
        #expect(op("decrement(\"a\", by: 2)").hasPrefix("DECRBY a |"))
    }
}

extension RediStackLabelTests {
    /// `msetnx(["first": 10, "second": 20])`: a dictionary literal's keys are the keys.
    @Test func dictionaryLiteralKeysAreKeys() {
        #expect(op("msetnx([\"first\": 10, \"second\": 20])").hasPrefix("MSETNX first,second |"))
        #expect(op("mset([\"a\": cond ? 1 : 2])").hasPrefix("MSET a |"))
    }
}
