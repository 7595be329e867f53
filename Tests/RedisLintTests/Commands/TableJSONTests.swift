import Foundation
import Testing
@testable import RedisLint
import RedisTestSupport

/// The command table's own JSON reader against Foundation's, and on what it must refuse.
@Suite struct TableJSONTests {
    /// Plain values in the shape Foundation gives, to compare the two readers.
    func plain(_ value: TableJSON.Value) -> Any {
        switch value {
        case .object(let o): return Dictionary(o.members.map { ($0.key, plain($0.value)) }, uniquingKeysWith: { $1 })
        case .array(let a): return a.map(plain)
        case .string(let s): return s
        case .integer(let i): return i
        case .bool(let b): return b
        case .null: return NSNull()
        }
    }

    @Test func readsWhatFoundationReads() throws {
        let text = #"[{"n":"get","a":2,"f":["readonly","fast"],"k":[{"f":["RO"],"b":{"i":1},"r":[0,1,0]}],"neg":-12,"ok":true,"no":false,"z":null},"# +
            #" "esc \" \\ \/ \n \t \u00e9 \ud83d\ude00 snow\u2603", [], {}]"#
        // Both written back by Foundation with sorted keys: the same text when they read the same values.
        func canonical(_ value: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
        let ours = try canonical(plain(try TableJSON.parse(text)))
        #expect(ours == (try canonical(try JSONSerialization.jsonObject(with: Data(text.utf8)))))
        #expect(ours.contains("\"ok\":true") && ours.contains("\"z\":null") && ours.contains("😀"))
    }

    @Test func theGeneratedTableReadsTheSame() throws {
        let ours = try #require(TableJSON.parse(GeneratedCommandTable.json).array)
        let foundation = try #require(try JSONSerialization.jsonObject(with: Data(GeneratedCommandTable.json.utf8)) as? [[String: Any]])
        #expect(ours.count == foundation.count)
        #expect(ours.compactMap { $0.object?["n"]?.string } == foundation.compactMap { $0["n"] as? String })
    }

    /// Strings are read by one scan up to the closing quote unless an escape comes first: escapes at the
    /// start, middle and end, runs of plain text with multibyte letters and unterminated strings on 3,000
    /// seeded lists read as Foundation reads them (or are refused).
    @Test func seededStringsReadAsFoundationReadsThem() throws {
        var random = SeededRandom(seed: 0x5EED_7AB1)
        let pieces = ["a", "key", " ", "é", "☃", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude00", "|", ":"]
        for _ in 0..<3_000 {
            let strings = (0..<(1 + random.below(4))).map { _ in
                (0..<random.below(6)).map { _ in random.pick(pieces) }.joined()
            }
            let text = "[" + strings.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
            let foundation = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String])
            #expect(try TableJSON.parse(text).strings == foundation, "\(text)")
            let open = String(text.dropLast(2))  // the last string left open
            #expect(throws: TableJSON.Malformed.self) { try TableJSON.parse(open) }
        }
    }

    @Test(arguments: ["", "[", "[1,]", "{\"a\" 1}", "\"open", "[1.5]", "[1e3]", "nul", "[1] x", "\"\\u12\"", "\"bad \\"])
    func refusesMalformedInput(_ text: String) {
        #expect(throws: TableJSON.Malformed.self) { try TableJSON.parse(text) }
    }

    @Test func listsOfOneKindOnly() throws {
        #expect(try TableJSON.parse(#"["a", "b"]"#).strings == ["a", "b"])
        #expect(try TableJSON.parse(#"["a", 1]"#).strings == nil, "a number among strings is not a list of strings")
        #expect(try TableJSON.parse("[1, -2]").integers == [1, -2])
        #expect(try TableJSON.parse(#"[1, "2"]"#).integers == nil)
    }

    /// Objects keep their members in a list: a look-up answers as the dictionary it replaced did.
    @Test func objectLookUpAnswersAsADictionary() throws {
        let object = try #require(TableJSON.parse(#"{"n": "get", "a": 2, "f": ["x"], "n": "set", "e": {}}"#).object)
        #expect(object["n"]?.string == "set", "a repeated key keeps its last value")
        #expect(object["a"]?.integer == 2)
        #expect(object["f"]?.strings == ["x"])
        #expect(object["e"]?.object?.members.isEmpty == true)
        #expect(object["N"] == nil && object["missing"] == nil && object[""] == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        #expect(throws: TableJSON.Malformed.self) { try TableJSON.parse(String(repeating: "[", count: 10_000)) }
    }
}
