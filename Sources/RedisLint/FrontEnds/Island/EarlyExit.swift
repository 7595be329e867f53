/// Early exits (`return`, `raise`, `throw`, `continue`, `break`, `next`): the code after
/// `if cond: return` runs only when `cond` is false, so it is guarded by the negated condition.
enum EarlyExit {
    static let words: Set<String> = ["return", "throw", "raise", "continue", "break", "next", "fatalError", "abort", "exit", "halt"]

    /// Does the statement list in `range` end with an exit statement?
    static func endsWithExit(_ view: TokenView, _ range: Range<Int>) -> Bool {
        var index = range.upperBound - 1
        func isBreak(_ i: Int) -> Bool {
            guard let kind = view.kind(i) else { return true }
            return kind == .newline || kind == .indent || kind == .dedent || view.isPunct(i, ";")
        }
        while index >= range.lowerBound, isBreak(index) { index -= 1 }
        guard index >= range.lowerBound else { return false }
        // Back to the first token of the last statement, jumping over bracketed groups.
        var steps = 0
        while index > range.lowerBound, steps < 10_000 {
            steps += 1
            let previous = index - 1
            if isBreak(previous) || view.isPunct(previous, "{") && view.close(of: previous) ?? 0 >= range.upperBound { break }
            if view.kind(previous) == .punct, view.partner[previous] >= 0, Int(view.partner[previous]) < previous {
                let open = Int(view.partner[previous])
                if open < range.lowerBound { break }
                index = open
                continue
            }
            index = previous
        }
        // (Bytewise: a `String` of the statement's first token was built and hashed for every block.)
        return view.isWord(index, in: LoopExit.earlyExitWords)
    }
}
