extension Hasher {
    /// `bytes`' length and then the bytes as one block: an array's own hashing feeds the hasher a byte
    /// at a time, and keys and literals are hashed by the thousand (interning, key-indexed tables).
    public mutating func combine(block bytes: [UInt8]) {
        combine(bytes.count)
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }
}
