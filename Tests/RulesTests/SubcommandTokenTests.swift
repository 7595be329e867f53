import Testing
import RedisLint
@testable import Rules

/// RL507's test for a `LOAD` subcommand passed as the first argument reads ASCII bytes in place; it must
/// answer as the upper-cased text does.
@Suite struct SubcommandTokenTests {
    @Test func loadIsAnsweredAsTheUpperCasedText() {
        var texts = ["LOAD", "load", "Load", "lOaD", "LOA", "LOADS", "", "L\u{0}AD", "\u{0C}OAD", ",OAD", "lo\u{41}d",
                     "LOAD ", " LOAD"]
        // Every byte at every position of a four-byte text, around the letters' case bit.
        for position in 0..<4 {
            for byte in UInt8(0)...UInt8(0x7F) {
                var bytes = Array("LOAD".utf8)
                bytes[position] = byte
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            let bytes = Array(text.utf8)
            #expect(DynamicScriptSource.isSubcommandToken(.literal(bytes)) == DynamicScriptSource.isSubcommandTokenByText(bytes), "\(text.debugDescription)")
        }
        #expect(!DynamicScriptSource.isSubcommandToken(.dynamic("load")))
        // Text that is not ASCII takes the text path itself (comparing it with that path would test nothing):
        // fixed answers, none of them upper-casing to `LOAD`.
        for text in ["ＬＯＡＤ", "ﬂoad", "loAd\u{301}", "ıoad", "loaſ", "LOAD\u{301}"] {
            #expect(!DynamicScriptSource.isSubcommandToken(.literal(Array(text.utf8))), "\(text.debugDescription)")
        }
    }
}
