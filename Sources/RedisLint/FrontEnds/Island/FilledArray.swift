extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes, for less: that initialiser asks the
    /// run time for the storage class's metadata at every call (a generic look-up of ~400 instructions, paid
    /// by each of the tracer's per-file tables) and fills four-byte elements one store at a time; copying a
    /// `repeatElement` allocates through code specialised for the element and fills the storage in bulk.
    @inlinable @inline(__always) public init(filled value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
