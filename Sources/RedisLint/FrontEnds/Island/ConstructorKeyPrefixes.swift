/// Finds key prefixes set by client constructors: a `keyPrefix` option with a literal string
/// (ioredis, also inside `redisOptions`), and `Redis::Namespace.new(:ns, …)`, which prefixes `ns:`.
enum ConstructorKeyPrefixes {
    /// `constructors`: the file's client constructor calls (`ClientEvidence.isConstructor`).
    static func find(_ constructors: [CallSite], in calls: FileCalls, view: TokenView, values: ValueReader, language: Language) -> [KeyPrefix] {
        var found: [KeyPrefix] = []
        for call in constructors {
            if language == .ruby, ClientEvidence.constructorKey(call, names: calls.names) == "Redis::Namespace.new",
               let first = calls.arguments(of: call).first, !first.hasLabel, !first.isSplat,
               case .literal(let name) = values.argument(first.tokens), !name.isEmpty {
                found.append(KeyPrefix(bytes: name + [UInt8(ascii: ":")], span: view.span(first.tokens.lowerBound, max(first.tokens.lowerBound, first.tokens.upperBound - 1))))
                continue
            }
            guard language == .javascript else { continue }
            // `keyPrefix: "app:"` anywhere in the argument list (an options object, `redisOptions`).
            let end = min(call.argumentTokens.upperBound, view.count)
            var index = call.argumentTokens.lowerBound
            while index + 2 < end {
                defer { index += 1 }
                let name = view.kind(index) == .string ? String(view.text(index).dropFirst().dropLast()) : view.text(index)
                guard name == "keyPrefix", view.isPunct(index + 1, ":"), view.kind(index + 2) == .string,
                      let bytes = values.keyExpr((index + 2)..<(index + 3)).literalBytes, !bytes.isEmpty else { continue }
                found.append(KeyPrefix(bytes: bytes, span: view.span(index, index + 2)))
            }
        }
        return found
    }
}
