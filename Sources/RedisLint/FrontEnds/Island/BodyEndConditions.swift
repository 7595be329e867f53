/// The island parsers' `else` look-up: the condition of the last `if` whose body ends at a token. Kept
/// as two lists sorted by body end, searched by bisection: a `[Int: Range<Int>]` hashed each `if` with
/// SipHash and grew from empty, ~550 instructions an `if`. The parsers record the `if`s in source order,
/// so a body end is mostly the largest so far; a nested `if`'s moves back past its enclosing ones only.
struct BodyEndConditions {
    /// Body ends, ascending, each once.
    private var ends: [Int] = []
    /// `conditions[k]` is the condition recorded last for `ends[k]`.
    private var conditions: [Range<Int>] = []

    /// Records `condition` for `end` (replacing one recorded before for the same end, as a dictionary would).
    mutating func record(_ condition: Range<Int>, bodyEnd end: Int) {
        var position = ends.count
        while position > 0 && ends[position - 1] > end { position -= 1 }
        if position > 0 && ends[position - 1] == end {
            conditions[position - 1] = condition
        } else if position == ends.count {
            ends.append(end)
            conditions.append(condition)
        } else {
            ends.insert(end, at: position)
            conditions.insert(condition, at: position)
        }
    }

    /// The condition recorded last for a body ending at `end`, nil when none was.
    subscript(_ end: Int) -> Range<Int>? {
        let position = ends.partitionPoint { $0 >= end }
        return position < ends.count && ends[position] == end ? conditions[position] : nil
    }
}
