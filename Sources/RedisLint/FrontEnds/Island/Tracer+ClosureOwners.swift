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
        var owners = [Int?](repeating: nil, count: scopes.count)
        var iterationClosures = Set<Int>()
        let slots = view.count + 1
        // What each closure without an owner will ask: attached blocks, the calls ending on the few
        // tokens before them; argument closures, the calls whose argument list opens right inside one
        // of the brackets around them (innermost first, at most 64).
        var attached: [(scope: Int, from: Int, braces: Bool)] = []
        // The brackets around each passed closure, innermost first, one chain after another in one list
        // (`chainOpens[chain.opens]`): a dictionary of an array per closure cost more than the sweep itself.
        var chains: [(scope: Int, opens: Range<Int>)] = []
        var chainOpens: [Int] = []
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
        // This sweep visits every token of the file up to the last passed closure, so each step is a few
        // integer compares: the next closure's start and the top bracket's partner are kept at hand
        // (not read from the scope and the stack per token), the partners read through a buffer.
        if !passed.isEmpty {
            let starts = passed.map { min(scopes[$0].body.lowerBound, view.count) }
            var openStack: [Int] = []
            var next = 0
            var nextStart = starts[0]
            var topPartner = -1  // the partner of `openStack.last` (-1: empty stack)
            let end = min(view.count, view.partner.count)
            view.partner.withUnsafeBufferPointer { partner in
                for token in 0..<end {
                    if topPartner == token {
                        openStack.removeLast()
                        topPartner = openStack.last.map { Int(partner[$0]) } ?? -1
                    }
                    if nextStart == token {
                        while next < passed.count, starts[next] == token {
                            // (No bracket around it: no owner to find.)
                            if !openStack.isEmpty {
                                let begin = chainOpens.count
                                var depth = openStack.count - 1
                                while depth >= max(0, openStack.count - 64) { chainOpens.append(openStack[depth]); depth -= 1 }
                                chains.append((passed[next], begin..<chainOpens.count))
                            }
                            next += 1
                        }
                        guard next < passed.count else { break }
                        nextStart = starts[next]
                    }
                    if Int(partner[token]) > token {  // an opener (`view.close(of:)`)
                        openStack.append(token)
                        topPartner = Int(partner[token])
                    }
                }
            }
        }
        guard !attached.isEmpty || !chains.isEmpty else { return (owners, iterationClosures) }
        // Mark the asked tokens (1: a call's last token, 2: a call's argument start), then answer them
        // in one pass over the calls, with the rules the tables had (first call wins for an argument
        // start, which is then marked 4; per last token the outermost and the innermost call).
        var asked = [UInt8](repeating: 0, count: slots)
        for block in attached {
            var token = block.from - 1
            while token >= max(0, block.from - 8) { asked[token] |= 1; token -= 1 }
        }
        for open in chainOpens where open + 1 < slots { asked[open + 1] |= 2 }
        // The first call at each asked argument start, sorted by token after the pass (a binary search
        // away; a dictionary hashed every bracket of every chain).
        var callByArgumentStart: [(token: Int, call: Int)] = []
        var outermostEndingAt: [Int: Int] = [:]
        var innermostEndingAt: [Int: Int] = [:]
        // (Fields read in place: a copy of each call retained and released its strings and arguments.)
        for index in calls.indices {
            let argumentStart = calls[index].argumentTokens.lowerBound
            if calls[index].hasArgumentList, argumentStart < slots, asked[argumentStart] & 6 == 2 {
                asked[argumentStart] |= 4
                callByArgumentStart.append((argumentStart, index))
            }
            let last = calls[index].lastToken, first = calls[index].firstToken
            if last < slots, asked[last] & 1 != 0 {
                if let existing = outermostEndingAt[last], calls[existing].firstToken <= first {} else {
                    outermostEndingAt[last] = index
                }
                if let innermost = innermostEndingAt[last], calls[innermost].firstToken >= first {} else {
                    innermostEndingAt[last] = index
                }
            }
        }
        for block in attached {
            var token = block.from - 1
            // The call ends on the block's line (or the chain goes on from it, `\n.flatMap {`): a call
            // on the line above is another statement.
            while token >= max(0, block.from - 8), view.kind(token) != .newline || view.isPunct(token + 1, ".") {
                if let call = (block.braces ? innermostEndingAt : outermostEndingAt)[token] { owners[block.scope] = call; break }
                token -= 1
            }
        }
        callByArgumentStart.sort { $0.token < $1.token }
        for chain in chains {
            for open in chainOpens[chain.opens] where open + 1 < slots && asked[open + 1] & 4 != 0 {
                owners[chain.scope] = callByArgumentStart[callByArgumentStart.partitionPoint { $0.token >= open + 1 }].call
                break
            }
        }
        return (owners, iterationClosures)
    }
}
