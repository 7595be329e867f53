@testable import RedisLint

/// The ops extracted from `code` (every file analysed, no prefilter), as "COMMAND confidence" in order.
func commandsWithConfidence(_ language: Language, _ code: String) -> [String] {
    FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)), prefilter: false)
        .traces.flatMap(\.ops).map { "\($0.command) \($0.confidence)" }
}
