import RedisLint
import RedisTestSupport
import Testing

/// `MessageText` copies each piece into a buffer of its own: it must read as the pieces joined, however the
/// buffer grows, and a copy of a text must stay a separate value.
@Suite struct MessageTextBufferTests {
    static let pieces = ["", "`", "` (line ", "SET lock:${name}", "é", "键", "\u{1F600}", "e\u{301}",
                         String(repeating: "long piece ", count: 9), String(repeating: "x", count: 16), String(repeating: "y", count: 17)]

    @Test func generatedPiecesReadAsTheirJoinedText() {
        var random = SeededRandom(seed: 91)
        for _ in 0..<400 {
            var message = MessageText(capacity: random.below(40))
            var expected = ""
            for _ in 0..<random.below(30) {
                switch random.below(5) {
                case 0:
                    let byte = UInt8(0x20 + random.below(0x5F))
                    message.add(byte: byte)
                    expected.unicodeScalars.append(Unicode.Scalar(byte))
                case 1:
                    let count = random.below(20)
                    message.add(repeating: 0x2D, count: count)
                    expected += String(repeating: "-", count: count)
                case 2:
                    let number = random.below(2_000_000) - 1_000_000
                    message.add(number)
                    expected += "\(number)"
                default:
                    let piece = random.pick(Self.pieces)
                    message.add(piece)
                    expected += piece
                }
            }
            #expect(message.text == expected)
            #expect(message.bytes == Array(expected.utf8))
        }
    }

    @Test func aCopyIsASeparateValue() {
        var first = MessageText(capacity: 16)
        first.add("shared ")
        var second = first
        second.add("second")
        first.add(byte: 0x31)
        var third = second
        third.add(repeating: 0x21, count: 40)  // past the room: a new buffer
        second.add(7)
        #expect(first.text == "shared 1")
        #expect(second.text == "shared second7")
        #expect(third.text == "shared second" + String(repeating: "!", count: 40))
    }
}
