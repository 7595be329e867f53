import Testing
@testable import RedisLint

@Suite struct TOMLParserTests {
    func parse(_ text: String) throws -> TOMLTable { try TOMLParser.parse(Array(text.utf8)).root }

    @Test func parsesTheSubsetWithLines() throws {
        let root = try parse("""
            # comment
            select = ["RL1", 'keys-command',]  # trailing comment
            cluster = "on"
            count = -12

            [severity]
            "RL101" = "error"
            [clients.wrappers]
            "CacheStore.fetch" = { command = "GET", key = 2 }
            multi = [
              "a", # inside
              "b",
            ]
            """)
        #expect(root["select"]?.value == .array([.string("RL1"), .string("keys-command")]))
        #expect(root["select"]?.line == 2)
        #expect(root["count"]?.value == .integer(-12))
        guard case .table(let severity)? = root["severity"]?.value else { Issue.record("no [severity]"); return }
        #expect(severity["RL101"]?.value == .string("error"))
        #expect(severity["RL101"]?.line == 7)
        guard case .table(let clients)? = root["clients"]?.value, case .table(let wrappers)? = clients["wrappers"]?.value else {
            Issue.record("no [clients.wrappers]"); return
        }
        guard case .table(let fetch)? = wrappers["CacheStore.fetch"]?.value else { Issue.record("no wrapper"); return }
        #expect(fetch["command"]?.value == .string("GET"))
        #expect(fetch["key"]?.value == .integer(2))
        #expect(wrappers["multi"]?.value == .array([.string("a"), .string("b")]))
    }

    @Test(arguments: [
        ("a = ", 1, "expected a value"),
        ("a = \"x", 1, "unterminated string"),
        ("a = [1, 2", 1, "unterminated array"),
        ("a = 1\na = 2", 2, "defined twice"),
        ("[t]\n[t]", 2, "defined twice"),
        ("a.b = 1", 1, "dotted keys"),
        ("[[x]]", 1, "arrays of tables"),
        ("a = 7.0", 1, "whole numbers"),
        ("a = 1 b = 2", 1, "one key = value per line"),
        ("x = 1\n\n= 3", 3, "expected a key"),
        ("a = \"\\q\"", 1, "unsupported escape"),
        ("a = { b = 1\n}", 1, "inline table"),
    ])
    func errorsNameTheLine(_ text: String, _ line: Int, _ fragment: String) {
        do {
            _ = try parse(text)
            Issue.record("no error for \(text)")
        } catch let error as TOMLError {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func deepNestingAndGarbageNeverCrash() {
        let deep = "a = " + String(repeating: "[", count: 10_000)
        #expect(throws: TOMLError.self) { try parse(deep) }
        let header = "[" + Array(repeating: "a", count: 10_000).joined(separator: ".") + "]"
        #expect(throws: TOMLError.self) { try parse(header) }
        let inline = "a = " + String(repeating: "{ b = ", count: 10_000)
        #expect(throws: TOMLError.self) { try parse(inline) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                [UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "="), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "a"),
                 UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "#"), 0xFF, UInt8(ascii: "'"), UInt8(ascii: "1")].randomElement(using: &generator)!
            }
            _ = try? TOMLParser.parse(bytes)
        }
    }
}
