// Throughput benchmark for LuaParse, compiled together with its sources by `scripts/lua-bench`
// (no package change needed). Reads every `.lua` file under the given directory, keeps the ones
// that are neither templates nor shebang scripts, and measures on one thread:
//   * parse: `LuaParser.parseChunk()` over each file, the files repeated until the volume is reached;
//   * script: the whole `LuaScript` analysis (parse, scopes, Redis view) over the same;
//   * big file: one chunk made of every file wrapped in `do … end`, parsed whole.
import Foundation

@main
struct LuaBench {
    static func main() {
        let arguments = CommandLine.arguments
        let root = arguments.count > 1 ? arguments[1] : "fixtures"
        let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 64 : 64
        var files: [[UInt8]] = []
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let path = walker.nextObject() as? String {
                guard path.hasSuffix(".lua"), let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
                let bytes = Array(data)
                let script = LuaScript(source: bytes)
                if script.isTemplate || script.shebang != nil || !script.syntaxErrors.isEmpty { continue }
                files.append(bytes)
            }
        }
        guard !files.isEmpty else {
            print("lua-bench: no Lua files under \(root)")
            exit(1)
        }
        let corpusBytes = files.reduce(0) { $0 + $1.count }
        let target = megabytes * 1_000_000
        let rounds = max(1, target / corpusBytes)
        print("corpus: \(files.count) files, \(corpusBytes) bytes; \(rounds) rounds ≈ \(rounds * corpusBytes / 1_000_000) MB per measurement")

        var sink = 0
        measure("parse (LuaParser)", bytes: rounds * corpusBytes) {
            for _ in 0..<rounds {
                for file in files {
                    var parser = LuaParser(bytes: file)
                    sink &+= parser.parseChunk().block.statements.count &+ parser.errors.count
                }
            }
        }
        measure("analyse (LuaScript)", bytes: rounds * corpusBytes) {
            for _ in 0..<rounds {
                for file in files { sink &+= LuaScript(source: file).redisCalls.count }
            }
        }
        var big: [UInt8] = []
        while big.count < target {
            for file in files {
                big += Array("do\n".utf8) + file + Array("\nend\n".utf8)
            }
        }
        measure("parse one \(big.count / 1_000_000) MB chunk", bytes: big.count) {
            var parser = LuaParser(bytes: big)
            sink &+= parser.parseChunk().block.statements.count
            if !parser.errors.isEmpty { print("  unexpected error: \(parser.errors[0])") }
        }
        if sink == 42 { print("") }
    }

    static func measure(_ label: String, bytes: Int, _ body: () -> Void) {
        body()  // warm-up
        // Wall time, and this thread's CPU time: on a shared machine the CPU figure is what one
        // core achieves while the wall figure includes time the thread waited for a core.
        var bestWall = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<3 {
            let (wall, cpu) = (DispatchTime.now().uptimeNanoseconds, threadCPUSeconds())
            body()
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu)
        }
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "%@: %.1f MB/s of CPU time, %.1f MB/s wall (%d bytes; best of 3: %.3f s CPU, %.3f s wall)",
                     label, megabytes / bestCPU, megabytes / bestWall, bytes, bestCPU, bestWall))
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
