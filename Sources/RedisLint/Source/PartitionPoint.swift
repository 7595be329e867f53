extension RandomAccessCollection {
    /// The first index whose element satisfies `belongsAfter`, in a collection where every element that does
    /// comes after every element that does not (a binary search: sorted offsets, positions, run starts).
    @inlinable
    public func partitionPoint(where belongsAfter: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try belongsAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
