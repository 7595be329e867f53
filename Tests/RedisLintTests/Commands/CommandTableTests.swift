import Testing
import RedisTestSupport
@testable import RedisLint

@Suite("Command table")
struct CommandTableTests {
    @Test func lookupIsCaseInsensitiveAndKnowsSubcommands() throws {
        let get = try #require(CommandTable.command(named: "GeT"))
        #expect(get.name == "get")
        #expect(get.isReadOnly && !get.isWrite)
        #expect(get.arity == 2)
        let configSet = try #require(CommandTable.command(named: "CONFIG", subcommand: "set"))
        #expect(configSet.name == "config|set")
        #expect(configSet.displayName == "CONFIG SET")
        #expect(configSet.aclCategories.contains("@dangerous"))
        #expect(CommandTable.command(named: "config set")?.name == "config|set")
        #expect(CommandTable.command(named: "SCRIPT", subcommand: "LOAD")?.flags.contains("noscript") == true)
        #expect(CommandTable.command(named: "XGROUP", subcommand: "CREATE")?.isWrite == true)
        #expect(CommandTable.command(named: "CONFIG", subcommand: "NOPE") == nil)
        #expect(CommandTable.command(named: "KEYS")?.isDangerous == true)
        #expect(CommandTable.command(named: "GET")?.isDangerous == false)
        #expect(CommandTable.command(named: "MULTI")?.isAllowedInScripts == false)
        #expect(CommandTable.command(named: "INCR")?.isAllowedInScripts == true)
        #expect(CommandTable.command(named: "SMEMBERS")?.isSlow == true)
        #expect(CommandTable.hasSubcommands("config"))
        #expect(CommandTable.command(for: [.text("CLIENT"), .unknown])?.name == "client")
        #expect(CommandTable.command(for: [.text("client"), .text("NO-TOUCH"), .text("ON")])?.overlayVersion == "7.2.0")
    }

    @Test func bytewiseLoweringAgreesWithTheStandardLibrary() {
        for name in ["get", "GET", "hSet", "CONFIG|SET", "client kill", "", "x-Y_z9", "ÉVAL", "get\u{301}", "İ", "ZRANGE@"] {
            #expect(CommandTable.lowercased(name) == name.lowercased(), "\(name)")
        }
        #expect(CommandTable.command(named: "HGETALL")?.name == "hgetall")
        #expect(CommandTable.command(named: "Config", subcommand: "GET")?.name == "config|get")
    }

    @Test func deprecationsIncludeOverlayFacts() throws {
        let setnx = try #require(CommandTable.command(named: "setnx"))
        #expect(setnx.deprecation == .init(since: "2.6.12", replacedBy: "`SET` with the `NX` argument"))
        #expect(setnx.overlayPatches.first?.version == "7.2.0")
        #expect(CommandTable.command(named: "SETEX")?.deprecatedSince == "2.6.12")
        #expect(CommandTable.command(named: "PSETEX")?.replacedBy?.contains("PX") == true)
        #expect(CommandTable.command(named: "QUIT")?.deprecatedSince == "7.2.0")
        // Straight from the server's own docs.
        let getset = try #require(CommandTable.command(named: "GETSET"))
        #expect(getset.deprecatedSince == "6.2.0")
        #expect(CommandTable.command(named: "GET")?.isDeprecated == false)
    }

    @Test func newerCommandsComeFromTheOverlayWithTheirVersion() throws {
        let expectations = ["hexpire": "7.4.0", "hpexpire": "7.4.0", "httl": "7.4.0", "hgetdel": "8.0.0",
                            "hgetex": "8.0.0", "hsetex": "8.0.0", "waitaof": "7.2.0", "delex": "8.4.0"]
        for (name, version) in expectations {
            let spec = try #require(CommandTable.command(named: name), "\(name)")
            #expect(spec.overlayVersion == version, "\(name)")
            #expect(spec.isNewerThanTableServer)
        }
        #expect(CommandTable.command(named: "GET")?.isNewerThanTableServer == false)
        let set = try #require(CommandTable.command(named: "SET"))
        let condition = try #require(set.arguments.first { $0.name == "condition" })
        #expect(condition.arguments.first { $0.token == "IFEQ" }?.since == "8.4.0")
        #expect(set.overlayPatches.map(\.version) == ["8.4.0"])
    }

