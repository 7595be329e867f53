/// One target's assignments in source order (its part of the table's list).
typealias AssignmentList = ListPart<Assignment>

extension ListPart where Element == Assignment {
    /// No assignments.
    static var empty: AssignmentList { AssignmentList(list: [], start: 0, count: 0) }
}

/// The file's assignments by target, each target's in source order (the last one before a token is a
/// binary search away), worked out on first use.
///
/// One list for the file, one target's assignments after another, and per target where its part starts:
/// a dictionary of arrays made and grew an array per target, and most traced files never ask (they send
/// no command on a named receiver), so the table is made only when asked.
///
/// A class, so that the tracer and its script extractor share one table. It is filled on the thread that
/// first asks; a table handed to other threads must be filled first (`fill()`), after which it is only read
/// (so its fields skip the run-time exclusivity check each access paid).
final class AssignmentTable: @unchecked Sendable {
    private let assignments: [Assignment]
    /// One target's assignments after another (`nil`: not made yet).
    @exclusivity(unchecked) private var grouped: [Assignment]? = nil
    /// Per target: the index (in the file's list) of its last assignment, which stands for the target below;
    /// by the target's bytes when every target is ASCII (`byBytes`), else by the target as a string.
    @exclusivity(unchecked) private var byBytes: TargetHashIndex? = nil
    @exclusivity(unchecked) private var lastOfTarget: [String: Int32] = [:]
    /// By a target's last assignment: where the target's group starts in `grouped`, and how long it is.
    @exclusivity(unchecked) private var starts: [Int32] = []
    @exclusivity(unchecked) private var counts: [Int32] = []

    /// Slots a probe of `byBytes` reads at most (past it, the table is by strings: `TargetHashIndex`).
    private let probeLimit: Int

    init(_ assignments: [Assignment], probeLimit: Int = TargetHashIndex.maximumProbes) {
        self.assignments = assignments
        self.probeLimit = probeLimit
    }

    /// The assignments to `target`, in source order (nil: none).
    subscript(target: String) -> AssignmentList? {
        if grouped == nil { fill() }
        guard let last = lastAssignment(of: target) else { return nil }
        return AssignmentList(list: grouped!, start: Int(starts[Int(last)]), count: Int(counts[Int(last)]))
    }

    /// The index of `target`'s last assignment in the file's list (nil: none).
    private func lastAssignment(of target: String) -> Int32? {
        guard let byBytes else { return lastOfTarget[target] }
        let (hash, isASCII) = TargetHashIndex.hash(target)
        if isASCII { return byBytes.last(hash: hash) { assignments[Int($0)].target == target } }
        // A non-ASCII name can still equal an ASCII target (the Kelvin sign equals "K"): compared as strings.
        return assignments.lastIndex { $0.target == target }.map { Int32($0) }
    }

    /// Makes the table now (before it is handed to other threads).
    func fill() {
        guard grouped == nil else { return }
        let count = assignments.count
        // None (many files): an empty list. Made with no capacity, the uninitialised-capacity initialiser below
        // writes the count into the one empty-array storage every thread shares (ThreadSanitizer reports it).
        guard count > 0 else {
            grouped = []
            return
        }
        // Each assignment linked to the one before it to the same target: one hash per assignment (the
        // entry's old value is the link; a look-up and an insert for a new target hashed it twice).
        // By the targets' bytes while they are ASCII; from the start by the targets as strings at the first
        // that is not, or whose probe runs past the limit (colliding names).
        var previous = [Int32](filled: -1, count: count)
        // By a target's last assignment its group's length (set below); -1 marks an assignment with a later
        // one to the same target (a list of flags of its own was one more allocation per file).
        var counts = [Int32](filled: 0, count: count)
        var byBytes: TargetHashIndex? = TargetHashIndex(capacity: count, probeLimit: probeLimit)
        for index in 0..<count {
            let (hash, isASCII) = TargetHashIndex.hash(assignments[index].target)
            guard isASCII else { byBytes = nil; break }
            let (entered, before) = byBytes!.update(hash: hash, to: Int32(index), isTarget: { assignments[Int($0)].target == assignments[index].target })
            guard entered else { byBytes = nil; break }
            if let before {
                previous[index] = before
                counts[Int(before)] = -1
            }
        }
        var lastOfTarget: [String: Int32] = [:]
        if byBytes == nil {
            // A non-ASCII target, or colliding ones: the links made again by the targets as strings.
            previous = [Int32](filled: -1, count: count)
            counts = [Int32](filled: 0, count: count)
            lastOfTarget.reserveCapacity(count)
            for index in 0..<count {
                if let before = lastOfTarget.updateValue(Int32(index), forKey: assignments[index].target) {
                    previous[index] = before
                    counts[Int(before)] = -1
                }
            }
        }
        // Each target's chain laid out as one group, back to front, so that it keeps the file's order.
        var starts = [Int32](filled: 0, count: count)
        var grouped = [Assignment](unsafeUninitializedCapacity: count) { buffer, initialized in
            var next = 0
            for last in 0..<count where counts[last] == 0 {
                var length = 0
                var link = last
                while link >= 0 { length += 1; link = Int(previous[link]) }
                starts[last] = Int32(next)
                counts[last] = Int32(length)
                next += length
                var slot = next - 1
                link = last
                while link >= 0 {
                    (buffer.baseAddress! + slot).initialize(to: assignments[link])
                    slot -= 1
                    link = Int(previous[link])
                }
            }
            initialized = count
        }
        // In source order (mostly already).
        for last in 0..<count where counts[last] > 1 {
            let range = Int(starts[last])..<Int(starts[last] + counts[last])
            if zip(grouped[range], grouped[range].dropFirst()).contains(where: { $0.position > $1.position }) {
                let sorted = Array(grouped[range]).sorted { $0.position < $1.position }
                grouped.replaceSubrange(range, with: sorted)
            }
        }
        self.byBytes = byBytes
        self.lastOfTarget = lastOfTarget
        self.starts = starts
        self.counts = counts
        self.grouped = grouped
    }
}
