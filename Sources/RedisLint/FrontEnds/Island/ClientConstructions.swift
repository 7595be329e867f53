/// Finds client constructor calls and the literal credentials passed to them (`FileModel.clientConstructions`).
struct ClientConstructions {
    let view: TokenView
    let values: ValueReader

    static let passwordLabels: Set<String> = ["password", "pass", "passwd", "requirepass"]

    func find(_ calls: [CallSite], language: Language, imports: Set<String>) -> [ClientConstruction] {
        calls.filter { ClientEvidence.isConstructor($0, language: language, imports: imports) }.map { call in
            var credentials: [LiteralCredential] = []
            for argument in call.arguments {
                if let label = argument.label, Self.passwordLabels.contains(label.lowercased()) {
                    if let credential = literal(argument.tokens, kind: .passwordArgument) { credentials.append(credential) }
                } else if view.isPunct(values.trimmed(argument.tokens).lowerBound, "{") {
                    credentials += objectPasswords(values.trimmed(argument.tokens))
                } else if let credential = urlPassword(argument.tokens) {
                    credentials.append(credential)
                }
            }
            return ClientConstruction(span: view.span(call.firstToken, call.lastToken), literalCredentials: credentials)
        }
    }

    private func literal(_ tokens: Range<Int>, kind: LiteralCredential.Kind) -> LiteralCredential? {
        let tokens = values.trimmed(tokens)
        guard !tokens.isEmpty, case .literal(let bytes) = values.argument(tokens) else { return nil }
        return LiteralCredential(kind: kind, span: view.span(tokens.lowerBound, tokens.upperBound - 1), isEmpty: bytes.isEmpty)
    }

    /// `redis://user:secret@host` or `redis://:secret@host` as a literal argument.
    private func urlPassword(_ tokens: Range<Int>) -> LiteralCredential? {
        let tokens = values.trimmed(tokens)
        guard !tokens.isEmpty, case .literal(let bytes) = values.argument(tokens) else { return nil }
        guard let scheme = Self.find(Array("://".utf8), in: bytes) else { return nil }
        let rest = bytes[(scheme + 3)...]
        guard let at = rest.firstIndex(of: UInt8(ascii: "@")), let colon = rest[..<at].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let password = rest[(colon + 1)..<at]
        return LiteralCredential(kind: .urlPassword, span: view.span(tokens.lowerBound, tokens.upperBound - 1), isEmpty: password.isEmpty)
    }

    /// `{ password: "secret" }` (one level deep; nested option objects such as `redisOptions` too).
    private func objectPasswords(_ tokens: Range<Int>) -> [LiteralCredential] {
        guard let close = view.close(of: tokens.lowerBound) else { return [] }
        var found: [LiteralCredential] = []
        var index = tokens.lowerBound + 1
        var steps = 0
        while index < close, steps < 10_000 {
            steps += 1
            if view.kind(index) == .identifier || view.kind(index) == .string, view.isPunct(index + 1, ":") {
                let name = (view.kind(index) == .string ? String(decoding: values.decode(view[index]).value, as: UTF8.self) : view.text(index)).lowercased()
                var end = index + 2
                while end < close, !view.isPunct(end, ",") {
                    if let inner = view.close(of: end), inner > end { end = inner + 1 } else { end += 1 }
                }
                if Self.passwordLabels.contains(name), let credential = literal(index + 2..<end, kind: .passwordArgument) {
                    found.append(credential)
                } else if name == "url", let credential = urlPassword(index + 2..<end) {
                    found.append(credential)
                }
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        return nil
    }
}
