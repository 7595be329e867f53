import Testing
import RedisLint
@testable import Rules

/// When the cluster rules run (`cluster = auto | on | off`), how transactions are grouped, and
/// which cluster clients split multi-key commands by slot.
@Suite struct ClusterModeTests {
    /// Uses a client it is given: which kind of server it talks to is the project's.
    static let plainRuby = SourceFile(path: "app/names.rb", language: .ruby, bytes: Array("""
        def names(redis)
          redis.mget("user:1:name", "user:2:name")
        end
        """.utf8))
    static let clusterRuby = SourceFile(path: "config/redis.rb", language: .ruby, bytes: Array("""
        CLUSTER = Redis::Cluster.new(nodes: ["redis://10.0.0.1:7000"])
        """.utf8))

    static func findings(_ sources: [SourceFile], _ mode: ClusterMode) -> [Finding] {
        Scanner(rules: RuleRegistry.all, options: Scanner.Options(jobs: 1, settings: RuleSettings(cluster: mode)))
            .scan(sources: sources).findings.filter { $0.ruleID.hasPrefix("RL6") }
    }

    /// Transactions are grouped by command number: a control command missing from the table (-1) would match
    /// every command outside it.
    @Test func transactionControlCommandsAreNumbered() {
        let ids = TransactionGroups.controlIDs
        #expect([ids.watch, ids.multi, ids.exec, ids.discard].allSatisfy { $0 >= 0 })
    }

    @Test func autoRunsOnlyWhenTheProjectConstructsAClusterClient() {
        #expect(Self.findings([Self.plainRuby], .auto).isEmpty)
        // The cluster client is built in another file: the project is a cluster project.
        let withCluster = Self.findings([Self.plainRuby, Self.clusterRuby], .auto)
        #expect(withCluster.map(\.ruleID) == ["RL601"])
        #expect(withCluster.first?.path == "app/names.rb")
        #expect(withCluster.first?.severity == .error)
    }

    @Test func redisRb4ClusterOptionIsAClusterClient() {
        let ruby = SourceFile(path: "a.rb", language: .ruby, bytes: Array("""
            redis = Redis.new(cluster: ["redis://10.0.0.1:7000"])
            names = redis.mget("user:1:name", "user:2:name")
            """.utf8))
        #expect(FrontEnd.analyze(ruby).clusterClients.count == 1)
        #expect(Self.findings([ruby], .auto).map(\.ruleID) == ["RL601"])
        let plain = SourceFile(path: "b.rb", language: .ruby, bytes: Array("redis = Redis.new(url: \"redis://h\")\n".utf8))
        #expect(FrontEnd.analyze(plain).clusterClients.isEmpty)
    }

    @Test func onAndOffOverrideTheEvidence() {
        #expect(Self.findings([Self.plainRuby], .on).map(\.ruleID) == ["RL601"])
        #expect(Self.findings([Self.plainRuby, Self.clusterRuby], .off).isEmpty)
    }

    @Test func projectFlagComesFromClusterConstructors() {
        let plain = FrontEnd.analyze(Self.plainRuby)
        let cluster = FrontEnd.analyze(Self.clusterRuby)
        #expect(!ProjectModel(files: [plain]).constructsClusterClient)
        #expect(ProjectModel(files: [plain, cluster]).constructsClusterClient)
    }

    @Test func explainSaysTheRulesAreOffOutsideClusterMode() {
        for rule in RuleRegistry.all where rule.description.id.hasPrefix("RL6") {
            #expect(rule.description.markdown.contains("Runs only in cluster mode"), "\(rule.description.id)")
        }
    }

    @Test func splittingClientGivesANoteOnlyForTheCommandsItSplits() {
        let python = SourceFile(path: "app.py", language: .python, bytes: Array("""
            from redis.cluster import RedisCluster
            rc = RedisCluster(host="h", port=7000)
            rc.delete("cache:home", "cache:about")
            rc.mget("cache:home", "cache:about")
            """.utf8))
        let found = Self.findings([python], .auto)
        #expect(found.map(\.severity) == [.note, .error])
        #expect(found.first?.message.contains("no longer atomic") == true)
        // ioredis's cluster does not split DEL: CROSSSLOT.
        let typescript = SourceFile(path: "app.ts", language: .javascript, bytes: Array("""
            import Redis from "ioredis";
            const cluster = new Redis.Cluster([{ host: "h", port: 7000 }]);
            await cluster.del("cache:home", "cache:about");
            """.utf8))
        #expect(Self.findings([typescript], .auto).map(\.severity) == [.error])
    }

    /// A file that builds no client goes through the project's clients of its language (worked out once per
    /// project): splitting when they all split alike, not when they mix.
    @Test func filesWithoutAClientUseTheProjectsSplittingClient() {
        let splitting = SourceFile(path: "config.rb", language: .ruby, bytes: Array("""
            CACHE = RedisClient.cluster(nodes: ["redis://h:7000"]).new_client
            """.utf8))
        let plain = SourceFile(path: "other.rb", language: .ruby, bytes: Array("""
            OTHER = Redis::Cluster.new(nodes: ["redis://h:7000"])
            """.utf8))
        func use(_ name: String) -> SourceFile {
            SourceFile(path: "\(name).rb", language: .ruby, bytes: Array("""
                def pages(redis)
                  redis.mget("page:home", "page:about")
                end
                """.utf8))
        }
        let found = Self.findings([splitting, use("a"), use("b")], .auto)
        #expect(found.map(\.severity) == [.note, .note])
        #expect(found.allSatisfy { $0.message.contains("redis-cluster-client") })
        #expect(Self.findings([splitting, plain, use("a")], .auto).map(\.severity) == [.error])
    }

