import Testing
import Foundation

/// `redislint slot` and `--cluster auto|on|off`.
@Suite struct ClusterCLITests {
    @Test func slotPrintsEachKeysSlot() throws {
        // Values from CLUSTER KEYSLOT of Redis 7.0.
        let result = try CLI.run(["slot", "user:1:name", "{user:1}:email", "user:1", "", "{}{a}", "--", "-x"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = ["12440\tuser:1:name", "10778\t{user:1}:email", "10778\tuser:1", "0\t", "13650\t{}{a}"]
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(5)) == expected)
        #expect(lines.count == 7 && lines[5] == "3877\t-x")
        #expect(try CLI.run(["slot"]).status == 2)
        #expect(try CLI.run(["slot", "--bogus"]).status == 2)
    }

    @Test func clusterModeOption() throws {
        let plain = "import redis\ndef names(redis):\n  return redis.mget(\"user:1:name\", \"user:2:name\")\n"
        let root = try CLI.tree(["app.py": plain])
        defer { try? FileManager.default.removeItem(at: root) }
        // No cluster client in the project: auto leaves the cluster rules off.
        #expect(!(try CLI.run(["app.py"], in: root)).stdout.contains("RL601"))
        let on = try CLI.run(["--cluster", "on", "app.py"], in: root)
        #expect(on.status == 1 && on.stdout.contains("app.py:3:16: error[RL601]"), "\(on.stdout)")
        let clustered = try CLI.tree(["app.py": plain, "cluster.py": "from redis.cluster import RedisCluster\nrc = RedisCluster(host=\"h\")\n"])
        defer { try? FileManager.default.removeItem(at: clustered) }
        #expect(try CLI.run(["."], in: clustered).stdout.contains("error[RL601]"))
        #expect(!(try CLI.run(["--cluster=off", "."], in: clustered)).stdout.contains("RL601"))
        let bad = try CLI.run(["--cluster", "maybe", "."], in: clustered)
        #expect(bad.status == 2 && bad.stderr.contains("auto, on, off"))
    }
}
