import Testing
import Synchronization
@testable import RedisLint

/// Project-wide facts a rule derives are computed once and shared by every file's check.
@Suite struct DerivedFactsTests {
    @Test func aFactIsComputedOnceAndSharedAcrossThreads() {
        let project = ProjectModel(files: [])
        let computations = Atomic<Int>(0)
        let answers = parallelMap(count: 200, jobs: 4) { _ -> Int in
            project.derived("test.answer") { () -> Int in
                computations.wrappingAdd(1, ordering: .relaxed)
                return 42
            }
        }
        #expect(answers.allSatisfy { $0 == 42 })
        // Threads asking before the first answer is stored may each compute it; never once per file.
        #expect(computations.load(ordering: .relaxed) <= 4)
        #expect(project.derived("test.other") { "x" } == "x")
        #expect(project.derived("test.answer") { -1 } == 42)
    }

    /// A fact whose computation asks for itself stops the process with a message (it held its slot's
    /// lock, so it used to wait for itself forever).
    @Test func aFactAskingForItselfStopsInsteadOfHanging() async {
        await #expect(processExitsWith: .failure) {
            let project = ProjectModel(files: [])
            func ask() -> Int { project.derived("test.loop") { ask() + 1 } }
            _ = ask()
        }
    }
}
