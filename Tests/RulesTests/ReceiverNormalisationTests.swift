import Testing
@testable import Rules

/// `BlockingCommandOnSharedClient.normalised` reads the `this.`/`self.` prefix bytewise; it must answer as
/// `hasPrefix` and `dropFirst` by characters did, including a combining mark right after the prefix.
@Suite struct ReceiverNormalisationTests {
    /// The answer as it was, by characters.
    static func byCharacters(_ receiver: String) -> String {
        for prefix in ["this.", "self."] where receiver.hasPrefix(prefix) { return String(receiver.dropFirst(prefix.count)) }
        return receiver
    }

    @Test func answersAsByCharacters() {
        let heads = ["", "this", "this.", "self.", "self", "thi", "This.", "selfie.", "this.self.", "@", "$"]
        let tails = ["", "redis", "client", "\u{301}", "\u{301}x", "é", "e\u{301}", ".", "this.", "(x)", "\u{1F600}", "\r\n"]
        for head in heads {
            for tail in tails {
                let receiver = head + tail
                #expect(BlockingCommandOnSharedClient.normalised(receiver) == Self.byCharacters(receiver), "\(receiver.debugDescription)")
            }
        }
        #expect(BlockingCommandOnSharedClient.normalised("this.redis") == "redis")
        #expect(BlockingCommandOnSharedClient.normalised("self.") == "")
        // `.` and a combining mark are one character: not the prefix.
        #expect(BlockingCommandOnSharedClient.normalised("self.\u{301}x") == "self.\u{301}x")
    }
}
