/// Finds script-object definitions and keeps their source argument as written (`FileModel.scriptDefinitions`).
/// `ScriptExtractor` parses the literal ones as Lua; this pass also keeps the ones built at run time.
enum ScriptDefinitions {
    /// `indexes`: those of the calls whose method defines a script (`ScriptExtractor.isDefinition`), in call order.
    static func find(_ calls: FileCalls, at indexes: [Int], view: TokenView, values: ValueReader) -> [ScriptDefinition] {
        var out: [ScriptDefinition] = []
        for index in indexes {
            let call = calls.sites[index]
            let arguments = calls.arguments(of: call)
            let method = calls.names.method(call)
            let nameSpan = view.span(call.nameToken, call.nameToken)
            switch method {
            case "register_script", "createScript":
                guard let first = arguments.first(where: { !$0.hasLabel }) else { continue }
                out.append(ScriptDefinition(method: method, source: values.argument(values.trimmed(first.tokens)), nameSpan: nameSpan))
            default:
                // `defineCommand("name", { numberOfKeys: 1, lua: src })`, `defineScript({ SCRIPT: src })`.
                for argument in arguments {
                    for (name, value) in view.objectLiteralProperties(at: values.trimmed(argument.tokens).lowerBound) ?? []
                    where name == "lua" || name == "SCRIPT" {
                        out.append(ScriptDefinition(method: method, source: values.argument(values.trimmed(value)), nameSpan: nameSpan))
                    }
                }
            }
        }
        return out
    }
}
