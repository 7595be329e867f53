import Foundation
import Glibc
import Testing
import RedisTestSupport

/// The test support itself: the other oracle tests are only as good as the server and client.
@Suite("Private redis-server and RESP client")
struct RedisTestSupportTests {
    @Test func pipelinedRepliesComeBackInOrder() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let replies = try client.pipeline((0..<5_000).map { _ in [Array("INCR".utf8), Array("counter".utf8)] })
        #expect(replies.map(\.int) == (1...5_000).map { Optional($0) })
    }

    @Test func binarySafeBulkStringsAndErrors() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let key: [UInt8] = [0x00, 0x0D, 0x0A, 0xFF, 0x7B, 0x7D]
        let value: [UInt8] = [0x24, 0x0D, 0x0A, 0x2A, 0x00]
        #expect(try client.command([Array("SET".utf8), key, value]) == .simpleString("OK"))
        #expect(try client.command([Array("GET".utf8), key]) == .bulkString(value))
        #expect(try client.command("GET", "missing") == .null)
        #expect(try client.command("NOSUCHCOMMAND").isError)
    }

    @Test func resp3Replies() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let client = try server.connect()
        let hello = try client.command("HELLO", "3")
        #expect(hello["proto"] == .integer(3))
        #expect(try client.command("GET", "missing") == .null)
        _ = try client.command("ZADD", "z", "1.5", "m")
        #expect(try client.command("ZSCORE", "z", "m") == .double(1.5))
        _ = try client.command("SADD", "s", "a")
        #expect(try client.command("SMEMBERS", "s") == .set([.bulkString(Array("a".utf8))]))
        let docs = try client.command("COMMAND", "DOCS", "get")
        #expect(docs["get"]?["since"]?.string == "1.0.0")
    }

    @Test func stopKillsTheServerAndRemovesItsDirectory() throws {
        let server = try RedisServer()
        let pid = server.pid
        let directory = server.directory
        #expect(kill(pid, 0) == 0)
        server.stop()
        #expect(kill(pid, 0) == -1)
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(throws: (any Error).self) { try server.connect(timeoutSeconds: 1) }
    }

    @Test func missingServerFailsWithInstallAdvice() {
        do {
            _ = try RedisServer(searchPath: "/nonexistent-redislint-dir")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("apt-get install redis-server"))
        }
    }

    @Test func clusterModeOwnsAllSlots() throws {
        let server = try RedisServer(cluster: true)
        defer { server.stop() }
        let client = try server.connect()
        let info = try #require(try client.command("CLUSTER", "INFO").string)
        #expect(info.contains("cluster_state:ok"))
        #expect(info.contains("cluster_slots_assigned:16384"))
        // A one-node cluster still rejects cross-slot multi-key commands, which CROSSSLOT tests need.
        let crossSlot = try client.command("MSET", "a", "1", "b", "2")
        #expect(crossSlot.isError)
    }
}
