extension CommandSpec {
    /// The argument introduced by `token` (`NX`, `EX`, `IFEQ`, `STORE`…), searched through
    /// nested `oneof`s and blocks, case-insensitively; nil when the command has no such token.
    public func argument(token: String) -> ArgumentSpec? {
        findToken(token)?.argument
    }

    /// The Redis version that added the option `token` (`SET … GET` is 6.2.0): the argument's own
    /// `since`, else the nearest enclosing group's (`ZADD`'s `GT` inherits its `oneof`'s),
    /// else nil (as old as the command).
    public func since(token: String) -> String? {
        findToken(token)?.since
    }

    /// Every token the command's syntax accepts, upper-cased (`NX`, `XX`, `GET`, `EX`…).
    public var tokens: Set<String> {
        var found: Set<String> = []
        var queue = arguments
        while let next = queue.popLast() {
            if let token = next.token, !token.isEmpty { found.insert(token.uppercased()) }
            queue.append(contentsOf: next.arguments)
        }
        return found
    }

    private func findToken(_ token: String) -> (argument: ArgumentSpec, since: String?)? {
        let wanted = token.uppercased()
        // Breadth-first, so a top-level token wins over a nested one of the same name.
        var queue: [(ArgumentSpec, String?)] = arguments.map { ($0, $0.since) }
        var index = 0
        while index < queue.count {
            let (argument, since) = queue[index]
            index += 1
            if argument.token?.uppercased() == wanted { return (argument, since) }
            queue += argument.arguments.map { ($0, $0.since ?? since) }
        }
        return nil
    }
}
