/// Finds client constructor calls and the literal credentials passed to them (`FileModel.clientConstructions`).
struct ClientConstructions {
    let view: TokenView
    let values: ValueReader

    static let passwordLabels: Set<String> = ["password", "pass", "passwd", "requirepass", "connectionpassword"]

    /// The constructions among `calls`: the client constructors, whose indexes `constructors` holds in call
    /// order (`ClientEvidence.isConstructor`, which the caller has asked already), and Swift's configurations.
    func find(_ fileCalls: FileCalls, constructors: [Int], language: Language) -> [ClientConstruction] {
        let calls = fileCalls.sites
        guard language == .swift else {
            return constructors.map { construction(calls[$0], arguments: fileCalls.arguments(of: calls[$0]), configuration: false, language: language) }
        }
        var found: [ClientConstruction] = []
        var next = 0
        for index in calls.indices {
            while next < constructors.count && constructors[next] < index { next += 1 }
            let isConstructor = next < constructors.count && constructors[next] == index
            // Most calls are not configurations, which the method tells first (each Swift call was copied to ask).
            guard isConstructor || Self.mayBeSwiftConfiguration(method: fileCalls.names.method(calls[index])) else { continue }
            let call = calls[index]
            let arguments = fileCalls.arguments(of: call)
            let configuration = isSwiftConfiguration(call, names: fileCalls.names, arguments: arguments)
            guard configuration || isConstructor else { continue }
            found.append(construction(call, arguments: arguments, configuration: configuration, language: language))
        }
        return found + swiftConfigurationAssignments()
    }

    /// A constructor or configuration call with the literal credentials passed to it.
    private func construction(_ call: CallSite, arguments: CallArguments, configuration: Bool, language: Language) -> ClientConstruction {
        var credentials: [LiteralCredential] = []
        for argument in arguments {
            if let label = argument.label(in: view), Self.passwordLabels.contains(label.lowercased()) {
                if let credential = literal(argument.tokens, kind: .passwordArgument) { credentials.append(credential) }
            } else if view.isPunct(values.trimmed(argument.tokens).lowerBound, "{") {
                credentials += objectPasswords(values.trimmed(argument.tokens))
            } else if let credential = urlPassword(argument.tokens) {
                credentials.append(credential)
            }
        }
        if language == .swift {
            // `.init(connectionPassword: "pw")` nested in `RedisConnectionPool(configuration: …)`: implicit
            // member calls are not in the call list.
            let found = Set(credentials.map(\.span.lowerBound))
            for argument in arguments where !(argument.label(in: view).map { Self.passwordLabels.contains($0.lowercased()) } ?? false) {
                credentials += swiftNestedCredentials(in: values.trimmed(argument.tokens)).filter { !found.contains($0.span.lowerBound) }
            }
        }
        return ClientConstruction(span: view.span(call.firstToken, call.lastToken), literalCredentials: credentials,
                                  isConfiguration: configuration)
    }

    /// Vapor's `app.redis.configuration = try .init(url: "redis://:pw@host")` (or `.init(hostname:password:)`):
    /// an implicit member call, which the call list does not hold.
    private func swiftConfigurationAssignments() -> [ClientConstruction] {
        var out: [ClientConstruction] = []
        var index = 2
        while index < view.count {
            defer { index += 1 }
            guard view.isWord(index, "configuration"), view.isPunct(index - 1, "."), view.isWord(index - 2, "redis"),
                  view.isPunct(index + 1, "=") else { continue }
            var cursor = index + 2
            if view.isWord(cursor, "try") { cursor += 1 }
            if view.isPunct(cursor, "?") || view.isPunct(cursor, "!") { cursor += 1 }
            guard view.isPunct(cursor, "."), view.isWord(cursor + 1, "init"), view.isPunct(cursor + 2, "("),
                  let close = view.close(of: cursor + 2), close > cursor + 2 else { continue }
            out.append(ClientConstruction(span: view.span(cursor, close), literalCredentials: swiftNestedCredentials(in: (cursor + 3)..<close),
                                          isConfiguration: true))
            index = close
        }
        return out
    }

    /// Labelled passwords (`password: "…"`, `connectionPassword: "…"`) and `url: "redis://:pw@…"` literals anywhere
    /// inside a token range, at any depth.
    private func swiftNestedCredentials(in range: Range<Int>) -> [LiteralCredential] {
        var found: [LiteralCredential] = []
        var index = range.lowerBound
        while index < range.upperBound {
            defer { index += 1 }
            guard view.kind(index) == .identifier, view.isPunct(index + 1, ":") else { continue }
            let name = view.text(index).lowercased()
            guard Self.passwordLabels.contains(name) || name == "url" else { continue }
            var end = index + 2
            while end < range.upperBound, !view.isPunct(end, ","), !view.isPunct(end, ")") {
                if let inner = view.close(of: end), inner > end { end = inner + 1 } else { end += 1 }
            }
            let credential = name == "url" ? urlPassword(index + 2..<end) : literal(index + 2..<end, kind: .passwordArgument)
            if let credential { found.append(credential) }
            index = end - 1
        }
        return found
    }

    /// RediStack and Vapor configuration values, which carry the password: `RedisConnection.Configuration(hostname:
    /// password:)`, `RedisConfiguration(url:)`, `RedisConnectionPool.ConnectionFactoryConfiguration(connectionPassword:)`,
    /// and a bare `.init(…)` only with a RediStack label (`connectionPassword:`) or a `redis://` URL literal.
    private func isSwiftConfiguration(_ call: CallSite, names: CallNames, arguments: CallArguments) -> Bool {
        // Most calls end in another method: told without building and hashing the key.
        let method = names.method(call)
        guard Self.mayBeSwiftConfiguration(method: method) else { return false }
        let receiver = names.receiver(call)
        let key = receiver + "." + method
        if Self.swiftConfigurations.contains(key) { return true }
        guard method == "init", receiver.isEmpty || receiver == "." else { return false }
        return arguments.contains { argument in
            if argument.isLabelled("connectionPassword", in: view) { return true }
            guard argument.isLabelled("url", in: view), case .literal(let bytes) = values.argument(values.trimmed(argument.tokens)) else { return false }
            return bytes.starts(with: Array("redis://".utf8)) || bytes.starts(with: Array("rediss://".utf8))
        }
    }

    static let swiftConfigurations: Set<String> = [
        "RedisConnection.Configuration", "RedisConnection.Configuration.init", ".RedisConfiguration", "RedisConfiguration.init",
        "RedisConnectionPool.ConnectionFactoryConfiguration", "RedisConnectionPool.ConnectionFactoryConfiguration.init",
    ]
    /// The last part of every key (a method without a dot must be one of them for `receiver.method` to
    /// be a key), and `init`.
    private static let swiftConfigurationMethods = ByteWords(Set(swiftConfigurations.map { key in
        String(key[key.index(after: key.lastIndex(of: ".")!)...])
    }).union(["init"]))

    /// Can a call of `method` be a Swift configuration? False for most calls, without a string built.
    static func mayBeSwiftConfiguration(method: String) -> Bool {
        ClientEvidence.hasDot(method) || swiftConfigurationMethods.contains(method)
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
