/// Which call each closure belongs to: the call it is attached to (`do`, a trailing `{`) or passed
/// to (an argument).
/// Only the few tokens the closures ask about are indexed: tables of every token (a call per argument
/// list start, per last token, the open bracket around each token) cost a fifth of a 5 MB file's
/// tracer set-up in fresh pages.
extension Tracer {
    /// Owner call per scope (nil: none found, or not a closure or function), and the Swift trailing
    /// closures of iteration methods (`.forEach { }`), which have no owner.
    /// `order`: scope indexes sorted by where their bodies start.
    static func closureOwners(view: TokenView, calls: [CallSite], scopes: [Scope], order: [Int],
                              language: Language) -> (owners: [Int?], iterationClosures: Set<Int>) {
        var owners = [Int?](filled: nil, count: scopes.count)
        var iterationClosures = Set<Int>()
        let slots = view.count + 1
        // What each closure without an owner will ask: attached blocks, the calls ending on the few
        // tokens before them; argument closures, the calls whose argument list opens right inside one
        // of the brackets around them (innermost first, at most 64).
        var attached: [(scope: Int, from: Int, braces: Bool)] = []
        // Each passed closure with the argument start its owner call opens (the token after the innermost
        // bracket around it that opens a call's arguments).
        var argumentOwned: [(scope: Int, argumentStart: Int)] = []
        var passed: [Int] = []
        for index in order where scopes[index].kind == .closure || scopes[index].kind == .function {
            let scope = scopes[index]
            if let owner = scope.ownerCall { owners[index] = owner; continue }
            let start = min(scope.body.lowerBound, view.count)
            if scope.attachedToPrecedingCall {
                // From the block's opener: a long signature (`{ req -> EventLoopFuture<[String]> in`)
                // puts the body far from the call.
                let from = scope.opener.map { min($0 + 1, start) } ?? start
                let braces = scope.opener.map { view.isPunct($0, "{") } ?? false
                if braces, language == .swift, let opener = scope.opener, Tracer.isTrailingIteration(view, before: opener - 1) {
                    iterationClosures.insert(index)
                    continue
                }
                attached.append((index, from, braces))
            } else if start < view.count {
                passed.append(index)
            }
        }
        // The open brackets around each passed closure's start, by one sweep in token order (the
        // closures come sorted by start): at a token, the stack of unclosed brackets is its chain.
        // The sweep steps only where a closure's owner may be: a bracket that closes before the next
        // closure's start (or at it: the sweep takes a bracket off the stack at its closer before
        // looking at the start) is around none of the closures still to come, so the sweep jumps to its
        // closer; and where no bracket opening a call's arguments is open, no bracket matters (those
        // outside the innermost such bracket are never asked about), so the sweep forgets them and
        // jumps to the next argument start or closure start, found eight marks at a time. Each step is a
        // few integer compares (the next start and the top bracket's partner at hand, the partners read
        // through a buffer, the stack in memory of its own).
        // Tokens marked (1: a call's last token an attached block asks about, 2: a call's argument start,
        // 4: an argument start a closure's owner opens, 8: its first call found).
        var marks: [UInt8] = []
        if !passed.isEmpty {
            marks = [UInt8](filled: 0, count: slots)
            // (Fields read in place: a copy of each call retained and released its strings and arguments.)
            for index in calls.indices where calls[index].hasArgumentList && calls[index].argumentTokens.lowerBound < slots {
                marks[calls[index].argumentTokens.lowerBound] |= 2
            }
            let starts = passed.map { min(scopes[$0].body.lowerBound, view.count) }
            let end = min(view.count, view.partner.count)
            // (No more brackets can be open than there are tokens.)
            let openStack = UnsafeMutablePointer<Int>.allocate(capacity: max(1, end))
            defer { openStack.deallocate() }
            var depth = 0
            var argumentDepth = 0  // how many of the open brackets open a call's arguments
            var next = 0
            var nextStart = starts[0]
            var topPartner = -1  // the partner of the top of the stack (-1: empty stack)
            view.partner.withUnsafeBufferPointer { partner in
                marks.withUnsafeBufferPointer { marks in
                    var token = 0
                    while token < end {
                        if topPartner == token {
                            depth -= 1
                            if marks[openStack[depth] + 1] & 2 != 0 { argumentDepth -= 1 }
                            topPartner = depth > 0 ? Int(partner[openStack[depth - 1]]) : -1
                        }
                        if nextStart == token {
                            while next < passed.count, starts[next] == token {
                                // The innermost of the (at most 64 innermost) brackets around it that opens a call's
                                // arguments (no bracket around it: no owner to find).
                                var level = depth - 1
                                while level >= max(0, depth - 64) {
                                    let argumentStart = openStack[level] + 1
                                    if argumentStart < slots && marks[argumentStart] & 2 != 0 {
                                        argumentOwned.append((passed[next], argumentStart))
                                        break
                                    }
                                    level -= 1
                                }
                                next += 1
                            }
                            guard next < passed.count else { break }
                            nextStart = starts[next]
                        }
                        if argumentDepth == 0 {
                            depth = 0
                            topPartner = -1
                            // (A start is below the end, so the marks go one past it.)
                            let candidate = Tracer.firstNonzero(marks, from: token + 1, to: nextStart + 1) - 1
                            if candidate > token {
                                token = candidate
                                continue
                            }
                        }
                        let close = Int(partner[token])
                        if close > token {  // an opener (`view.close(of:)`)
                            if close <= nextStart {
                                // Around no closure still to come: on from its closer.
                                token = close
                                continue
                            }
                            openStack[depth] = token
                            depth += 1
                            if marks[token + 1] & 2 != 0 { argumentDepth += 1 }
                            topPartner = close
                        }
                        token += 1
                    }
                }
            }
            for closure in argumentOwned { marks[closure.argumentStart] |= 4 }
        }
        guard !attached.isEmpty || !argumentOwned.isEmpty else { return (owners, iterationClosures) }
        // Mark the tokens attached blocks ask about, then answer all in one pass over the calls, with the
        // rules the tables had (first call wins for an argument start; per last token the outermost and the
        // innermost call).
        if marks.isEmpty { marks = [UInt8](filled: 0, count: slots) }
        for block in attached {
            var token = block.from - 1
            while token >= max(0, block.from - 8) { marks[token] |= 1; token -= 1 }
        }
        // The first call at each owner's argument start, sorted by token after the pass (a binary search
        // away; a dictionary hashed every bracket of every chain).
        var callByArgumentStart: [(token: Int, call: Int)] = []
        // Per token an attached block asks about, the outermost and the innermost call ending on it (of calls
        // as far out, the first), by token: the calls come ordered by where they end (`FileCalls`), so a
        // token's calls come together and the list is appended to in token order, a binary search away (two
        // dictionaries hashed each such call and each token asked). Calls in another order are sorted in below.
        var endings: [Ending] = []
        var endingsInOrder = true
        // (Fields read in place: a copy of each call retained and released its strings and arguments.)
        for index in calls.indices {
            let argumentStart = calls[index].argumentTokens.lowerBound
            if calls[index].hasArgumentList, argumentStart < slots, marks[argumentStart] & 12 == 4 {
                marks[argumentStart] |= 8
                callByArgumentStart.append((argumentStart, index))
            }
            let last = calls[index].lastToken
            if last < slots, marks[last] & 1 != 0 {
                if let previous = endings.last?.token, previous == last {
                    endings[endings.count - 1].widen(outermost: index, innermost: index, calls)
                } else {
                    if let previous = endings.last?.token, previous > last { endingsInOrder = false }
                    endings.append(Ending(token: last, outermost: index, innermost: index))
                }
            }
        }
        if !endingsInOrder { endings = Ending.merged(endings, calls) }
        for block in attached {
            var token = block.from - 1
            // The call ends on the block's line (or the chain goes on from it, `\n.flatMap {`): a call
            // on the line above is another statement.
            while token >= max(0, block.from - 8), view.kind(token) != .newline || view.isPunct(token + 1, ".") {
                let place = endings.partitionPoint { $0.token >= token }
                if place < endings.count, endings[place].token == token {
                    owners[block.scope] = block.braces ? endings[place].innermost : endings[place].outermost
                    break
                }
                token -= 1
            }
        }
        callByArgumentStart.sort { $0.token < $1.token }
        for closure in argumentOwned {
            owners[closure.scope] = callByArgumentStart[callByArgumentStart.partitionPoint { $0.token >= closure.argumentStart }].call
        }
        return (owners, iterationClosures)
    }

