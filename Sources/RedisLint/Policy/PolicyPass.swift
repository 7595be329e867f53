/// The pass after the rules (detection is separate from policy): rule selection per file, severity
/// overrides, inline suppressions (and the unused-suppression check), the baseline, and the report
/// scope of `--diff`/`--staged`. Rules never see any of it.
public struct PolicyPass: Sendable {
    public struct Options: Sendable {
        /// Keep suppressed findings, marked `suppressed` (SARIF `suppressions`, JSON `suppressed`).
        public var includeSuppressed = false
        public var baseline: Baseline?
        public var changedLines: ChangedLines?
        /// The unused-suppression rule's description: when it is enabled for a file, directives that
        /// suppress nothing are reported under it.
        public var unusedSuppressionRule: RuleDescription?
        public init() {}
    }

    public struct Outcome: Sendable {
        public var findings: [Finding]
        /// Findings dropped (or, with `includeSuppressed`, kept but marked) by inline suppressions.
        public var suppressed = 0
        public var baselineMatched = 0
        /// Baseline entries of the reported files that no finding matches any more.
        public var staleBaselineEntries = 0
        /// Findings outside the changed lines of `--diff`/`--staged`.
        public var outsideDiff = 0
    }

    public let options: Options
    public let catalog: RuleCatalog

    public init(options: Options, catalog: RuleCatalog) {
        self.options = options
        self.catalog = catalog
    }

    /// `policy(path)` gives each reported file's policy; `directives` its inline suppressions.
    public func apply(_ findings: [Finding], directives: [String: [SuppressionDirective]], reportedPaths: Set<String>?,
                      policy: (String) -> FilePolicy) -> Outcome {
        var policies: [String: FilePolicy] = [:]
        var lastPolicy: (path: String, policy: FilePolicy)?
        func policyFor(_ path: String) -> FilePolicy {
            // Findings come grouped by file: the previous answer is usually the one (no hashing of the path).
            if let lastPolicy, lastPolicy.path == path { return lastPolicy.policy }
            let computed = policies[path] ?? policy(path)
            policies[path] = computed
            lastPolicy = (path, computed)
            return computed
        }

        // Selection and severities, a run of one file's findings at a time (findings come grouped by file):
        // the file's policy is looked up once per run, and each rule's verdict once per file and rule.
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        var runStart = findings.startIndex
        while runStart < findings.endIndex {
            let path = findings[runStart].path
            var runEnd = runStart + 1
            while runEnd < findings.endIndex, findings[runEnd].path == path { runEnd += 1 }
            let filePolicy = policyFor(path)
            // A file's findings come from a few rules: a short list, searched by comparing ids, beats hashing.
            var verdicts: [(ruleID: String, enabled: Bool, severity: Severity?)] = []
            for var finding in findings[runStart..<runEnd] {
                let ruleID = finding.ruleID
                let verdict = verdicts.first { $0.ruleID == ruleID } ?? {
                    let computed = (ruleID, filePolicy.enabled.contains(ruleID), filePolicy.severities[ruleID])
                    verdicts.append(computed)
                    return computed
                }()
                guard verdict.enabled else { continue }
                if let severity = verdict.severity { finding.severity = severity }
                kept.append(finding)
            }
            runStart = runEnd
        }

        // Inline suppressions, remembering which (directive, rule) pairs did something.
        var used = Set<UsedKey>()
        var outcome = Outcome(findings: [])
        var unsuppressed: [Finding] = []
        unsuppressed.reserveCapacity(kept.count)
        var suppressedFindings: [Finding] = []
        var fileDirectives: (path: String, list: [SuppressionDirective])?
        for var finding in kept {
            if fileDirectives?.path != finding.path { fileDirectives = (finding.path, directives[finding.path] ?? []) }
            // Most files have no suppression comment: nothing to match.
            if fileDirectives!.list.isEmpty {
                unsuppressed.append(finding)
                continue
            }
            let matching = fileDirectives!.list.enumerated().filter { _, directive in
                // A line directive covers findings that start on its target line; a file directive, all.
                directive.targetLine.map { $0 == finding.start.line } ?? true
            }
            var isSuppressed = false
            for (index, directive) in matching {
                for (ruleIndex, selector) in directive.rules.enumerated() where catalog.ids(selector)?.contains(finding.ruleID) == true {
                    used.insert(UsedKey(path: finding.path, directive: index, rule: ruleIndex))
                    isSuppressed = true
                }
            }
            if isSuppressed {
                finding.suppressed = true
                suppressedFindings.append(finding)
            } else {
                unsuppressed.append(finding)
            }
        }
        outcome.suppressed = suppressedFindings.count

        // Suppressions that suppress nothing (opt-in rule).
        var unused: [Finding] = []
        if let rule = options.unusedSuppressionRule {
            for (path, list) in directives.sorted(by: { $0.key < $1.key }) {
                let filePolicy = policyFor(path)
                guard filePolicy.enabled.contains(rule.id) else { continue }
                for (index, directive) in list.enumerated() {
                    for (ruleIndex, selector) in directive.rules.enumerated() where !used.contains(UsedKey(path: path, directive: index, rule: ruleIndex)) {
                        let ids = catalog.ids(selector)
                        // A suppression for rules that are off here cannot be judged; leave it alone.
                        if let ids, ids.isDisjoint(with: filePolicy.enabled) { continue }
                        let message = ids == nil
                            ? "suppression names an unknown rule '\(selector)'"
                            : "suppression of '\(selector)' (\(directive.scope.rawValue)) suppresses nothing"
                        let finding = Finding(ruleID: rule.id, ruleName: rule.name, severity: filePolicy.severities[rule.id] ?? rule.severity,
                                              path: path, start: directive.start, end: directive.end, message: message,
                                              hint: "remove it, or fix the rule name", sourceLine: directive.sourceLine, key: selector)
                        unused.append(finding)
                    }
                }
            }
            Fingerprint.assign(&unused)
        }

        // Baseline over the findings that would be reported.
        var reported = unsuppressed + unused
        if let baseline = options.baseline {
            let applied = baseline.apply(to: reported, reportedPaths: reportedPaths)
            reported = applied.new
            outcome.baselineMatched = applied.matched
            outcome.staleBaselineEntries = applied.stale
        }
        if options.includeSuppressed { reported += suppressedFindings }

        // Report scope: only findings on changed lines.
        if let changed = options.changedLines {
            let before = reported.count
            reported = reported.filter { changed.touches($0) }
            outcome.outsideDiff = before - reported.count
        }
        reported.sort(by: Finding.reportOrder)
        outcome.findings = reported
        return outcome
    }

    private struct UsedKey: Hashable {
        var path: String
        var directive: Int
        var rule: Int
    }
}
