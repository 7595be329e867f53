import Testing
@testable import RedisLint
import RedisTestSupport

/// The tracer's two sweeps over every token (the innermost scope of each token with each scope's parent,
/// and the brackets around each closure passed as an argument) keep the state they compare against at
/// hand instead of reading it per token; both are checked against the sweeps as they were, on generated
/// Python and JavaScript with nested functions, loops, classes and callbacks.
@Suite struct TracerSweepEquivalenceTests {
    /// JavaScript with callbacks passed as arguments (functions and arrows, nested in calls and literals),
    /// functions, conditionals and loops, from a seed.
    static func generatedJavaScript(seed: UInt64, blocks: Int) -> String {
        var random = SeededRandom(seed: seed)
        var lines: [String] = ["const redis = new Redis()"]
        func statements(indent: String, depth: Int, count: Int) {
            for _ in 0..<count {
                let inner = indent + "  "
                switch random.below(depth < 3 ? 9 : 4) {
                case 0: lines.append("\(indent)await redis.set(key(a, b), v)")
                case 1: lines.append("\(indent)const y\(random.below(9)) = [a, (b) => b + 1, { k: () => 2 }, f(g(h))]")
                case 2: lines.append("\(indent)redis.get(\"k\").then((v) => use(v)).catch(fail)")
                case 3: lines.append("\(indent)x = (((a)))")
                case 4:
                    lines.append("\(indent)client.get(k, function (err, v) {")
                    statements(indent: inner, depth: depth + 1, count: 1 + random.below(3))
                    lines.append("\(indent)})")
                case 5:
                    lines.append("\(indent)items.forEach((x) => {")
                    statements(indent: inner, depth: depth + 1, count: 1 + random.below(3))
                    lines.append("\(indent)})")
                case 6:
                    lines.append("\(indent)wrap(outer(1, [() => {")
                    statements(indent: inner, depth: depth + 1, count: 1 + random.below(3))
                    lines.append("\(indent)}]), 2)")
                case 7:
                    lines.append("\(indent)function f\(random.below(1000))(a, b) {")
                    statements(indent: inner, depth: depth + 1, count: 1 + random.below(4))
                    lines.append("\(indent)}")
                default:
                    lines.append("\(indent)\(random.chance(50) ? "if (x)" : "for (const k of ks)") {")
                    statements(indent: inner, depth: depth + 1, count: 1 + random.below(3))
                    lines.append("\(indent)}")
                }
            }
        }
        statements(indent: "", depth: 0, count: blocks)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Generated files of both languages, with the scopes sorted as the tracer sorts them.
    static func cases() -> [(name: String, tracer: Tracer)] {
        (1...3).map { ("python \($0)", TracerPartsTests.tracer(TracerLookupEquivalenceTests.generatedPython(seed: UInt64($0), blocks: 40), language: .python)) }
            + (1...3).map { ("javascript \($0)", TracerPartsTests.tracer(generatedJavaScript(seed: UInt64($0), blocks: 30), language: .javascript)) }
    }

    static func order(_ scopes: [Scope]) -> [Int] {
        scopes.indices.sorted { (scopes[$0].body.lowerBound, -scopes[$0].body.upperBound) < (scopes[$1].body.lowerBound, -scopes[$1].body.upperBound) }
    }

    /// The innermost scope per token and the parent per scope, by the sweep as it was.
    static func referenceScopes(_ scopes: [Scope], tokenCount: Int) -> (scopeOfToken: [Int32], parents: [Int]) {
        let order = order(scopes)
        var scopeOfToken = [Int32](repeating: -1, count: tokenCount + 1)
        var parents = [Int](repeating: -1, count: scopes.count)
        var stack: [Int] = []
        var next = 0
        for token in 0...tokenCount {
            while let top = stack.last, scopes[top].body.upperBound <= token { stack.removeLast() }
            while next < order.count, scopes[order[next]].body.lowerBound <= token {
                let scope = order[next]
                next += 1
                while let top = stack.last, scopes[top].body.upperBound < scopes[scope].body.upperBound { stack.removeLast() }
                parents[scope] = stack.last ?? -1
                if !scopes[scope].body.isEmpty { stack.append(scope) }
            }
            scopeOfToken[token] = Int32(stack.last ?? -1)
        }
        return (scopeOfToken, parents)
    }

    @Test func innermostScopesAndParentsAgreeWithTheSweepAsItWas() {
        for (name, tracer) in Self.cases() {
            let scopes = tracer.structure.scopes
            #expect(scopes.count > 20, "\(name)")
            let (scopeOfToken, parents) = Self.referenceScopes(scopes, tokenCount: tracer.view.count)
            #expect(tracer.scopeOfToken == scopeOfToken, "\(name)")
            #expect(tracer.parents == parents, "\(name)")
            #expect(Set(parents).count > 3, "\(name): nesting")
        }
    }

    @Test func closureOwnersAgreeWithTheSweepAsItWas() {
        var owned = 0
        for (name, tracer) in Self.cases() {
            let scopes = tracer.structure.scopes, order = Self.order(scopes)
            let actual = Tracer.closureOwners(view: tracer.view, calls: tracer.calls, scopes: scopes, order: order, language: tracer.language)
            let expected = Self.referenceClosureOwners(view: tracer.view, calls: tracer.calls, scopes: scopes, order: order, language: tracer.language)
            #expect(actual.owners == expected.owners, "\(name)")
            #expect(actual.iterationClosures == expected.iterationClosures, "\(name)")
            owned += actual.owners.compactMap { $0 }.count
        }
        #expect(owned > 30)
    }

    /// Closures passed inside more brackets than the chain keeps (64): the owner is found within the
    /// innermost 64 brackets only, as the sweep as it was found it.
    @Test func closureOwnersKeepTheChainLimit() {
        var owned = 0
        for depth in [1, 2, 40, 63, 64, 65, 70, 130] {
            for inner in ["[", "(", "{ a: "] {
                let close = inner == "[" ? "]" : inner == "(" ? ")" : "}"
                let source = "const redis = new Redis()\nwrap(" + String(repeating: "[", count: depth) + "g(" + String(repeating: inner, count: depth)
                    + "() => { redis.get(k) }" + String(repeating: close, count: depth) + ")" + String(repeating: "]", count: depth) + ")\n"
                let tracer = TracerPartsTests.tracer(source, language: .javascript)
                let scopes = tracer.structure.scopes, order = Self.order(scopes)
                let actual = Tracer.closureOwners(view: tracer.view, calls: tracer.calls, scopes: scopes, order: order, language: tracer.language)
                let expected = Self.referenceClosureOwners(view: tracer.view, calls: tracer.calls, scopes: scopes, order: order, language: tracer.language)
                #expect(actual.owners == expected.owners, "\(inner) × \(depth)")
                owned += actual.owners.compactMap { $0 }.count
            }
        }
        // Owned up to 63 brackets of `(` (the call `g(` then opens the 64th), never past the limit.
        #expect(owned > 5 && owned < 24)
    }

    /// `Tracer.firstNonzero` finds the first byte that is not zero in a range, as a plain loop does, for
    /// every range of buffers with a few scattered nonzero bytes (across and inside eight-byte words).
    @Test func firstNonzeroAgreesWithALoop() {
        var random = SeededRandom(seed: 0x5EED)
        var found = 0
        for _ in 0..<200 {
            let count = random.below(40)
            var bytes = [UInt8](repeating: 0, count: count)
            for _ in 0..<random.below(4) where count > 0 { bytes[random.below(count)] = UInt8(1 + random.below(255)) }
            bytes.withUnsafeBufferPointer { buffer in
                for from in 0...count {
                    for to in from...count {
                        let expected = (from..<to).first { bytes[$0] != 0 } ?? to
                        #expect(Tracer.firstNonzero(buffer, from: from, to: to) == expected, "\(bytes) \(from)..<\(to)")
                        if expected < to { found += 1 }
                    }
                }
            }
        }
        #expect(found > 1000)
    }

    /// `Tracer.memberName` answers as the Characters' split it replaced, on texts made of member-chain
    /// pieces, combining marks and other non-ASCII letters.
    @Test func memberNameAgreesWithTheSplitByCharacters() {
        let pieces = ["self", ".", "..", "@", "$", "@@", "redis", "x", "\u{301}", "é", "_1", ""]
        var random = SeededRandom(seed: 0x3E3B)
        var named = 0
        for _ in 0..<4000 {
            let text = (0..<random.below(7)).map { _ in random.pick(pieces) }.joined()
            let expected = String(text.drop(while: { $0 == "@" || $0 == "$" }).split(separator: ".").last ?? "")
            #expect(Tracer.memberName(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if !expected.isEmpty { named += 1 }
        }
        #expect(named > 1000)
    }

    /// `AssignedNames` answers as the dictionary it replaced (the last assignment per value start wins), on
    /// the generated files' assignments and on shuffled lists of them with values starting together.
    @Test func assignedNamesAgreeWithADictionary() {
        var random = SeededRandom(seed: 0xA551)
        var named = 0
        for (name, tracer) in Self.cases() {
            var lists = [tracer.structure.assignments]
            for _ in 0..<3 {
                lists.append(tracer.structure.assignments.shuffled(using: &random).map { assignment in
                    var moved = assignment
                    if random.chance(30) { moved.value = max(0, moved.value.lowerBound - random.below(3))..<moved.value.upperBound }
                    return moved
                })
            }
            for list in lists {
                var expected: [Int: String] = [:]
                for assignment in list {
                    let value = tracer.values.trimmed(assignment.value)
                    if !value.isEmpty { expected[value.lowerBound] = assignment.target }
                }
                let actual = Tracer.AssignedNames(list, values: tracer.values)
                for token in -1...tracer.view.count + 1 {
                    #expect(actual[token] == expected[token], "\(name): \(token)")
                    if expected[token] != nil { named += 1 }
                }
            }
        }
        #expect(named > 200)
    }

    /// The assignment look-up by receiver number (what `cachedBinding` passes) finds what the look-up by
    /// the receiver's text finds, for every receiver of the generated files at every token.
    @Test func visibleAssignmentByReceiverNumberAgreesWithTheLookUpByText() {
        var found = 0
        for (name, tracer) in Self.cases() {
            var receivers: [Int32: String] = [:]
            for call in tracer.calls where !tracer.receiverText(of: call).isEmpty { receivers[call.receiverID] = tracer.receiverText(of: call) }
            for token in 0...tracer.view.count {
                let owner = tracer.functionOwner(of: tracer.innermostScope(at: token))
                for (number, text) in receivers {
                    for isMember in [false, true] {
                        let expected = tracer.visibleAssignment(text, at: token, owner: owner, isMember: isMember)
                        let actual = tracer.visibleAssignment(text, at: token, owner: owner, isMember: isMember, receiver: number)
                        #expect(actual?.position == expected?.position && actual?.value == expected?.value, "\(name): \(text) at \(token)")
                        if expected != nil { found += 1 }
                    }
                }
            }
        }
        #expect(found > 1000)
    }

    /// `Tracer.hasASCIIPrefix` answers as `String.hasPrefix` on texts made of the prefixes' pieces, other
    /// ASCII, combining marks, CR LF and other non-ASCII letters.
    @Test func asciiPrefixAgreesWithStringHasPrefix() {
        let pieces = ["self", ".", "this", "@", "$", "s", "x", "\u{301}", "\u{200D}", "\r\n", "é", "\u{212A}", "ſ", "_1", ""]
        var random = SeededRandom(seed: 0xA5C11)
        var matched = 0
        for _ in 0..<4000 {
            let text = (0..<random.below(6)).map { _ in random.pick(pieces) }.joined()
            for (prefix, expected) in [("self.", text.hasPrefix("self.")), ("this.", text.hasPrefix("this.")), ("@", text.hasPrefix("@")), ("$", text.hasPrefix("$"))] {
                let actual: Bool
                switch prefix {
                case "self.": actual = Tracer.hasASCIIPrefix(text, "self.")
                case "this.": actual = Tracer.hasASCIIPrefix(text, "this.")
                case "@": actual = Tracer.hasASCIIPrefix(text, "@")
                default: actual = Tracer.hasASCIIPrefix(text, "$")
                }
                #expect(actual == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(prefix)")
                if expected { matched += 1 }
            }
        }
        #expect(matched > 300)
    }

    /// `Tracer.closureOwners` as it was before its sweep kept the next start and the top partner at hand.
    static func referenceClosureOwners(view: TokenView, calls: [CallSite], scopes: [Scope], order: [Int],
                              language: Language) -> (owners: [Int?], iterationClosures: Set<Int>) {
        var owners = [Int?](repeating: nil, count: scopes.count)
        var iterationClosures = Set<Int>()
        let slots = view.count + 1
        // What each closure without an owner will ask: attached blocks, the calls ending on the few
        // tokens before them; argument closures, the calls whose argument list opens right inside one
        // of the brackets around them (innermost first, at most 64).
        var attached: [(scope: Int, from: Int, braces: Bool)] = []
        var enclosingOpens: [Int: [Int]] = [:]
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
        if !passed.isEmpty {
            var openStack: [Int] = []
            var next = 0
            for token in 0..<view.count where next < passed.count {
                if let last = openStack.last, Int(view.partner[last]) == token { openStack.removeLast() }
                while next < passed.count, min(scopes[passed[next]].body.lowerBound, view.count) == token {
                    // (No bracket around it: no owner to find.)
                    if !openStack.isEmpty { enclosingOpens[passed[next]] = Array(openStack.suffix(64).reversed()) }
                    next += 1
                }
                if view.close(of: token) != nil { openStack.append(token) }
            }
        }
        guard !attached.isEmpty || !enclosingOpens.isEmpty else { return (owners, iterationClosures) }
        // Mark the asked tokens (1: a call's last token, 2: a call's argument start), then answer them
        // in one pass over the calls, with the rules the tables had (first call wins for an argument
        // start; per last token the outermost and the innermost call).
        var asked = [UInt8](repeating: 0, count: slots)
        for block in attached {
            var token = block.from - 1
            while token >= max(0, block.from - 8) { asked[token] |= 1; token -= 1 }
        }
        for chain in enclosingOpens.values { for open in chain where open + 1 < slots { asked[open + 1] |= 2 } }
        var callByArgumentStart: [Int: Int] = [:]
        var outermostEndingAt: [Int: Int] = [:]
        var innermostEndingAt: [Int: Int] = [:]
        // (Fields read in place: a copy of each call retained and released its strings and arguments.)
        for index in calls.indices {
            let argumentStart = calls[index].argumentTokens.lowerBound
            if calls[index].hasArgumentList, argumentStart < slots, asked[argumentStart] & 2 != 0, callByArgumentStart[argumentStart] == nil {
                callByArgumentStart[argumentStart] = index
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
        for (scope, chain) in enclosingOpens {
            if let call = chain.lazy.compactMap({ callByArgumentStart[$0 + 1] }).first { owners[scope] = call }
        }
        return (owners, iterationClosures)
    }
}
