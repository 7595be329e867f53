/// The host-file offsets of a script's bytes (`EmbeddedScript.sourceOffsets`), read like an array of
/// `Int32`.
///
/// Kept for every embedded script until phase 2. As an array it took four bytes per script byte, yet a
/// literal's bytes sit at consecutive offsets except where an escape (`\n`, `\"`) or a joined literal
/// breaks the run, so it is stored as runs: where each run starts in the script, and its host offset.
public struct ScriptOffsets: RandomAccessCollection, Sendable {
    /// Pairs, in script order: the script index a run starts at, then the host offset of that byte.
    private let runs: [Int32]
    public let endIndex: Int
    public var startIndex: Int { 0 }

    public init(_ offsets: [Int32]) {
        var runs: [Int32] = []
        for index in offsets.indices where index == 0 || offsets[index] != offsets[index - 1] &+ 1 {
            runs.append(Int32(truncatingIfNeeded: index))
            runs.append(offsets[index])
        }
        self.runs = ValueInterner.exactCopy(runs)
        endIndex = offsets.count
    }

    public subscript(position: Int) -> Int32 {
        precondition(position >= 0 && position < endIndex, "ScriptOffsets index out of range")
        // The last run starting at or before `position`: binary search over the run starts.
        let run = (0..<runs.count / 2).partitionPoint { Int(runs[2 * $0]) > position } - 1
        return runs[2 * run + 1] &+ Int32(truncatingIfNeeded: position - Int(runs[2 * run]))
    }
}
