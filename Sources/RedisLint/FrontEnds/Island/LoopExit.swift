/// Does the code leave the loop right after a call? A retry loop that returns on success
/// (`while True: try: return client.set(…)`) and a search that breaks after the first match
/// (`ret = conn.zrem(k, e); break ret`) run the call at most once: the loop does not repeat it.
enum LoopExit: Equatable {
    case none
    /// `break`: the innermost loop ends.
    case leavesLoop
    /// `return`, `raise`, `throw`: the function ends (and every loop in it).
    case leavesFunction

    static let functionExits = ByteWords(["return", "raise", "throw"])
    /// Statement words that open a block or a branch: what follows is no longer straight-line code.
    static let blockWords = ByteWords(["if", "unless", "for", "while", "until", "case", "begin", "try", "with", "def",
        "class", "switch", "do", "else", "elif", "elsif", "except", "rescue", "ensure", "when", "end", "catch", "finally",
        "guard", "repeat", "loop", "defer", "async", "match", "module", "func", "function"])
    /// How many statements ahead to look for the exit (straight-line code between the call and it).
    static let statementLimit = 32

    /// The exit that follows the call in its statement block: the call's own statement
    /// (`return f(redis.get(k))`, `break redis.zrem(k, m)`) or a later statement of the same block
    /// reached by straight-line code.
    static func after(_ call: CallSite, in view: TokenView) -> LoopExit {
        let first = statementStart(of: call, in: view)
        if let exit = exitWord(at: first, in: view) {
            // `return true if digest_in_queue?(q, d)` (Ruby modifier): the call runs every time, the exit only sometimes.
            return isConditional(from: first, in: view) ? .none : exit
        }
        var index = statementEnd(after: call.lastToken, in: view)
        for _ in 0..<statementLimit {
            while index < view.count, view.kind(index) == .newline || view.isPunct(index, ";") { index += 1 }
            guard index < view.count, view.kind(index) == .identifier else { return .none }
            if let exit = exitWord(at: index, in: view) {
                // `break if done` (Ruby modifiers): a conditional exit leaves only sometimes.
                return isConditional(from: index, in: view) ? .none : exit
            }
            if view.isWord(index, in: branchWords) {
                // `if stale: r.delete(k)` between the command and the `break`: a branch that cannot skip the exit.
                guard let after = endOfBranch(at: index, in: view) else { return .none }
                index = after
                continue
            }
            if view.isWord(index, in: blockWords) { return .none }
            let end = statementEnd(after: index, in: view)
            if (index..<end).contains(where: { view.isWord($0, "do") }) { return .none }  // a Ruby block opens
            index = end
        }
        return .none
    }

    /// Exception handlers: a `try`'s `except`/`catch`/`rescue` may let the loop go round again.
    static let handlerWords = ByteWords(["except", "catch", "rescue"])

    /// Branches whose body runs or not, then falls through to the next statement.
    static let branchWords = ByteWords(["if", "elif", "else"])
    /// Words that would skip the rest of the iteration from inside a branch.
    static let skipWords = ByteWords(["continue", "next", "redo", "retry"])
    /// `EarlyExit.words`, matched bytewise.
    static let earlyExitWords = ByteWords(EarlyExit.words)

    /// The token after an `if`/`elif`/`else` branch whose body is an indented block (Python) or a
    /// `{…}` group (JavaScript, Swift), when nothing in it continues the loop; nil otherwise
    /// (Ruby's `if … end`, a one-line body, a `continue` inside).
    private static func endOfBranch(at keyword: Int, in view: TokenView) -> Int? {
        var index = keyword + 1
        var steps = 0
        // The header: to the block's `{`, or to the newline before an INDENT.
        while index < view.count, steps < 1_000 {
            steps += 1
            if view.isPunct(index, "{"), let close = view.close(of: index) {
                return (index..<close).contains(where: { view.isWord($0, in: skipWords) }) ? nil : close + 1
            }
            if view.kind(index) == .newline {
                guard view.kind(index + 1) == .indent else { return nil }
                var depth = 0
                var cursor = index + 1
                while cursor < view.count {
                    if view.kind(cursor) == .indent { depth += 1 }
                    if view.kind(cursor) == .dedent { depth -= 1; if depth == 0 { return cursor + 1 } }
                    if view.isWord(cursor, in: skipWords) { return nil }
                    cursor += 1
                }
                return nil
            }
            if let close = view.close(of: index), !view.isPunct(index, "{") { index = close + 1 } else { index += 1 }
        }
        return nil
    }

    /// Does the statement starting at `index` carry an `if`/`unless` modifier?
    private static func isConditional(from index: Int, in view: TokenView) -> Bool {
        (index..<statementEnd(after: index, in: view)).contains { view.isWord($0, "if") || view.isWord($0, "unless") }
    }

    /// Does the statement after the call's leave its block (`return`, `continue`, `break`, `raise`…)?
    static func isFollowedByExit(_ call: CallSite, in view: TokenView) -> Bool {
        var index = statementEnd(after: call.lastToken, in: view)
        while index < view.count, view.kind(index) == .newline || view.isPunct(index, ";") { index += 1 }
        return view.isWord(index, in: earlyExitWords)
    }

    private static func exitWord(at index: Int, in view: TokenView) -> LoopExit? {
        guard view.kind(index) == .identifier else { return nil }
        if view.isWord(index, "break") { return .leavesLoop }
        return view.isWord(index, in: functionExits) ? .leavesFunction : nil
    }

    private static func isBoundary(_ index: Int, in view: TokenView) -> Bool {
        guard let kind = view.kind(index) else { return true }
        return kind == .newline || kind == .indent || kind == .dedent || view.isPunct(index, ";")
    }

    /// The first token of the statement holding the call, jumping over bracketed groups. Loops that
    /// begin after it are inside the statement (`return [r.get(k) for k in ks]`) and still repeat the call.
    static func statementStart(of call: CallSite, in view: TokenView) -> Int {
        var index = call.firstToken
        var steps = 0
        while index > 0, steps < 10_000 {
            steps += 1
            let previous = index - 1
            if isBoundary(previous, in: view) { break }
            if view.kind(previous) == .punct, let open = view.open(of: previous) { index = open; continue }
            // A block around the call (`{ return … }`) holds the statement; parentheses are part of it.
            if view.isPunct(previous, "{") { break }
            index = previous
        }
        return index
    }

    /// The token after the statement holding `token` (its newline, `;`, or the block's closer).
    private static func statementEnd(after token: Int, in view: TokenView) -> Int {
        var index = token + 1
        var steps = 0
        while index < view.count, steps < 10_000 {
            steps += 1
            if isBoundary(index, in: view) { return index }
            if let close = view.close(of: index) { index = close + 1; continue }
            if view.open(of: index) != nil { return index }  // the enclosing block's closer
            index += 1
        }
        return index
    }
}
