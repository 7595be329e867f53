import LuaParse

/// `redislint dump-ir`: what the front-ends understood, as JSON, so users can see why a call was or
/// was not taken for Redis, and tests can pin extraction.
///
/// `{"files": [{"path", "language", "traces": [{"name", "kind", "line", "ops": [{"command",
/// "subcommand"?, "keys", "arguments", "options", "method", "receiver", "confidence", "context",
/// "loopDepth", "conditions", "assignedTo", "argumentNames", "line", "column"}]}], "scripts": [{"line", "column", "bytes", "template", "syntaxErrors",
/// "calls", "callSites"}], "problems": [...]}]}`; keys are rendered with `${…}` holes.
public enum IRDump {
    public static func render(_ models: [FileModel]) -> String {
        JSONValue.object([("files", .array(models.map(file)))]).rendered()
    }

    static func file(_ model: FileModel) -> JSONValue {
        let source = model.source
        func position(_ offset: Int) -> Position { source.lines.position(of: offset, in: source.bytes) }
        return .object([
            ("path", .string(source.path)),
            ("language", .string(source.language.rawValue)),
            ("traces", .array(model.traces.map { trace in
                .object([
                    ("name", .string(trace.name)),
                    ("kind", .string(trace.kind.rawValue)),
                    ("line", .int(position(trace.span.lowerBound).line)),
                    ("ops", .array(trace.ops.map { op in
                        var members: [(String, JSONValue)] = [("command", .string(op.command))]
                        if let sub = op.subcommand { members.append(("subcommand", .string(sub))) }
                        let start = position(op.nameSpan.lowerBound)
                        members += [
                            ("keys", .array(op.keys.map { .string($0.display) })),
                            ("arguments", .array(op.arguments.map { argument in
                                switch argument {
                                case .literal(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
                                case .number(let text): return .string(text)
                                case .dynamic(let text): return .string("${" + text + "}")
                                }
                            })),
                            ("options", .array(op.options.sorted().map(JSONValue.string))),
                            ("method", .string(op.method)),
                            ("receiver", .string(op.receiver)),
                            ("confidence", .string(String(describing: op.confidence))),
                            ("context", .string(String(describing: op.context))),
                            ("loopDepth", .int(op.loopDepth)),
                            ("conditions", .array(op.conditions.map { index in
                                let condition = trace.conditions[index]
                                return .string((condition.negated ? "not " : "") + condition.text)
                            })),
                            ("assignedTo", op.assignedTo.map(JSONValue.string) ?? .null),
                            ("argumentNames", .array(op.argumentNames.sorted().map(JSONValue.string))),
                            ("line", .int(start.line)),
                            ("column", .int(start.column)),
                        ]
                        return .object(members)
                    })),
                ])
            })),
            ("scripts", .array(model.scripts.map { embedded in
                .object([
                    ("line", .int(position(embedded.span.lowerBound).line)),
                    ("column", .int(position(embedded.span.lowerBound).column)),
                    ("bytes", .int(embedded.span.count)),
                    ("template", .bool(embedded.script.isTemplate)),
                    ("syntaxErrors", .array(embedded.script.syntaxErrors.map { .string("\($0.line): \($0.message)") })),
                    ("calls", .array(embedded.script.redisCalls.map { call in
                        .string((call.isPcall ? "pcall " : "call ") + (call.command ?? "?") + " @" + {
                            let p = position(embedded.hostRange(call.span).lowerBound)
                            return "\(p.line):\(p.column)"
                        }())
                    })),
                    ("callSites", .array(embedded.callSites.map { site in
                        .object([
                            ("line", .int(position(site.span.lowerBound).line)),
                            ("numberOfKeys", site.numberOfKeys.map { .int($0) } ?? .null),
                            ("keys", .array(site.keys.map { .string($0.display) })),
                        ])
                    })),
                ])
            })),
            ("problems", .array(model.notes.map { .string(($0.position.map { "\($0.line):\($0.column): " } ?? "") + $0.message) })),
        ])
    }
}
