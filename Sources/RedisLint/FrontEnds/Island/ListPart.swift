/// One call's or scope's part of a list the whole file shares (its arguments, its parameters), indexed from 0:
/// each call and scope keeps where its part starts and how long it is instead of an array of its own, which was
/// an allocation to make and a destroy to run per call.
struct ListPart<Element>: RandomAccessCollection {
    let list: [Element]
    let start: Int
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "index out of range of a list part")
        return list[start + position]
    }

    /// The part's elements side by side in the shared list (so `append(contentsOf:)` copies them at once).
    func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result? {
        try list.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
    }
}
