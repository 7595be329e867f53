@testable import LuaParse
import Testing

/// `LuaParser.fieldKey` shares a field name's bytes with an earlier use of the same name; names that
/// fall in the same cache slot (same length and end bytes) must still each get their own bytes.
@Suite struct FieldKeyTests {
    @Test func keysAreTheSourceBytes() {
        // "bac"/"bbc" share a slot; "call" repeats; "x" is one byte.
        let source = Array("bac bbc bac call x call bbc".utf8)
        var parser = LuaParser(bytes: source)
        var start = 0
        for word in source.split(separator: UInt8(ascii: " ")) {
            let span = start..<(start + word.count)
            #expect(parser.fieldKey(span) == Array(word), "\(String(decoding: word, as: UTF8.self))")
            start = span.upperBound + 1
        }
    }

    @Test func parsedFieldsKeepTheirNames() {
        let text = "local t = {} t.bac = 1 t.bbc = t.bac + t.bbc t.bac = t.bbc"
        var parser = LuaParser(bytes: Array(text.utf8))
        let chunk = parser.parseChunk()
        #expect(parser.errors.isEmpty)
        var keys: [String] = []
        for statement in chunk.block.statements {
            let targets: [LuaExpression]
            switch statement.kind {
            case .assignment(let list, _): targets = list
            case .singleAssignment(let target, _): targets = [target]
            default: continue
            }
            for target in targets {
                if case .index(_, let key, isField: true) = target.kind, let value = key.stringValue {
                    keys.append(String(decoding: value, as: UTF8.self))
                }
            }
        }
        #expect(keys == ["bac", "bbc", "bac"])
    }

    @Test func sameBytesComparesTheSpan() {
        let source = Array("a.value b.valve c.val".utf8)
        #expect(LuaParser.sameBytes(Array("value".utf8), source, from: 2))
        #expect(!LuaParser.sameBytes(Array("value".utf8), source, from: 10))
        #expect(LuaParser.sameBytes(Array("valve".utf8), source, from: 10))
        #expect(!LuaParser.sameBytes(Array("valvf".utf8), source, from: 10))
        #expect(LuaParser.sameBytes(Array("val".utf8), source, from: 18))
        #expect(LuaParser.sameBytes([], source, from: 21))
    }
}
