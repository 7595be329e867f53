import Testing
import RedisTestSupport
@testable import RedisLint

@Suite("Key extraction on malformed arguments")
struct KeyExtractionFuzzTests {
    /// Generated argument lists with one argument replaced by something hostile (bad counts,
    /// keywords in odd places, empty strings) or cut short: COMMAND GETKEYS of a real server and
    /// our extraction must agree, and the extraction must never crash.
    @Test("Mutated argument lists agree with COMMAND GETKEYS")
    func mutatedListsAgreeWithServer() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let specs = CommandTable.all.filter { $0.hasKeys && $0.overlayVersion == nil }
        let hostile = ["0", "-1", "1", "2", "99999999999999999999", "9223372036854775807", "", "2x", " 3", "+1",
                       "01", "STORE", "STOREDIST", "STREAMS", "KEYS", "LIMIT", "BY", "GET", "AUTH", "AUTH2",
                       "BLOCK", "COUNT", "GROUP", "NOACK", "store", "streams"]
        var generator = ArgumentListGenerator(seed: 0xF022, serverVersion: "7.0.15")
        var random = SeededRandom(seed: 0xBAD)
        var lists: [[CommandArgument]] = []
        for spec in specs {
            for _ in 0..<12 {
                var args = generator.arguments(for: spec)
                let nameCount = spec.containerName == nil ? 1 : 2
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where args.count > nameCount + 1:
                    args.removeLast(Int.random(in: 1...(args.count - nameCount - 1), using: &random))
                case 1:
                    args.append(.text(hostile.randomElement(using: &random)!))
                default:
                    if args.count > nameCount {
                        args[Int.random(in: nameCount..<args.count, using: &random)] = .text(hostile.randomElement(using: &random)!)
                    }
                }
                lists.append(args)
            }
        }
        let replies = try client.pipeline(lists.map { [Array("COMMAND".utf8), Array("GETKEYS".utf8)] + $0.map { $0.bytes! } })
        var mismatches: [String] = []
        var serverErrors = 0
        var malformedAgreed = 0
        for (args, reply) in zip(lists, replies) {
            if reply.isError { serverErrors += 1 }
            let ours = try #require(CommandTable.extractKeys(args))
            let serverKeys: [[UInt8]] = reply.isError ? [] : (reply.elements ?? []).compactMap(\.bytes)
            let ourKeys = ours.keyIndices.map { args[$0].bytes! }
            if reply.isError && ours.keys.isEmpty { malformedAgreed += 1 }
            if ourKeys != serverKeys {
                mismatches.append("\(args.map { $0.text! }): server \(reply), ours \(ours.keyIndices)")
            }
        }
        #expect(lists.count > 1_500)
        // The mutations must actually produce malformed lists, not only harmless ones.
        #expect(serverErrors > 100, "only \(serverErrors) lists were rejected by the server")
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(8))")
    }
}
