import Testing
import Foundation
import Synchronization
import RedisTestSupport
@testable import RedisLint

/// Phase 1 hands out the largest files first (`Scanner.sizes` sorted by `Scanner.descending`, through `parallelMap`'s `order`): the results
/// must stay in index order, the same as without an order, and the order must be the files' sizes, largest first.
@Suite struct ParallelOrderTests {
    @Test func anOrderChangesTheHandingOutNotTheResults() {
        var random = SeededRandom(seed: 0x0DE2)
        for count in [1, 2, 7, 64, 301] {
            let order = (0..<count).shuffled(using: &random)
            for jobs in [1, 2, 4] {
                let plain = parallelMap(count: count, jobs: jobs) { $0 &* 2_654_435_761 }
                let ordered = parallelMap(count: count, jobs: jobs, order: order) { $0 &* 2_654_435_761 }
                #expect(ordered == plain)
            }
            // One thread takes the indices exactly in the order given.
            let taken = Locked<[Int]>([])
            _ = parallelMap(count: count, jobs: 1, order: order) { index in taken.withLock { $0.append(index) } }
            #expect(taken.withLock { $0 } == order)
        }
    }

    /// Phase 2 orders its work by `Scanner.descending` of the models' sizes: a permutation, costs not increasing,
    /// equal costs in index order.
    @Test func descendingIsAStablePermutation() {
        var random = SeededRandom(seed: 0xC057)
        for count in [0, 1, 5, 200] {
            let costs = (0..<count).map { _ in random.below(8) * 1_000 }
            let order = Scanner.descending(costs)
            #expect(order.sorted() == Array(0..<count))
            for (earlier, later) in zip(order, order.dropFirst()) {
                #expect(costs[earlier] > costs[later] || (costs[earlier] == costs[later] && earlier < later))
            }
        }
    }

    @Test func largestFilesComeFirstAndTiesKeepPathOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redislint-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sizes = ["a.py": 10, "b.py": 300, "c.py": 10, "d.py": 0, "e.py": 4_000]
        for (name, size) in sizes { try Data(repeating: 0x20, count: size).write(to: folder.appendingPathComponent(name)) }
        var files = sizes.keys.sorted().map {
            Discovery.File(absolutePath: folder.appendingPathComponent($0).path, path: $0, language: .python, explicit: false)
        }
        files.append(Discovery.File(absolutePath: folder.appendingPathComponent("gone.py").path, path: "gone.py", language: .python, explicit: false))
        let measured = try #require(Scanner.sizes(files, jobs: 2))
        #expect(measured == [10, 300, 10, 0, 4_000, 0])
        #expect(Scanner.descending(measured).map { files[$0].path } == ["e.py", "b.py", "a.py", "c.py", "d.py", "gone.py"])
        #expect(Scanner.estimatedBytes(files, sizes: measured) == 4_320)
        #expect(Scanner.estimatedBytes(files, sizes: nil) == 4_320)  // few files: every one is asked
        #expect(Scanner.sizes(files, jobs: 1) == nil)  // one thread: path order, no `stat`
        #expect(Scanner.sizes(Array(files.prefix(2)), jobs: 2) == nil)  // no more files than threads
        let many = Array(repeating: files[1], count: Scanner.largestFirstMaximumFiles + 1)
        #expect(Scanner.sizes(many, jobs: 2) == nil)
        #expect(Scanner.estimatedBytes(many, sizes: nil) == 300 * many.count)  // sampled: all the same size
    }
}
