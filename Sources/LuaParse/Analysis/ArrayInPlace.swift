extension Array {
    /// Calls `body` with each element in place, in order. The tree walkers use it for statements and
    /// expression lists: a `for` loop (or `forEach`) copied each element out, a retain and a release
    /// per node through the enum's value witnesses.
    @inline(__always)
    func forEachInPlace(_ body: (Element) -> Void) {
        withUnsafeBufferPointer { buffer in
            for index in buffer.indices { body(buffer[index]) }
        }
    }
}