    @Test func mixedClusterClientsDoNotAssumeSplitting() {
        let ruby = SourceFile(path: "a.rb", language: .ruby, bytes: Array("""
            a = RedisClient.cluster(nodes: ["redis://h:7000"]).new_client
            b = Redis::Cluster.new(nodes: ["redis://h:7000"])
            b.mget("user:1:name", "user:2:name")
            """.utf8))
        #expect(Self.findings([ruby], .auto).map(\.severity) == [.error])
    }

    @Test func clientKeyPrefixesArePartOfTheKey() {
        func ts(_ prefix: String) -> SourceFile {
            SourceFile(path: "app.ts", language: .javascript, bytes: Array("""
                import Redis from "ioredis";
                const cluster = new Redis.Cluster([{ host: "h", port: 7000 }], { keyPrefix: "\(prefix)" });
                await cluster.mget("user:1:name", "user:2:name");
                """.utf8))
        }
        // A tagged prefix puts every key of the client in one slot; an untagged one keeps the conflict.
        #expect(Self.findings([ts("{app}:")], .auto).isEmpty)
        let untagged = Self.findings([ts("app:")], .auto)
        #expect(untagged.map(\.severity) == [.error])
        #expect(untagged.first?.message.contains("`app:`") == true)
        // A prefix set in another file of the project applies to files that build no client.
        let config = SourceFile(path: "config.rb", language: .ruby, bytes: Array("""
            CACHE = Redis::Namespace.new("{cache}", redis: Redis::Cluster.new(nodes: ["redis://h:7000"]))
            """.utf8))
        let use = SourceFile(path: "pages.rb", language: .ruby, bytes: Array("""
            def pages
              CACHE.mget("page:home", "page:about")
            end
            """.utf8))
        #expect(Self.findings([config, use], .auto).isEmpty)
        #expect(FrontEnd.analyze(config).keyPrefixes.map { String(decoding: $0.bytes, as: UTF8.self) } == ["{cache}:"])
    }

    @Test func thousandsOfKeysInGeneratedCode() {
        // Generated code: one MGET with 2,000 tagged keys and a last one in another slot, and a
        // transaction of 1,000 commands on one tag followed by one on another tag. The searches
        // are linear in the keys (bounded pairwise checks), so this stays fast.
        var code = "from redis.cluster import RedisCluster\nrc = RedisCluster(host=\"h\")\nrc.mget("
        code += (0..<2000).map { "\"{t}:\($0)\", " }.joined() + "\"other\")\n"
        code += "with rc.pipeline(transaction=True) as pipe:\n"
        code += (0..<1000).map { "    pipe.set(\"{t}:\($0)\", 1)\n" }.joined()
        code += "    pipe.set(\"{u}:x\", 1)\n    pipe.execute()\n"
        let found = Self.findings([SourceFile(path: "gen.py", language: .python, bytes: Array(code.utf8))], .auto)
        #expect(found.map(\.ruleID) == ["RL601", "RL602"])
        #expect(found.map(\.start.line) == [3, 1005])
    }

    // MARK: Transaction groups

    static func op(_ command: String, _ keys: [String], receiver: String, context: ExecutionContext = .transaction) -> RedisOp {
        RedisOp(command: command, keys: keys.map(KeyExpr.literal), method: command.lowercased(), receiver: receiver,
                confidence: .high, span: 0..<1, nameSpan: 0..<1, context: context)
    }

    @Test func consecutiveTransactionOpsOfOneReceiverFormAGroup() {
        let ops = [
            Self.op("WATCH", ["a"], receiver: "redis", context: .plain),
            Self.op("SET", ["a"], receiver: "tx"),
            Self.op("SET", ["b"], receiver: "tx"),
            Self.op("SET", ["c"], receiver: "other"),
            Self.op("GET", ["d"], receiver: "redis", context: .plain),
            Self.op("SET", ["e"], receiver: "tx"),
        ]
        let groups = TransactionGroups.groups(ops)
        #expect(groups.map(\.ops) == [[1, 2], [3], [5]])
        #expect(groups.map(\.watch) == [0, nil, nil])
    }

    @Test func chainsAndExplicitMultiAreOneTransactionEach() {
        let chain = [
            Self.op("SET", ["a"], receiver: "c.multi()"),
            Self.op("INCR", ["b"], receiver: "c.multi().set(\"a\",1)"),
            Self.op("EXEC", [], receiver: "c.multi().set(\"a\",1).incr(\"b\")"),
            Self.op("SET", ["x"], receiver: "c.multi()"),
            Self.op("EXEC", [], receiver: "c.multi().set(\"x\",1)"),
        ]
        #expect(TransactionGroups.groups(chain).map(\.ops) == [[0, 1, 2], [3, 4]])
        let explicit = [
            Self.op("MULTI", [], receiver: "conn", context: .plain),
            Self.op("SET", ["a"], receiver: "conn", context: .plain),
            Self.op("SET", ["b"], receiver: "conn", context: .plain),
            Self.op("EXEC", [], receiver: "conn", context: .plain),
            Self.op("SET", ["c"], receiver: "conn", context: .plain),
        ]
        #expect(TransactionGroups.groups(explicit).map(\.ops) == [[1, 2, 3]])
    }
}
