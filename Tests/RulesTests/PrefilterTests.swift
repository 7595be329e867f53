import Testing
import Foundation
import RedisTestSupport
@testable import RedisLint
@testable import Rules

/// The prefilter skips host files with no Redis evidence. It may only skip what no rule reports.
@Suite struct PrefilterTests {
    static func present(_ text: String, _ teaching: ClientTeaching = ClientTeaching()) -> Bool {
        RedisEvidence.isPresent(in: Array(text.utf8), teaching: teaching)
    }

    @Test func evidenceWordsAnywhereInAnyCase() {
        #expect(Self.present("redis"))
        #expect(Self.present("x = REDIS_URL"))
        #expect(Self.present("import { Cluster } from 'ioredis'"))
        #expect(Self.present("let c: ValkeyClient"))
        #expect(Self.present("local n = 1 return KEYS[1]"))
        #expect(Self.present("return ARGV[1]"))
        #expect(Self.present("# redislint: disable=RL101"))
        #expect(Self.present(String(repeating: "a", count: 10_000) + "Redis"))
        #expect(!Self.present(""))
        #expect(!Self.present("redi"))
        #expect(!Self.present("red is; cache.get(k); client.set(a, b); conn.expire(k, 60)"))
        #expect(!Self.present("keys[1] argv[1]"))  // the script markers are case-sensitive
        #expect(Self.present("s = r.register_script(LUA)") && Self.present("client.defineCommand('x', opts)"))
        #expect(!Self.present("defineComman register_scrip"))
        // `| 0x20` folds only letters onto the word's letters: `2` is not `R`.
        #expect(!Self.present("\u{12}EDIS 2edis"))
    }

    @Test func taughtClientsAndWrappersAreEvidence() {
        let teaching = ClientTeaching(receivers: ["@store", "self.kv"], wrappers: [.init(receiver: "Cache", method: "fetch_key", command: "GET", keyArgument: 1)])
        #expect(Self.present("store.get(k)", teaching))
        #expect(Self.present("self.kv.set(a, b)", teaching))
        #expect(Self.present("Cache.fetch_key(k)", teaching))
        #expect(!Self.present("cache.get(k)", teaching))
    }

    /// Every host fixture with its Redis evidence erased (`Redis` → `Kvdbx`, `KEYS[` → `KEYZ[`, same
    /// lengths), analysed in full: nothing a host rule reports and no op above low confidence — so
    /// skipping such files loses no finding. (Lua rules read scripts; `.lua` files are never skipped.)
    @Test func aFileWithoutEvidenceYieldsNothingARuleReports() throws {
        let sources = try Self.hostFixtures().map { file -> SourceFile in
            SourceFile(path: file.path, language: file.language, bytes: Self.erasingEvidence(file.bytes))
        }
        #expect(sources.count > 50)
        var options = Scanner.Options()
        options.prefilter = false
        let hostRules = RuleRegistry.all.filter { !$0.description.id.hasPrefix("RL7") }
        for source in sources {
            #expect(!RedisEvidence.isPresent(in: source.bytes), "\(source.path) still mentions Redis")
            let model = FrontEnd.analyze(source, prefilter: false)
            for trace in model.traces {
                for op in trace.ops where op.confidence > .low {
                    Issue.record("\(source.path): \(op.command) at \(op.span) is \(op.confidence) without Redis evidence")
                }
            }
            let findings = Scanner(rules: hostRules, options: options).scan(sources: [source]).findings
            #expect(findings.isEmpty, "\(source.path): \(findings.map(\.ruleID))")
        }
    }

    /// The whole fixture tree, as one project: the same findings with and without the prefilter.
    @Test func fixtureTreeFindsTheSameWithAndWithoutThePrefilter() throws {
        let sources = try Self.hostFixtures().map { SourceFile(path: $0.path, language: $0.language, bytes: $0.bytes) }
        var on = Scanner.Options(), off = Scanner.Options()
        off.prefilter = false
        on.prefilter = true
        func key(_ finding: Finding) -> String { "\(finding.path):\(finding.start):\(finding.ruleID):\(finding.message)" }
        let with = Scanner(rules: RuleRegistry.all, options: on).scan(sources: sources).findings.map(key)
        let without = Scanner(rules: RuleRegistry.all, options: off).scan(sources: sources).findings.map(key)
        #expect(!with.isEmpty)
        #expect(with == without)
    }

    static func hostFixtures() throws -> [(path: String, language: Language, bytes: [UInt8])] {
        let root = Goldens.repository.appendingPathComponent("fixtures")
        var files: [(path: String, language: Language, bytes: [UInt8])] = []
        for folder in ["rules", "ir", "apps", "report"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker {
                guard let language = Language.forFileName((relative as NSString).lastPathComponent), language != .lua else { continue }
                let data = try Data(contentsOf: base.appendingPathComponent(relative))
                files.append(("\(folder)/\(relative)", language, Array(data)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func erasingEvidence(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var replacements: [(String, String, Bool)] = [("redis", "kvdbx", true), ("valkey", "kvdbxy", true)]
        for marker in RedisEvidence.markers {  // same length, one letter changed: `KEYS[` → `KEYZ[`
            let text = String(decoding: marker, as: UTF8.self)
            replacements.append((text, String(text.dropLast(2)) + "Z" + String(text.suffix(1)), false))
        }
        for (word, replacement, ignoringCase) in replacements {
            let needle = Array(word.utf8), with = Array(replacement.utf8)
            var index = 0
            while index + needle.count <= out.count {
                let matches = (0..<needle.count).allSatisfy { offset in
                    ignoringCase ? out[index + offset] | 0x20 == needle[offset] : out[index + offset] == needle[offset]
                }
                if matches {
                    for offset in 0..<with.count {
                        let upper = out[index + offset] >= 0x41 && out[index + offset] <= 0x5A
                        out[index + offset] = upper && ignoringCase ? with[offset] & ~0x20 : with[offset]
                    }
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        return out
    }
}
