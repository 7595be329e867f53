// Throughput benchmark for LuaParse, compiled together with the library sources by scripts/lua-bench
// (whole-module, -O) so it measures what a release build runs.
import Foundation

let arguments = CommandLine.arguments
let fixtures = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "fixtures/lua")
let targetBytes = (arguments.count > 2 ? Int(arguments[2]) : nil) ?? 50_000_000

// Every valid fixture, shebang line blanked, each copy in its own `do … end` so locals stay in bounds.
var pieces: [[UInt8]] = []
for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() where name.hasSuffix(".lua") {
    var bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    if bytes.starts(with: Array("#!".utf8)) { for i in 0..<(bytes.firstIndex(of: 10) ?? bytes.count) { bytes[i] = 32 } }
    var probe = LuaParser(bytes: bytes)
    _ = probe.parseChunk()
    if probe.errors.isEmpty { pieces.append(Array("do\n".utf8) + bytes + Array("\nend\n".utf8)) }
}
var corpus: [UInt8] = []
corpus.reserveCapacity(targetBytes + 10_000)
while corpus.count < targetBytes { for piece in pieces { corpus += piece } }

func measure(_ label: String, bytes: Int, repeats: Int = 3, _ body: () -> Void) {
    // Thread CPU time, not wall time: the machine may be busy with other work.
    func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = cpuSeconds()
        body()
        best = min(best, cpuSeconds() - start)
    }
    print(String(format: "%@: %.1f MB in %.3f s CPU = %.1f MB/s", label, Double(bytes) / 1e6, best, Double(bytes) / 1e6 / best))
}

measure("lexer only", bytes: corpus.count) {
    var lexer = LuaLexer(bytes: corpus)
    var count = 0
    while lexer.next().kind != .eof { count += 1 }
    precondition(count > 0)
}
measure("parser (one 50 MB chunk)", bytes: corpus.count) {
    var parser = LuaParser(bytes: corpus)
    _ = parser.parseChunk()
    precondition(parser.errors.isEmpty, "\(parser.errors.prefix(3))")
}
let scripts = pieces.map { Array($0.dropFirst(3).dropLast(5)) }
let scriptBytes = scripts.reduce(0) { $0 + $1.count }
measure("parser, script by script (the real workload)", bytes: (targetBytes / scriptBytes) * scriptBytes) {
    var statements = 0
    for _ in 0..<(targetBytes / scriptBytes) {
        for script in scripts {
            var parser = LuaParser(bytes: script)
            statements += parser.parseChunk().block.statements.count
        }
    }
    precondition(statements > 0)
}
let _ = pieces.map { Array($0.dropFirst(3).dropLast(5)) }
let perScriptRounds = max(1, targetBytes / max(1, scripts.reduce(0) { $0 + $1.count }))
measure("LuaScript (parse + scopes + Redis view), per fixture script", bytes: perScriptRounds * scripts.reduce(0) { $0 + $1.count }) {
    var calls = 0
    for _ in 0..<perScriptRounds { for script in scripts { calls += LuaScript(source: script).redisCalls.count } }
    precondition(calls > 0)
}
