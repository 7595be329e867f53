/// Finds script-object definitions and keeps their source argument as written (`FileModel.scriptDefinitions`).
/// `ScriptExtractor` parses the literal ones as Lua; this pass also keeps the ones built at run time.
enum ScriptDefinitions {
    static func find(_ calls: [CallSite], view: TokenView, values: ValueReader) -> [ScriptDefinition] {
        var out: [ScriptDefinition] = []
        for call in calls where ScriptExtractor.definitions.contains(call.method) {
            let nameSpan = view.span(call.nameToken, call.nameToken)
            switch call.method {
            case "register_script", "createScript":
                guard let first = call.arguments.first(where: { $0.label == nil }) else { continue }
                out.append(ScriptDefinition(method: call.method, source: values.argument(values.trimmed(first.tokens)), nameSpan: nameSpan))
            default:
                // `defineCommand("name", { numberOfKeys: 1, lua: src })`, `defineScript({ SCRIPT: src })`.
                for argument in call.arguments {
                    let range = values.trimmed(argument.tokens)
                    guard view.isPunct(range.lowerBound, "{"), let close = view.close(of: range.lowerBound) else { continue }
                    var index = range.lowerBound + 1
                    while index < close {
                        if view.kind(index) == .identifier, view.isPunct(index + 1, ":") {
                            let name = view.text(index)
                            var end = index + 2
                            while end < close, !view.isPunct(end, ",") {
                                if let inner = view.close(of: end), inner > end { end = inner + 1 } else { end += 1 }
                            }
                            if name == "lua" || name == "SCRIPT" {
                                out.append(ScriptDefinition(method: call.method, source: values.argument(values.trimmed(index + 2..<end)), nameSpan: nameSpan))
                            }
                            index = end
                            continue
                        }
                        if let inner = view.close(of: index), inner > index { index = inner + 1 } else { index += 1 }
                    }
                }
            }
        }
        return out
    }
}
