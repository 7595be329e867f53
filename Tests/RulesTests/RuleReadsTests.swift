import Testing
import RedisLint
@testable import Rules

/// A rule that says which parts of a file model it reads (`RuleDescription.reads`) is not asked about a
/// file that has none of them: it must find nothing in such a file. Checked on every rule example of the
/// rule's languages (all rules' examples, so the files vary), with the parts the rule reads emptied and
/// everything else left as the front end made it.
@Suite struct RuleReadsTests {
    static func emptied(_ file: FileModel, _ parts: FileParts) -> FileModel {
        var file = file
        if parts.contains(.traces) { file.traces = [] }
        if parts.contains(.scripts) { file.scripts = [] }
        if parts.contains(.scriptDefinitions) { file.scriptDefinitions = [] }
        if parts.contains(.clientConstructions) { file.clientConstructions = [] }
        if parts.contains(.databaseSelections) { file.databaseSelections = [] }
        return file
    }

    @Test func aRuleFindsNothingWithoutThePartsItReads() {
        let examples = RuleRegistry.all.flatMap(\.description.examples)
        var checked = 0
        for rule in RuleRegistry.all {
            guard let reads = rule.description.reads else { continue }
            for example in examples where rule.description.languages.contains(example.language) {
                let (code, _) = RuleExampleHarness.strip(example.code)
                let analysed = FrontEnd.analyze(path: "example.\(example.language.exampleExtension)", language: example.language,
                                                bytes: Array(code.utf8))
                let file = Self.emptied(analysed, reads)
                #expect(FileParts(of: file).isDisjoint(with: reads))
                // Cluster mode on: the cluster rules would otherwise return before reading anything.
                for settings in [RuleSettings(), RuleSettings(minimumRedisVersion: RedisVersion(5, 0), cluster: .on)] {
                    let context = RuleContext(file: file, project: ProjectModel(files: [file]), settings: settings)
                    #expect(rule.check(context).isEmpty, "\(rule.description.id) on an example of \(example.language)")
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    /// The parts a file has are the parts not empty.
    @Test func aFileHasThePartsThatAreNotEmpty() {
        let code = "import redis\nr = redis.Redis(password='hunter2', db=2)\ndef f(k):\n    r.set(k, 1)\n    r.eval(\"return 1\", 0)\n"
        let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(code.utf8))
        #expect(FileParts(of: file) == [.traces, .scripts, .clientConstructions, .databaseSelections])
        #expect(FileParts(of: Self.emptied(file, [.traces, .databaseSelections])) == [.scripts, .clientConstructions])
        #expect(FileParts(of: FrontEnd.analyze(path: "b.py", language: .python, bytes: Array("x = 1\n".utf8))) == [])
    }
}
