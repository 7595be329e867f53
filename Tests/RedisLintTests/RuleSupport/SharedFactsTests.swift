import Testing
@testable import RedisLint

/// Facts computed once and shared: per file between rules (`RuleContext.fileFact`), and the project's
/// ops of a command read in place (`containsOp`, `forEachFirstKey`) the same as `ops(_:)` lists them.
@Suite struct SharedFactsTests {
    static let code = "import redis\nr = redis.Redis()\nr.set('a', 1)\nr.get('a')\nr.set('b', 2)\n"
    static let other = "import redis\nr = redis.Redis()\nr.set('c', 3)\n"

    @Test func aFileFactIsComputedOncePerFile() {
        let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
        let project = ProjectModel(files: [file])
        let computed = Locked(0)
        func count(_ context: RuleContext) -> Int {
            context.fileFact("test.count") { computed.withLock { $0 += 1; return $0 } }
        }
        let first = RuleContext(file: file, project: project, settings: RuleSettings())
        #expect(count(first) == 1)
        #expect(count(first) == 1, "the second rule to ask gets the first answer")
        let second = RuleContext(file: file, project: project, settings: RuleSettings())
        #expect(count(second) == 2, "another file's context computes its own")
        #expect(first.fileFact("test.other") { "x" } == "x")
    }

    /// One file's context shared by several threads (a large file's rules, split): each fact is computed
    /// once, under the file's lock, and a fact may ask for another of the same file while it is computed.
    @Test func aFileFactSharedByThreadsIsComputedOnceAndMayAskForAnother() {
        let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
        let project = ProjectModel(files: [file])
        let context = RuleContext(file: file, project: project, settings: RuleSettings())
        let computed = Locked(0)
        @Sendable func inner() -> Int { context.fileFact("test.inner") { () -> Int in computed.withLock { $0 += 1 }; return 40 } }
        let answers = parallelMap(count: 64, jobs: 8) { n -> [Int] in
            guard n % 2 == 0 else { return [inner(), 2] }
            return context.fileFact("test.outer") { () -> [Int] in
                computed.withLock { $0 += 1 }
                return [inner(), 2]
            }
        }
        #expect(answers == Array(repeating: [40, 2], count: 64))
        #expect(computed.withLock { $0 } == 2, "each of the two facts once")
    }

