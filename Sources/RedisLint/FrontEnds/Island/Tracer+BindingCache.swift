extension Tracer {
    /// The binding cache: `binding(of:at:scope:depth:)`'s answer per `ReceiverUse`, in an open-addressed
    /// table of its own. Each use's four 32-bit numbers are packed in two words, hashed by two multiplies
    /// and compared as two words: a `Dictionary` keyed by the use ran the SipHash hasher over its 16 bytes
    /// at every look-up and insert (~340 and ~400 instructions), and most command calls ask once each.
    /// The same table serves `assignedValueBinding(_:depth:)`'s answers by `AssignedValueUse` (a table holds
    /// one kind of use; `entries` reads a table of receiver uses).
    struct BindingCache {
        /// Per slot, two words: the use's receiver and scope, then its assignments before and depth. A free
        /// slot's first word is `free` (a receiver number is never negative, so no use packs to it).
        private var words: [UInt64] = []
        private var answers: [Binding?] = []
        /// Slots minus one (a power of two minus one); -1 while there are none.
        private var mask = -1
        /// How many uses have an answer.
        private(set) var count = 0

        private static let free = UInt64.max

        init() {}

        /// Room for `capacity` answers in all, without growing on the way.
        mutating func reserveCapacity(_ capacity: Int) {
            let slots = BindingCache.slots(for: capacity)
            if slots > mask + 1 { resize(to: slots) }
        }

        /// The answer remembered for `use`: nil when there is none, `.some(nil)` when the answer was nil.
        func answer(for use: ReceiverUse) -> Binding?? {
            let (first, second) = BindingCache.pack(use)
            return answer(first, second)
        }

        /// Remembers `answer` for `use`, replacing any answer it had.
        mutating func remember(_ answer: Binding?, for use: ReceiverUse) {
            let (first, second) = BindingCache.pack(use)
            remember(answer, first, second)
        }

        /// The answer remembered for an assigned value's use (none for a use whose numbers do not fit 31 bits,
        /// never remembered).
        func answer(for use: AssignedValueUse) -> Binding?? {
            guard let (first, second) = BindingCache.pack(use) else { return nil }
            return answer(first, second)
        }

        mutating func remember(_ answer: Binding?, for use: AssignedValueUse) {
            guard let (first, second) = BindingCache.pack(use) else { return }
            remember(answer, first, second)
        }

        private func answer(_ first: UInt64, _ second: UInt64) -> Binding?? {
            guard mask >= 0 else { return nil }
            var slot = BindingCache.hash(first, second) & mask
            while true {
                let word = words[2 &* slot]
                if word == BindingCache.free { return nil }
                if word == first && words[2 &* slot &+ 1] == second { return .some(answers[slot]) }
                slot = (slot &+ 1) & mask
            }
        }

        private mutating func remember(_ answer: Binding?, _ first: UInt64, _ second: UInt64) {
            if (count + 1) * 4 > (mask + 1) * 3 { resize(to: max(16, (mask + 1) * 2)) }
            var slot = BindingCache.hash(first, second) & mask
            while true {
                let word = words[2 &* slot]
                if word == BindingCache.free {
                    words[2 &* slot] = first
                    words[2 &* slot &+ 1] = second
                    answers[slot] = answer
                    count += 1
                    return
                }
                if word == first && words[2 &* slot &+ 1] == second {
                    answers[slot] = answer
                    return
                }
                slot = (slot &+ 1) & mask
            }
        }

        /// Every use with its answer, in no particular order.
        var entries: [(use: ReceiverUse, answer: Binding?)] {
            var found: [(use: ReceiverUse, answer: Binding?)] = []
            found.reserveCapacity(count)
            for slot in 0..<mask + 1 where words[2 * slot] != BindingCache.free {
                found.append((BindingCache.unpack(words[2 * slot], words[2 * slot + 1]), answers[slot]))
            }
            return found
        }

        /// The fewest slots (a power of two, at least 16) that hold `capacity` answers at most three quarters full.
        private static func slots(for capacity: Int) -> Int {
            var slots = 16
            while slots * 3 < capacity * 4 { slots *= 2 }
            return slots
        }

        private mutating func resize(to slots: Int) {
            let (oldWords, oldAnswers) = (words, answers)
            words = [UInt64](filled: BindingCache.free, count: 2 * slots)
            answers = [Binding?](filled: nil, count: slots)
            mask = slots - 1
            count = 0
            for slot in oldAnswers.indices where oldWords[2 * slot] != BindingCache.free {
                remember(oldAnswers[slot], oldWords[2 * slot], oldWords[2 * slot + 1])
            }
        }

        @inline(__always) private static func pack(_ use: ReceiverUse) -> (UInt64, UInt64) {
            assert(use.receiver >= 0, "a receiver number is an index: no use may pack to the free marker")
            return (UInt64(UInt32(bitPattern: use.receiver)) << 32 | UInt64(UInt32(bitPattern: use.scope)),
                    UInt64(UInt32(bitPattern: use.assignmentsBefore)) << 32 | UInt64(UInt32(bitPattern: use.depth)))
        }

        /// An assigned value's use in two words, nil when a number does not fit 31 bits (token numbers and a
        /// depth always do). (A position's high half is never all ones, so no use packs to `free`.)
        @inline(__always) private static func pack(_ use: AssignedValueUse) -> (UInt64, UInt64)? {
            let limit = Int(Int32.max)
            guard use.position >= 0, use.position <= limit, use.value.lowerBound >= 0, use.value.upperBound <= limit,
                  use.depth >= 0, use.depth <= limit else { return nil }
            return (UInt64(use.position) << 32 | UInt64(use.value.lowerBound), UInt64(use.value.upperBound) << 32 | UInt64(use.depth))
        }

        private static func unpack(_ first: UInt64, _ second: UInt64) -> ReceiverUse {
            ReceiverUse(receiver: Int32(bitPattern: UInt32(truncatingIfNeeded: first >> 32)),
                        scope: Int32(bitPattern: UInt32(truncatingIfNeeded: first)),
                        assignmentsBefore: Int32(bitPattern: UInt32(truncatingIfNeeded: second >> 32)),
                        depth: Int32(bitPattern: UInt32(truncatingIfNeeded: second)))
        }

        /// A slot number from the two words (their high bits mixed down, where the multiplies put them).
        @inline(__always) private static func hash(_ first: UInt64, _ second: UInt64) -> Int {
            let mixed = (first &* 0x9E37_79B9_7F4A_7C15) ^ (second &* 0xC2B2_AE3D_27D4_EB4F)
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 29) ^ (mixed >> 47))
        }
    }
}
