import Testing
@testable import RedisLint

/// `MessageText` gives the text an interpolation of the same pieces gives.
@Suite struct MessageTextTests {
    @Test func piecesReadAsTheirInterpolation() {
        let numbers = [0, 1, 9, 10, 42, 100, 12_345, -1, -10, -907, Int.max, Int.min]
        let texts = ["", "`", "SET lock:${name}", "é", "键", "\u{1F600}", "e\u{301}", " (line "]
        for number in numbers {
            for text in texts {
                var message = MessageText(capacity: 4)
                message.add(text)
                message.add(number)
                message.add(text)
                #expect(message.text == "\(text)\(number)\(text)")
            }
        }
        #expect(MessageText().text == "")
    }
}
