import Testing
@testable import RedisLint

/// `RuleContext.line(of:)` is the line `positions` gives, without the columns.
@Suite struct RuleContextLineTests {
    @Test func lineIsThePositionsLine() {
        let texts = ["", "a", "\u{FEFF}x = 1\nr.get('é')\r\ny\rz\n", "\n\n\r\n\r", "😀\n\u{3000}\n", "r = 1\n"]
        for text in texts {
            let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(text.utf8), prefilter: false)
            #expect(file.source.bytes.count == text.utf8.count, "the bytes are kept")
            let context = RuleContext(file: file, project: ProjectModel(files: [file]), settings: RuleSettings())
            for offset in -3...(text.utf8.count + 3) {
                #expect(context.line(of: offset) == context.positions(offset..<offset).start.line, "\(text.debugDescription) at \(offset)")
            }
        }
    }
}
