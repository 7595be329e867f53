/// SARIF 2.1.0 for GitHub code scanning and editors. Regions carry all four of start/end line and
/// column in UTF-16 code units (`columnKind`), URIs are relative to `%SRCROOT%`, and each result has
/// a `partialFingerprints["redislint/v1"]` that survives unrelated edits (GitHub's uploader adds
/// `primaryLocationLineHash` itself).
public struct SARIFReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object([
                ("name", .string(Tool.name)),
                ("version", .string(Tool.version)),
                ("semanticVersion", .string(Tool.version)),
                ("informationUri", .string(Tool.informationURI)),
                ("rules", .array(report.rules.map(rule))),
            ]))])),
            ("automationDetails", .object([("id", .string("redislint/"))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(report.findings.map { result($0, ruleIndex: ruleIndex[$0.ruleID]) })),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(!report.diagnostics.contains { $0.level == .error })),
                ("toolExecutionNotifications", .array(report.diagnostics.map(notification))),
            ])])),
        ])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).rendered()
    }

    private func rule(_ rule: RuleDescription) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.whatItFinds))])),
            ("help", .object([
                ("text", .string(rule.whatItFinds + "\n\n" + rule.useInstead)),
                ("markdown", .string(rule.markdown)),
            ])),
            ("defaultConfiguration", .object([
                ("level", .string(level(rule.severity))),
                ("enabled", .bool(rule.enabledByDefault)),
            ])),
            ("properties", .object([("tags", .array((["redis"] + rule.tags).map(JSONValue.string)))])),
        ])
    }

    private func result(_ finding: Finding, ruleIndex: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.hint.map { finding.message + "\n" + $0 } ?? finding.message))])),
            ("locations", .array([location(finding.path, finding.start, finding.end)])),
        ]
        if !finding.related.isEmpty {
            members.append(("relatedLocations", .array(finding.related.enumerated().map { index, related in
                var located = location(related.path, related.start, related.end)
                if case .object(let fields) = located {
                    located = .object([("id", .int(index + 1))] + fields + [("message", .object([("text", .string(related.message))]))])
                }
                return located
            })))
        }
        members.append(("partialFingerprints", .object([("redislint/v1", .string(finding.fingerprint))])))
        if finding.suppressed {
            // Only with --include-suppressed: code scanning shows these as dismissed, not as alerts.
            members.append(("suppressions", .array([.object([("kind", .string("inSource"))])])))
        }
        if let fix = finding.fix {
            members.append(("fixes", .array([.object([
                ("description", .object([("text", .string(fix.description))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", artifact(finding.path)),
                    ("replacements", .array(fix.replacements.map { replacement in
                        .object([
                            ("deletedRegion", region(replacement.start, replacement.end)),
                            ("insertedContent", .object([("text", .string(replacement.text))])),
                        ])
                    })),
                ])])),
            ])])))
        }
        return .object(members)
    }

    private func notification(_ diagnostic: FileDiagnostic) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", artifact(diagnostic.path))]
        if let position = diagnostic.position {
            physical.append(("region", .object([("startLine", .int(position.line)), ("startColumn", .int(position.column))])))
        }
        return .object([
            ("level", .string(diagnostic.level == .error ? "error" : "warning")),
            ("message", .object([("text", .string(diagnostic.message))])),
            ("locations", .array([.object([("physicalLocation", .object(physical))])])),
        ])
    }

    private func location(_ path: String, _ start: Position, _ end: Position) -> JSONValue {
        .object([("physicalLocation", .object([
            ("artifactLocation", artifact(path)),
            ("region", region(start, end)),
        ]))])
    }

    private func artifact(_ path: String) -> JSONValue {
        if path.hasPrefix("/") {
            return .object([("uri", .string("file://" + SARIFReporter.percentEncode(path)))])
        }
        return .object([("uri", .string(SARIFReporter.percentEncode(path))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    private func region(_ start: Position, _ end: Position) -> JSONValue {
        .object([
            ("startLine", .int(start.line)),
            ("startColumn", .int(start.column)),
            ("endLine", .int(end.line)),
            ("endColumn", .int(end.column)),
        ])
    }

    private func level(_ severity: Severity) -> String { severity.rawValue }

    /// RFC 3986 path encoding: unreserved characters and `/` stay, everything else is `%XX` of its UTF-8 bytes.
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
