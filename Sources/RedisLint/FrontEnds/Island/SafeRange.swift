/// `lower..<upper`, or the empty range at `lower` when malformed input puts `upper` first.
/// Island parsers build ranges from positions found by scanning broken code; this never traps.
@inline(__always)
func safeRange(_ lower: Int, _ upper: Int) -> Range<Int> {
    lower..<max(lower, upper)
}
