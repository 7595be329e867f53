import Testing
@testable import RedisLint

/// Speed-ups of the front end that must not change an answer: the tracer's assignment look-up by binary
/// search (it asked every assignment of the name for its function) and the two-thread parse of large
/// files. Each is checked against the plain form on generated Python with nested functions, classes
/// and top-level code between them.
@Suite struct TracerLookupEquivalenceTests {
    /// Python with functions (some nested), classes and top-level statements assigning a few names,
    /// from a fixed seed (a linear congruential generator: the same file on every run).
    static func generatedPython(seed: UInt64, blocks: Int) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let names = ["x", "y", "self.conn", "r"]
        var lines: [String] = ["import redis", "r = redis.Redis()"]
        func statements(indent: String, depth: Int, count: Int) {
            for _ in 0..<count {
                switch next(depth < 3 ? 7 : 4) {
                case 0, 1: lines.append("\(indent)\(names[next(names.count)]) = \(["redis.Redis()", "1", "r", "x or y"][next(4)])")
                case 2: lines.append("\(indent)\(names[next(names.count)]).get(\"k\")")
                case 3: lines.append("\(indent)value = \(names[next(names.count)]).incr(\"n\")")
                case 4:
                    lines.append("\(indent)def f\(next(1000))(x, pipe=None):")
                    statements(indent: indent + "    ", depth: depth + 1, count: 1 + next(4))
                case 5:
                    lines.append("\(indent)for item in y:")
                    statements(indent: indent + "    ", depth: depth + 1, count: 1 + next(3))
                default:
                    lines.append("\(indent)class C\(next(1000)):")
                    statements(indent: indent + "    ", depth: depth + 1, count: 1 + next(3))
                }
            }
        }
        statements(indent: "", depth: 0, count: blocks)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The look-up as it was: every assignment of the name, in source order, asked for its function.
    static func referenceAssignment(_ tracer: Tracer, _ text: String, at token: Int, owner: Int, isMember: Bool) -> Assignment? {
        var best: Assignment? = nil
        for assignment in tracer.assignmentsByTarget[text] ?? .empty {
            let assignmentOwner = tracer.functionOwner(of: tracer.innermostScope(at: assignment.position))
            let sameFunction = assignmentOwner == owner && assignment.position < token
            guard sameFunction || assignmentOwner == -1 || isMember else { continue }
            if best == nil || (sameFunction && best!.position < assignment.position) { best = assignment }
        }
        return best
    }

    @Test(arguments: [1, 2, 3, 4])
    func visibleAssignmentAgreesWithTheLinearScan(seed: Int) {
        let tracer = TracerPartsTests.tracer(Self.generatedPython(seed: UInt64(seed), blocks: 40), language: .python)
        var found = 0, inFunctions = 0, atTopLevel = 0
        for token in 0...tracer.view.count {
            let owner = tracer.functionOwner(of: tracer.innermostScope(at: token))
            for text in ["x", "y", "self.conn", "r", "value", "unassigned"] {
                for isMember in [false, true] {
                    let expected = Self.referenceAssignment(tracer, text, at: token, owner: owner, isMember: isMember)
                    let actual = tracer.visibleAssignment(text, at: token, owner: owner, isMember: isMember)
                    #expect(actual?.position == expected?.position && actual?.value == expected?.value,
                            "\(text) at token \(token) in function \(owner), member \(isMember)")
                    guard let expected else { continue }
                    found += 1
                    if tracer.functionOwner(of: tracer.innermostScope(at: expected.position)) == -1 { atTopLevel += 1 } else { inFunctions += 1 }
                }
            }
        }
        // Both kinds of answer occur: the comparison is not vacuous.
        #expect(inFunctions > 100 && atTopLevel > 100, "\(found) found")
    }

    @Test func twoThreadParseGivesTheSameStructureAndCalls() {
        let bytes = Array(Self.generatedPython(seed: 7, blocks: 60).utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        let parse: @Sendable (TokenView) -> FileStructure = { PythonStructure(view: $0).parse() }
        let (serialStructure, serialCalls) = FrontEnd.structureAndCalls(view, syntax: FrontEnd.pythonSyntax, parallelFrom: Int.max, parse: parse)
        let (parallelStructure, parallelCalls) = FrontEnd.structureAndCalls(view, syntax: FrontEnd.pythonSyntax, parallelFrom: 0, parse: parse)
        #expect(serialCalls.sites.count > 50 && serialStructure.scopes.count > 20)
        #expect(String(describing: parallelCalls) == String(describing: serialCalls))
        #expect(String(describing: parallelStructure.scopes) == String(describing: serialStructure.scopes))
        #expect(String(describing: parallelStructure.parameterList) == String(describing: serialStructure.parameterList))
        #expect(String(describing: parallelStructure.assignments) == String(describing: serialStructure.assignments))
        #expect(parallelStructure.importsRedisModule == serialStructure.importsRedisModule)
    }

    /// `lastAssignmentIndex` (binary search, then back) against the scan it replaced: the last
    /// assignment before the token whose function is the given one, searched from the end of the list.
    @Test(arguments: [7, 8])
    func lastAssignmentIndexAgreesWithTheBackwardScan(seed: Int) {
        let tracer = TracerPartsTests.tracer(Self.generatedPython(seed: UInt64(seed), blocks: 40), language: .python)
        var found = 0
        for text in ["x", "y", "self.conn", "r", "value", "unassigned"] {
            let list = tracer.assignmentsByTarget[text] ?? .empty
            for token in 0...tracer.view.count {
                let owner = tracer.functionOwner(of: tracer.innermostScope(at: token))
                let expected = list.lastIndex { $0.position < token && tracer.functionOwner(of: tracer.innermostScope(at: $0.position)) == owner }
                #expect(tracer.lastAssignmentIndex(in: list, before: token, owner: owner) == expected, "\(text) at token \(token)")
                if expected != nil { found += 1 }
            }
        }
        #expect(found > 100)
    }
}
