extension Tracer {
    /// The last set of one argument name (`RedisOp.argumentNames`) the pass made, handed out again to an op
    /// whose values read that name alone: most ops that read names read one, and ops in a row often read the
    /// same (`value`, `payload`). Each new set allocated its storage through the run time's unspecialised
    /// code (a generic metadata look-up, about 450 instructions) and hashed the name. (Only the last: a list
    /// of the last few cost real code's files more in misses and in the lists than it saved.)
    ///
    /// Names are compared by their bytes: a set holding another spelling of an equal name (a decomposed
    /// accent) would equal the new one but print differently.
    struct OneNameSets {
        private var name: String? = nil
        private var set: Set<String> = []

        /// `Set(names)` of a list of one name. (A new set is made from the list, as before: a set literal of the
        /// name went through an array literal first.)
        mutating func set(of names: [String]) -> Set<String> {
            if let last = name, OneNameSets.sameBytes(last, names[0]) { return set }
            return make(names)
        }

        /// A new set, kept as the last. (Out of line: inlined into the tracer's pass, it made that larger
        /// for every op.)
        @inline(never) private mutating func make(_ names: [String]) -> Set<String> {
            set = Set(names)
            name = names[0]
            return set
        }

        /// `Set([name])`, for a name not in a list (a condition's one name): the last set when it is of the same bytes.
        mutating func set(ofOne name: String) -> Set<String> {
            if let last = self.name, OneNameSets.sameBytes(last, name) { return set }
            return make(name)
        }

        /// A new set of one name, kept as the last.
        @inline(never) private mutating func make(_ name: String) -> Set<String> {
            var made = Set<String>()
            made.insert(name)
            set = made
            self.name = name
            return made
        }

        /// Are the two strings the same bytes (not merely canonically equal)? Compared in their UTF-8 buffers
        /// (a small string's on the stack): walking the two `utf8` views cost ~400 instructions a compare.
        static func sameBytes(_ left: String, _ right: String) -> Bool {
            guard left.utf8.count == right.utf8.count else { return false }
            var left = left, right = right
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    // (A loop over the bytes: `elementsEqual` walked the buffers through their iterators.)
                    for index in 0..<left.count where left[index] != right[index] { return false }
                    return true
                }
            }
        }
    }
}

extension Tracer {
    /// The last set of several argument names the pass made, handed out again to an op whose values read the
    /// same names in the same order (generated and copied code repeats a call's arguments; `OneNameSets` for
    /// one name). A new set of two names or more cost ~1,700 instructions on nb10; a list compared with the
    /// last is a compare of counts, then of each name's bytes.
    struct NameListSets {
        private var names: [String] = []
        private var set: Set<String> = []

        /// `Set(names)` of a list of two names or more.
        mutating func set(of names: [String]) -> Set<String> {
            if self.names.count == names.count, names.indices.allSatisfy({ OneNameSets.sameBytes(self.names[$0], names[$0]) }) { return set }
            return make(names)
        }

        @inline(never) private mutating func make(_ names: [String]) -> Set<String> {
            set = Set(names)
            self.names = names
            return set
        }
    }
}
