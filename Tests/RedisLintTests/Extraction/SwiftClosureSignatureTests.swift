import Testing
@testable import RedisLint

/// Vapor route closures with a written signature (`{ req -> EventLoopFuture<[String]> in`) are
/// handlers like `{ req in }`; closures with signatures passed to other calls are not (issue 3, item 8).
@Suite struct SwiftClosureSignatureTests {
    func traces(_ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.swift", language: .swift, bytes: Array(code.utf8))).traces
            .map { "\($0.name) \($0.kind): \($0.ops.map(\.command).joined(separator: ","))" }
    }

    @Test func routeClosuresWithSignaturesAreHandlers() {
        let code = "import Vapor\nfunc routes(_ app: Application) throws {\n"
            + "    app.get(\"a\") { req in\n        return req.redis.get(\"k\")\n    }\n"
            + "    app.get(\"b\") { req -> EventLoopFuture<RESPValue> in\n        return req.redis.get(\"k2\")\n    }\n"
            + "    app.post(\"c\") { (req: Request) async throws -> [String] in\n        _ = try await req.redis.incr(\"k3\").get()\n        return []\n    }\n}\n"
        #expect(traces(code) == ["GET \"a\" requestHandler: GET", "GET \"b\" requestHandler: GET", "POST \"c\" requestHandler: INCR"])
    }

    @Test func otherClosuresWithSignaturesStayInTheirFunction() {
        let code = "import Vapor\nfunc other(req: Request) -> EventLoopFuture<[String]> {\n"
            + "    return req.redis.lrange(from: \"l\", indices: 0...10).map { value -> [String] in\n"
            + "        _ = req.redis.llen(of: \"l\")\n        return []\n    }\n}\n"
            + "func names(_ app: Application) {\n    let r = app.redis\n    _ = [\"a\"].map { name -> String in\n        _ = r.get(RedisKey(name))\n        return name\n    }\n}\n"
        #expect(traces(code) == ["other requestHandler: LRANGE,LLEN", "names function: GET"])
    }
}
