/// The alternatives of a value that picks one of several: Python `a if cond else b` and `a or b`,
/// JavaScript and Ruby `a || b`, `a ?? b`, `cond ? a : b`. A client passed in or made here
/// (`pipe = pipeline if pipeline else conn.pipeline()`) is whatever its alternatives are.
extension TokenView {
    /// The alternatives at bracket depth 0 (conditions included: they are values too, and a condition
    /// that is not a client adds nothing). One range, the whole value, when nothing separates them.
    func alternatives(_ range: Range<Int>) -> [Range<Int>] {
        var arms: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound, index < count {
            if let close = close(of: index), close < range.upperBound {
                index = close + 1
                continue
            }
            let separates = isWord(index, "if") || isWord(index, "else") || isWord(index, "or")
                || isPunct(index, "||") || isPunct(index, "??") || isPunct(index, "?") || isPunct(index, ":")
            if separates {
                if start < index { arms.append(start..<index) }
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound { arms.append(start..<range.upperBound) }
        return arms
    }
}
