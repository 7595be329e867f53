extension Tracer {
    /// A file's first few names of one kind (value names asked about, declared types), each entered once,
    /// found by comparing them in turn: a file asks about two or three of them, each many times, and a
    /// `[String: …]` hashed the name with SipHash at every question (~310 instructions), where a table
    /// hashed by bytes cost its allocations per file more than the few questions saved. Bounded: past
    /// `limit` names, a name not held is not entered (the caller asks the slower way).
    struct FewNames {
        static let limit = 16
        private(set) var names: [String] = []

        /// The place of `name`, entering it when new and there is room (`isNew`); nil when neither.
        /// (`String` equality, as a dictionary's: names equal as strings share a place.)
        mutating func place(of name: String) -> (index: Int, isNew: Bool)? {
            for index in names.indices where names[index] == name { return (index, false) }
            guard names.count < Self.limit else { return nil }
            if names.isEmpty { names.reserveCapacity(Self.limit) }
            names.append(name)
            return (names.count - 1, true)
        }
    }
}