    @Test func keySpecsAreDecoded() throws {
        let xread = try #require(CommandTable.command(named: "XREAD"))
        #expect(xread.keySpecs == [KeySpec(flags: [.readOnly, .access],
                                           beginSearch: .keyword("STREAMS", startFrom: 1),
                                           findKeys: .range(lastKey: -1, step: 1, limit: 2))])
        let eval = try #require(CommandTable.command(named: "EVAL"))
        #expect(eval.keySpecs.first?.findKeys == .keyNum(keyNumIndex: 0, firstKey: 1, step: 1))
        #expect(eval.hasMovableKeys)
    }

    /// The committed table still says what a live server says: arity, flags and key specs of every
    /// command the server reports (the generator is not run; facts are compared).
    @Test("The generated table matches COMMAND INFO of a live server")
    func matchesLiveCommandInfo() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let info = try #require(try client.command("INFO", "server").string)
        #expect(info.contains("redis_version:\(CommandTable.serverVersion)\r\n"),
                "the table comes from redis-server \(CommandTable.serverVersion); this machine has another version")
        let reply = try client.command("COMMAND", "INFO")
        var live: [String: RESPValue] = [:]
        func collect(_ entry: RESPValue) {
            guard let fields = entry.elements, fields.count >= 10, let name = fields[0].string else { return }
            live[name] = entry
            for sub in fields[9].elements ?? [] { collect(sub) }
        }
        for entry in reply.elements ?? [] { collect(entry) }
        #expect(live.count > 300)

        var differences: [String] = []
        for (name, entry) in live {
            guard let spec = CommandTable.command(named: name), spec.name == name else {
                differences.append("\(name): missing from the table")
                continue
            }
            let fields = entry.elements!
            if fields[1].int != spec.arity { differences.append("\(name): arity \(fields[1]) vs \(spec.arity)") }
            let flags = Set((fields[2].elements ?? []).compactMap(\.string))
            if flags != spec.flags { differences.append("\(name): flags \(flags) vs \(spec.flags)") }
            let keySpecs = (fields[8].elements ?? []).map(Self.keySpec)
            if keySpecs != spec.keySpecs { differences.append("\(name): key specs \(keySpecs) vs \(spec.keySpecs)") }
            let categories = (fields[6].elements ?? []).compactMap(\.string)
            if categories != spec.aclCategories { differences.append("\(name): ACL \(categories)") }
        }
        let overlayOnly = CommandTable.all.filter { live[$0.name] == nil }
        #expect(overlayOnly.allSatisfy { $0.overlayVersion != nil }, "\(overlayOnly.map(\.name))")
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    private static func keySpec(_ value: RESPValue) -> KeySpec {
        let flags = (value["flags"]?.elements ?? []).compactMap(\.string)
            .reduce(into: KeySpecFlags()) { $0.formUnion(KeySpecFlags(redisName: $1)) }
        let begin = value["begin_search"]
        let beginSpec = begin?["spec"]
        let beginSearch: KeySpec.BeginSearch
        switch begin?["type"]?.string {
        case "index": beginSearch = .index(beginSpec?["index"]?.int ?? -999)
        case "keyword": beginSearch = .keyword(beginSpec?["keyword"]?.string ?? "?", startFrom: beginSpec?["startfrom"]?.int ?? -999)
        default: beginSearch = .unknown
        }
        let find = value["find_keys"]
        let findSpec = find?["spec"]
        let findKeys: KeySpec.FindKeys
        switch find?["type"]?.string {
        case "range":
            findKeys = .range(lastKey: findSpec?["lastkey"]?.int ?? -999, step: findSpec?["keystep"]?.int ?? -999,
                              limit: findSpec?["limit"]?.int ?? -999)
        case "keynum":
            findKeys = .keyNum(keyNumIndex: findSpec?["keynumidx"]?.int ?? -999, firstKey: findSpec?["firstkey"]?.int ?? -999,
                               step: findSpec?["keystep"]?.int ?? -999)
        default: findKeys = .unknown
        }
        return KeySpec(flags: flags, beginSearch: beginSearch, findKeys: findKeys)
    }
}

@Suite("Command argument syntax")
struct CommandArgumentSyntaxTests {
    @Test func tokensAndTheirVersions() throws {
        let set = try #require(CommandTable.command(named: "set"))
        #expect(set.tokens.isSuperset(of: ["NX", "XX", "GET", "EX", "PX", "EXAT", "PXAT", "KEEPTTL", "IFEQ"]))
        #expect(set.argument(token: "get")?.since == "6.2.0")
        #expect(set.argument(token: "KEEPTTL")?.kind == .pureToken)
        #expect(set.argument(token: "EX")?.kind == .integer)
        #expect(set.argument(token: "IFEQ")?.since == "8.4.0")
        #expect(set.argument(token: "NOPE") == nil)
        let zadd = try #require(CommandTable.command(named: "ZADD"))
        #expect(zadd.argument(token: "GT")?.since == nil)  // the version sits on its oneof
        #expect(zadd.since(token: "GT") == "6.2.0")
        #expect(set.since(token: "IFEQ") == "8.4.0")
        #expect(set.since(token: "NX") == "2.6.12")
        let hsetex = try #require(CommandTable.command(named: "HSETEX"))
        #expect(hsetex.tokens.isSuperset(of: ["FNX", "FXX", "FIELDS", "KEEPTTL"]))
    }
}
