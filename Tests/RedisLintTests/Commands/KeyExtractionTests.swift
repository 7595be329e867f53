import Testing
import RedisTestSupport
@testable import RedisLint

@Suite("Key extraction")
struct KeyExtractionTests {
    private func keys(_ words: [String?]) -> KeyExtraction? {
        CommandTable.extractKeys(words.map { $0.map(CommandArgument.text) ?? .unknown })
    }

    @Test func fixedPositionKeys() {
        #expect(keys(["GET", "a"])?.keyIndices == [1])
        #expect(keys(["get", nil])?.keyIndices == [1])
        #expect(keys(["GET", nil])?.dependsOnUnknown == false)
        #expect(keys(["MSET", "a", "1", "b", "2"])?.keyIndices == [1, 3])
        #expect(keys(["GET"])?.isMalformed == true)
        #expect(keys(["NOSUCHCOMMAND", "a"]) == nil)
        #expect(keys([nil, "a"]) == nil)
    }

    @Test func keySpecFlagsTravelWithKeys() throws {
        let extraction = try #require(keys(["SETNX", "a", "1"]))
        #expect(extraction.keys.first?.flags.contains(.overwrite) == true)
        #expect(extraction.keys.first?.flags.contains(.insert) == true)
    }

    @Test func numkeysCommands() {
        #expect(keys(["EVAL", "return 1", "2", "a", "b", "x"])?.keyIndices == [3, 4])
        #expect(keys(["FCALL", "f", "1", "a", "x"])?.keyIndices == [3])
        #expect(keys(["ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "2"])?.keyIndices == [1, 3, 4])
        #expect(keys(["ZUNION", "2", "a", "b"])?.keyIndices == [2, 3])
        #expect(keys(["SINTERCARD", "2", "a", "b", "LIMIT", "1"])?.keyIndices == [2, 3])
        #expect(keys(["LMPOP", "2", "a", "b", "LEFT"])?.keyIndices == [2, 3])
        #expect(keys(["BLMPOP", "0", "2", "a", "b", "LEFT"])?.keyIndices == [3, 4])
        #expect(keys(["ZMPOP", "1", "a", "MIN"])?.keyIndices == [2])
        #expect(keys(["EVAL", "return 1", "0"])?.keyIndices == [])
    }

    @Test func unknownNumkeysMakesTheAnswerUncertain() throws {
        let eval = try #require(keys(["EVALSHA", "abc", nil, "a", "b"]))
        #expect(eval.dependsOnUnknown)
        #expect(eval.keyIndices.isEmpty)
        let store = try #require(keys(["ZINTERSTORE", "d", nil, "a", "b"]))
        #expect(store.dependsOnUnknown)
        #expect(store.keyIndices == [1])  // the destination is certain
    }

    @Test func keywordBeginSearch() throws {
        #expect(keys(["XREAD", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"])?.keyIndices == [4, 5])
        #expect(keys(["XREADGROUP", "GROUP", "g", "c", "STREAMS", "s1", ">"])?.keyIndices == [5])
        let unknownOption = try #require(keys(["XREAD", nil, "2", "STREAMS", "s1", "0"]))
        #expect(unknownOption.dependsOnUnknown)
        #expect(keys(["GEORADIUS", "g", "0", "0", "1", "km", "STORE", "dst"])?.keyIndices == [1, 7])
        #expect(keys(["GEORADIUS", "g", "0", "0", "1", "km", "STOREDIST", "dst"])?.keyIndices == [1, 7])
        let geo = try #require(keys(["GEORADIUS", "g", "0", "0", "1", "km", nil, "dst"]))
        #expect(geo.keyIndices == [1])
        #expect(geo.dependsOnUnknown)
        #expect(keys(["MIGRATE", "h", "6379", "", "0", "5000", "KEYS", "a", "b"])?.keyIndices == [7, 8])
        #expect(keys(["MIGRATE", "h", "6379", "k", "0", "5000"])?.keyIndices == [3])
    }

    @Test func sortStore() throws {
        #expect(keys(["SORT", "src", "LIMIT", "0", "10", "STORE", "dst"])?.keyIndices == [1, 6])
        #expect(keys(["SORT", "src", "BY", "store", "STORE", "dst"])?.keyIndices == [1, 5])
        #expect(keys(["SORT_RO", "src", "BY", "w_*"])?.keyIndices == [1])
        let unknown = try #require(keys(["SORT", "src", nil, "dst"]))
        #expect(unknown.keyIndices == [1])
        #expect(unknown.dependsOnUnknown)
    }

    @Test func subcommandKeys() {
        #expect(keys(["XGROUP", "CREATE", "stream", "g", "$"])?.keyIndices == [2])
        #expect(keys(["OBJECT", "ENCODING", "k"])?.keyIndices == [2])
        #expect(keys(["CONFIG", "SET", "maxmemory", "1"])?.keyIndices == [])
        #expect(keys(["XGROUP", nil, "stream", "g"])?.dependsOnUnknown == true)
    }

    @Test func overlayCommandsHaveKeys() {
        #expect(keys(["HGETDEL", "h", "FIELDS", "1", "f"])?.keyIndices == [1])
        #expect(keys(["HSETEX", "h", "EX", "10", "FIELDS", "1", "f", "v"])?.keyIndices == [1])
        #expect(keys(["DELEX", "lock", "IFEQ", "token"])?.keyIndices == [1])
    }