    /// The outermost and the innermost call ending on a token (`closureOwners`).
    struct Ending {
        var token: Int
        var outermost: Int
        var innermost: Int

        /// Takes in calls met after those it has (later in the list): one that starts before the outermost
        /// is the new outermost, one that starts after the innermost the new innermost.
        mutating func widen(outermost other: Int, innermost inner: Int, _ calls: [CallSite]) {
            if calls[other].firstToken < calls[outermost].firstToken { outermost = other }
            if calls[inner].firstToken > calls[innermost].firstToken { innermost = inner }
        }

        /// Runs of endings (each run's calls later in the list than the run's before) in token order, one per
        /// token, as the list's calls in order would have given them.
        static func merged(_ endings: [Ending], _ calls: [CallSite]) -> [Ending] {
            // (By token, then by place: a token's runs stay in list order.)
            let sorted = endings.enumerated().sorted { ($0.element.token, $0.offset) < ($1.element.token, $1.offset) }.map(\.element)
            var merged: [Ending] = []
            for ending in sorted {
                if let last = merged.last, last.token == ending.token {
                    merged[merged.count - 1].widen(outermost: ending.outermost, innermost: ending.innermost, calls)
                } else {
                    merged.append(ending)
                }
            }
            return merged
        }
    }

    /// The first index in `from..<to` whose byte is not zero (`to` when none), eight bytes at a time.
    static func firstNonzero(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard let base = bytes.baseAddress, from < to else { return to }
        let raw = UnsafeRawPointer(base)
        var index = from
        while index + 8 <= to {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if word != 0 { return index + word.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < to {
            if base[index] != 0 { return index }
            index += 1
        }
        return to
    }
}