    /// A file fact whose computation asks for itself stops the process with a message.
    @Test func aFileFactAskingForItselfStops() async {
        await #expect(processExitsWith: .failure) {
            let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
            let context = RuleContext(file: file, project: ProjectModel(files: [file]), settings: RuleSettings())
            func ask() -> Int { context.fileFact("test.loop") { ask() + 1 } }
            _ = ask()
        }
    }

    /// Threads that ask for a fact while another computes it wait for that answer: one computation in all,
    /// and every thread gets its value. Facts computed inside another fact's computation are fine.
    @Test func aFactAskedByManyThreadsAtOnceIsComputedOnce() {
        let file = FrontEnd.analyze(path: "a.py", language: .python, bytes: Array(Self.code.utf8))
        let project = ProjectModel(files: [file])
        let computed = Locked(0)
        let answers = parallelMap(count: 64, jobs: 8) { _ -> Int in
            project.derived("test.slow") { () -> Int in
                let inner = project.derived("test.inner") { 5 }
                computed.withLock { $0 += 1 }
                // Long enough that the other threads ask before it is done.
                var sum = 0
                for value in 0..<2_000_000 { sum &+= value & 1 }
                return inner + (sum > 0 ? 37 : 0)
            }
        }
        #expect(answers == Array(repeating: 42, count: 64))
        #expect(computed.withLock { $0 } == 1)
    }

    @Test func opsOfACommandReadInPlaceMatchTheList() {
        let files = [("a.py", Self.code), ("b.py", Self.other)].map { FrontEnd.analyze(path: $0.0, language: .python, bytes: Array($0.1.utf8)) }
        let project = ProjectModel(files: files)
        #expect(project.containsOp("SET") { $0.keys.first == .literal("c") })
        #expect(!project.containsOp("SET") { $0.keys.first == .literal("z") })
        #expect(!project.containsOp("DEL") { _ in true })
        func firstKeys(_ command: String) -> [KeyExpr?] {
            var keys: [KeyExpr?] = []
            project.forEachFirstKey(command) { keys.append($0) }
            return keys
        }
        #expect(firstKeys("SET") == project.ops("SET").map(\.keys.first))
        #expect(firstKeys("SET") == [.literal("a"), .literal("b"), .literal("c")])
        #expect(firstKeys("DEL").isEmpty)
    }

    @Test func theCommandIndexIsTheSameOnOneThreadOrMany() {
        // Files' parts are gathered in parallel and joined in file order: the same locations in the same order.
        let lua = "redis.call('SET', KEYS[1], 1) redis.call('EXPIRE', KEYS[1], 5)"
        let sources = (0..<24).map { n -> (String, String) in
            n % 3 == 2 ? ("s\(n).lua", lua) : ("f\(n).py", n % 2 == 0 ? Self.code : Self.other + "r.setex('t\(n)', 5, 1)\nr.delete('x')\n")
        }
        let files = sources.map { FrontEnd.analyze(path: $0.0, language: $0.0.hasSuffix(".lua") ? .lua : .python, bytes: Array($0.1.utf8)) }
        func flat(_ index: ProjectCommandIndex) -> [String] {
            index.host.keys.sorted().flatMap { command in index.host[command]!.map { "\(command) \($0.file).\($0.trace).\($0.op)" } }
        }
        let serial = ProjectCommandIndex(files: files, jobs: 1)
        let parallel = ProjectCommandIndex(files: files, jobs: 4)
        #expect(flat(serial) == flat(parallel))
        #expect(serial.host["SETEX"]?.map(\.file) == [1, 3, 7, 9, 13, 15, 19, 21])
        #expect(serial.scripts == parallel.scripts && serial.scripts["EXPIRE"] == [2, 5, 8, 11, 14, 17, 20, 23])
        #expect(serial.keysGivenTTL == parallel.keysGivenTTL && serial.keysGivenTTL.contains(.literal("t7")))
        #expect(serial.shapesGivenTTL == parallel.shapesGivenTTL)
        // A scan gathers each file's part in phase 1 and joins them: each location gets its file's place.
        let joined = ProjectCommandIndex(parts: files.map { ProjectCommandIndex.FilePart($0) })
        #expect(flat(joined) == flat(serial))
        #expect(joined.scripts == serial.scripts && joined.keysGivenTTL == serial.keysGivenTTL)
        // The keys given a TTL and the value writes' keys gathered into shared tallies as the parts are made (on
        // several threads): the same.
        let shared = ProjectCommandIndex.SharedKeys()
        let sharedParts = parallelMap(count: files.count, jobs: 4) { ProjectCommandIndex.FilePart(files[$0], sharing: shared) }
        let gathered = ProjectCommandIndex(parts: sharedParts, sharedKeys: shared)
        #expect(flat(gathered) == flat(serial) && gathered.scripts == serial.scripts)
        #expect(gathered.keysGivenTTL == serial.keysGivenTTL && gathered.shapesGivenTTL == serial.shapesGivenTTL)
        func tally(_ index: ProjectCommandIndex) -> [KeyExpr: Int] {
            Dictionary(uniqueKeysWithValues: zip(index.valueWriteKeys.keys, index.valueWriteKeys.counts))
        }
        #expect(tally(gathered) == tally(serial) && tally(joined) == tally(serial) && !tally(serial).isEmpty)
        #expect(!serial.shapesGivenTTL.isEmpty && serial.keysGivenTTL.count > 1)
    }

}