    /// Every command the oracle server knows that has keys, with generated argument lists, against
    /// `COMMAND GETKEYS` on one pipelined connection. Each list is then checked again with one
    /// argument made unknown (when the extraction says the unknown does not matter, it must still
    /// give exactly the server's keys) and with a run of arguments collapsed into a spread (every
    /// certain key must be a server key).
    @Test("Key extraction agrees with COMMAND GETKEYS on 5,000+ generated argument lists")
    func agreesWithCommandGetkeys() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let version = try #require(client.command("INFO", "server").string)
            .split(separator: "\r\n").first { $0.hasPrefix("redis_version:") }
            .map { String($0.dropFirst("redis_version:".count)) }
        let serverVersion = try #require(version)

        let specs = CommandTable.all.filter { $0.hasKeys && $0.overlayVersion == nil }
        #expect(specs.count > 100)
        let perCommand = 5_000 / specs.count + 1
        var generator = ArgumentListGenerator(seed: 0x6E7, serverVersion: serverVersion)
        var lists: [(CommandSpec, [CommandArgument])] = []
        for spec in specs {
            for _ in 0..<perCommand { lists.append((spec, generator.arguments(for: spec))) }
        }
        #expect(lists.count >= 5_000)

        let requests = lists.map { _, args in [Array("COMMAND".utf8), Array("GETKEYS".utf8)] + args.map { $0.bytes! } }
        let replies = try client.pipeline(requests)

        var mismatches: [String] = []
        var withKeys = 0
        var commandsWithKeys: Set<String> = []
        var random = SeededRandom(seed: 99)
        var unknownChecks = 0
        var spreadChecks = 0
        for (listNumber, ((spec, args), reply)) in zip(lists, replies).enumerated() {
            let ours = spec.extractKeys(args)
            let serverKeys: [[UInt8]]
            if case .error = reply {
                serverKeys = []
            } else {
                serverKeys = (reply.elements ?? []).compactMap(\.bytes)
            }
            if !serverKeys.isEmpty {
                withKeys += 1
                commandsWithKeys.insert(spec.name)
            }
            let ourKeys = ours.keyIndices.map { args[$0].bytes! }
            if ourKeys != serverKeys || ours.dependsOnUnknown {
                mismatches.append("\(args.compactMap(\.text)): server \(serverKeys.map { String(decoding: $0, as: UTF8.self) }), ours \(ours)")
                continue
            }
            // One argument unknown (never the command or subcommand name).
            let nameCount = spec.containerName == nil ? 1 : 2
            guard args.count > nameCount else { continue }
            var blurred = args
            blurred[Int.random(in: nameCount..<args.count, using: &random)] = .unknown
            let partial = spec.extractKeys(blurred)
            let expected = serverKeys.map { key in args.firstIndex(of: .known(key))! }
            if !partial.keyIndices.allSatisfy(expected.contains) {
                mismatches.append("uncertain key with unknown \(blurred.map { $0.text ?? "?" }): server \(expected), ours \(partial.keyIndices)")
            }
            if !partial.dependsOnUnknown {
                unknownChecks += 1
                if partial.keyIndices != expected {
                    mismatches.append("with unknown \(blurred.map { $0.text ?? "?" }): server \(expected), ours \(partial.keyIndices)")
                }
            }
            // A run of arguments collapsed into one spread: whatever is reported as a certain key
            // must be a key (for the spread: every argument it stands for). Every other list
            // suffices and keeps the test fast under AddressSanitizer.
            guard listNumber % 2 == 0 else { continue }
            let start = Int.random(in: nameCount..<args.count, using: &random)
            let end = Int.random(in: start...args.count, using: &random)
            let collapsed = Array(args[..<start]) + [.spread] + Array(args[end...])
            let spreadResult = spec.extractKeys(collapsed)
            spreadChecks += 1
            for key in spreadResult.keyIndices {
                let covered = key < start ? [key] : key == start ? Array(start..<end) : [key + (end - start) - 1]
                if !covered.allSatisfy(expected.contains) {
                    mismatches.append("with spread \(collapsed.map { $0.text ?? "*" }): server \(expected), ours \(spreadResult.keyIndices)")
                    break
                }
            }
            if !spreadResult.dependsOnUnknown && !spreadResult.isMalformed {
                let claimed = spreadResult.keyIndices.flatMap { key in
                    key < start ? [key] : key == start ? Array(start..<end) : [key + (end - start) - 1]
                }
                if claimed != expected.sorted() {
                    mismatches.append("spread certain but incomplete \(collapsed.map { $0.text ?? "*" }): server \(expected), ours \(spreadResult.keyIndices)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
        #expect(withKeys >= 4_000)
        // Every command with keys was exercised with lists the server found keys in.
        let neverKeyed = specs.map(\.name).filter { !commandsWithKeys.contains($0) }
        #expect(neverKeyed.isEmpty, "no generated list had keys for \(neverKeyed)")
        #expect(unknownChecks >= 3_000)
        #expect(spreadChecks >= 2_500)
    }
}
