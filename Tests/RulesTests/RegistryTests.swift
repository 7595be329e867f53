import Testing
import Foundation
import RedisLint
@testable import Rules

@Suite struct RegistryTests {
    let rules = RuleRegistry.all.map(\.description)

    @Test func idsAndNamesAreUniqueAndWellFormed() {
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.map(\.id) == rules.map(\.id).sorted(), "rules are listed in id order")
        #expect(Set(rules.map(\.name)).count == rules.count)
        for rule in rules {
            #expect(rule.id.count == 5 && rule.id.hasPrefix("RL") && Int(rule.id.dropFirst(2)) != nil, "\(rule.id)")
            #expect(rule.name.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(rule.name)")
            #expect(!rule.summary.hasSuffix("."), "\(rule.id): summaries have no trailing period")
        }
    }

    @Test func docsHaveEverySectionAndExamplesForEveryLanguage() {
        for rule in rules {
            #expect(!rule.whatItFinds.isEmpty && !rule.whyItIsAProblem.isEmpty && !rule.useInstead.isEmpty, "\(rule.id)")
            for section in ["## What it finds", "## Why it is a problem", "## Example", "## Use instead"] {
                #expect(rule.markdown.contains(section), "\(rule.id) lacks \(section)")
            }
            for language in rule.languages {
                #expect(rule.examples.contains { $0.language == language && $0.triggers }, "\(rule.id): no triggering \(language) example")
                #expect(rule.examples.contains { $0.language == language && !$0.triggers }, "\(rule.id): no clean \(language) example")
            }
        }
    }

    @Test func everyRuleHasAFixtureFolder() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures/rules").standardized
        let folders = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
        for rule in rules {
            #expect(folders.contains("\(rule.id)-\(rule.name)"), "fixtures/rules/\(rule.id)-\(rule.name) is missing")
        }
    }

    @Test func lookupByIdOrName() {
        #expect(RuleRegistry.rule(named: "rl101")?.description.name == "keys-command")
        #expect(RuleRegistry.rule(named: "keys-command")?.description.id == "RL101")
        #expect(RuleRegistry.rule(named: "RL999") == nil)
    }

    @Test func readmeRuleTableIsCurrent() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        let table = RuleTable.markdown(rules)
        #expect(text.contains("<!-- rules -->\n" + table + "<!-- /rules -->"), "README rule table is stale; regenerate it with `swift run redislint rules --format markdown`")
    }
}
