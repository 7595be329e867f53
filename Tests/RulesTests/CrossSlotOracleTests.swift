import Testing
import Foundation
import RedisLint
import RedisTestSupport
@testable import Rules

/// The cluster rules' fixtures against a real cluster node (one `redis-server --cluster-enabled yes`
/// owning all 16384 slots): every multi-key command and every transaction whose keys are all
/// literal is sent as the front-end read it; the ones the node rejects with CROSSSLOT are exactly
/// the ones RL601–RL603 report as errors (or, for commands a cluster client splits by slot, as notes).
/// Where a client key prefix may apply, the case is sent with and without each prefix and counts
/// as rejected only when every variant is, which is what the rules claim.
@Suite struct CrossSlotOracleTests {
    static let ruleIDs: Set<String> = ["RL601", "RL602", "RL603"]

    /// A command the test sends, and where its finding would start.
    struct Case {
        var file: String
        /// One command list per key-prefix variant.
        var variants: [[[[UInt8]]]]
        var position: Position
        /// Lines a transaction's finding may start on (its queued commands).
        var lines: ClosedRange<Int>
        var transaction: Bool
        var label: String
    }

    @Test func clusterRejectsExactlyWhatTheRulesReportAsErrors() throws {
        let root = Goldens.repository.appendingPathComponent("fixtures/rules")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix("RL60") }.sorted()
            .flatMap { rule in
                ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(rule).path)) ?? []).sorted()
                    .map { root.appendingPathComponent(rule).appendingPathComponent($0) }
            }
        var cases: [Case] = []
        var findings: [Finding] = []
        for folder in folders {
            let discovery = Discovery(root: folder.path, workingDirectory: folder.path, options: Discovery.Options())
            let files = discovery.discover(["."]).files
            let rules = RuleRegistry.all.filter { Self.ruleIDs.contains($0.description.id) }
            let prefix = folder.deletingLastPathComponent().lastPathComponent + "/" + folder.lastPathComponent + "/"
            findings += Scanner(rules: rules, options: Scanner.Options(jobs: 1)).scan(files).findings.map { finding in
                var scoped = finding
                scoped.path = prefix + finding.path
                return scoped
            }
            let models = files.compactMap { Scanner.model(of: $0) }
            let project = ProjectModel(files: models)
            for model in models {
                let keyPrefixes = ClusterSupport.keyPrefixes(RuleContext(file: model, project: project, settings: RuleSettings()))
                cases += Self.cases(model, path: prefix + model.source.path, keyPrefixes: keyPrefixes)
            }
        }
        #expect(cases.filter { !$0.transaction }.count >= 20, "too few literal multi-key commands in the fixtures")
        #expect(cases.filter(\.transaction).count >= 4, "too few literal transactions in the fixtures")

        let server = try RedisServer(cluster: true)
        defer { server.stop() }
        let client = try server.connect()
        var matched = Set<Int>()
        for item in cases {
            var rejected = true
            var verdict = RESPValue.null
            for commands in item.variants {
                let replies = try client.pipeline(commands)
                verdict = item.transaction ? replies[replies.count - 1] : replies[0]
                if case .error(let message) = verdict, message.hasPrefix("CROSSSLOT") {} else { rejected = false }
                if !item.transaction { _ = try client.command("UNWATCH") }
            }

            let here = findings.indices.filter { index in
                let finding = findings[index]
                guard finding.path == item.file else { return false }
                return item.transaction ? item.lines.contains(finding.start.line) && finding.ruleID == "RL602"
                                        : finding.start == item.position && (finding.ruleID != "RL602" || item.label == "WATCH")
            }
            let errors = here.filter { findings[$0].severity == .error }
            let notes = here.filter { findings[$0].severity == .note && findings[$0].ruleID == "RL601" }
            if rejected {
                #expect(errors.count + notes.count == 1, "\(item.file):\(item.position.line) \(item.label): the cluster rejects it with CROSSSLOT, the rules report \(here.map { findings[$0].message })")
            } else {
                #expect(errors.isEmpty, "\(item.file):\(item.position.line) \(item.label): the cluster accepts it (\(verdict)), the rules report \(errors.map { findings[$0].message })")
            }
            matched.formUnion(here)
        }
        // Every error the rules report in these fixtures is one the cluster was asked about.
        for (index, finding) in findings.enumerated() where finding.severity == .error && !matched.contains(index) {
            Issue.record("\(finding.path):\(finding.start.line): error not checked against the cluster: \(finding.message)")
        }
    }

    /// The literal-key cases of one file: multi-key commands alone, and transactions.
    static func cases(_ model: FileModel, path: String, keyPrefixes: [[UInt8]]) -> [Case] {
        var cases: [Case] = []
        func position(_ offset: Int) -> Position { model.source.lines.position(of: offset, in: model.source.bytes) }
        for trace in model.traces {
            let ops = trace.ops.filter { $0.confidence >= .medium && $0.context != .lua }
            for op in ops where op.keys.count > 1 && op.keys.allSatisfy(\.isFullyLiteral) {
                let variants = ([[]] + keyPrefixes).compactMap { arguments(withPrefix: $0, op) }
                guard variants.count == keyPrefixes.count + 1 else { continue }
                let start = position(op.nameSpan.lowerBound)
                cases.append(Case(file: path, variants: variants.map { [$0] }, position: start, lines: start.line...start.line,
                                  transaction: false, label: op.command))
            }
            for group in TransactionGroups.groups(ops) {
                let members = group.ops.map { ops[$0] }.filter { !$0.keys.isEmpty }
                guard members.count > 1, members.allSatisfy({ $0.keys.allSatisfy(\.isFullyLiteral) }) else { continue }
                let variants = ([[]] + keyPrefixes).map { prefix in members.compactMap { arguments(withPrefix: prefix, $0) } }
                guard variants.allSatisfy({ $0.count == members.count }) else { continue }
                let lines = members.map { position($0.nameSpan.lowerBound).line }
                cases.append(Case(file: path, variants: variants.map { [[Array("MULTI".utf8)]] + $0 + [[Array("EXEC".utf8)]] },
                                  position: position(members[0].nameSpan.lowerBound), lines: lines.min()!...lines.max()!,
                                  transaction: true, label: "MULTI " + members.map(\.command).joined(separator: " ") + " EXEC"))
            }
        }
        // Registered scripts run through their own objects (`register_script`, `defineCommand`):
        // what reaches Redis is EVALSHA with the call's keys; EVAL of a stand-in script checks the same slots.
        for script in model.scripts {
            for call in script.callSites where call.keys.count > 1 && call.keys.allSatisfy(\.isFullyLiteral) {
                let variants = ([[]] + keyPrefixes).map { prefix -> [[UInt8]] in
                    let keys = ClusterSupport.prefixed(call.keys, prefix).compactMap(\.literalBytes)
                    return [Array("EVAL".utf8), Array("return 1".utf8), Array(String(keys.count).utf8)] + keys
                }
                let start = position(call.span.lowerBound)
                cases.append(Case(file: path, variants: variants.map { [$0] }, position: start, lines: start.line...start.line,
                                  transaction: false, label: "script call"))
            }
        }
        return cases
    }

    /// The op's argument list in Redis order: keys and other arguments interleaved the way the
    /// command table says (the first arrangement whose keys Redis would find exactly where the op
    /// has them). Values known only at run time are sent as `1`.
    static func arguments(withPrefix prefix: [UInt8], _ op: RedisOp) -> [[UInt8]]? {
        var op = op
        op.keys = ClusterSupport.prefixed(op.keys, prefix)
        return arguments(op)
    }

    static func arguments(_ op: RedisOp) -> [[UInt8]]? {
        let keys = op.keys.compactMap(\.literalBytes)
        let values: [[UInt8]] = op.arguments.map { argument in
            switch argument {
            case .literal(let bytes): return bytes
            case .number(let text): return Array(text.utf8)
            case .dynamic: return Array("1".utf8)
            }
        }
        let name = [Array(op.command.utf8)] + (op.subcommand.map { [Array($0.utf8)] } ?? [])
        var candidates: [[[UInt8]]] = []
        // Keys first, then values (MGET, DEL, LMOVE src dst LEFT RIGHT, SMOVE src dst member).
        candidates.append(keys + values)
        // Values before the keys (BITOP op dest src…, EVAL script numkeys keys… args…).
        for lead in 1...2 where values.count >= lead {
            candidates.append(Array(values[..<lead]) + keys + Array(values[lead...]))
        }
        // Key, value pairs (MSET k v k v).
        if keys.count == values.count { candidates.append(zip(keys, values).flatMap { [$0, $1] }) }
        // Destination, count, sources (ZUNIONSTORE dest numkeys k…).
        if !values.isEmpty { candidates.append([keys[0], values[0]] + keys.dropFirst() + values.dropFirst()) }
        for candidate in candidates {
            let full = name + candidate
            guard let found = CommandTable.extractKeys(full.map { .known($0) }), !found.isMalformed, !found.dependsOnUnknown
            else { continue }
            if found.keyIndices.map({ full[$0] }) == keys { return full }
        }
        return nil
    }
}
