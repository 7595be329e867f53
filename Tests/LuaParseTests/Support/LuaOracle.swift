import Foundation

/// One long-lived `lua5.1` process answering "does loadstring accept this, and if not, what error".
/// The suite shares one process (`shared`); a lock serialises the tests that run in parallel.
final class LuaOracle: @unchecked Sendable {
    private static let sharedResult = Result { try LuaOracle() }
    /// Throws with install instructions when lua5.1 is missing.
    static func shared() throws -> LuaOracle { try sharedResult.get() }

    private let lock = NSLock()

    enum Verdict: Equatable {
        case accepted
        case rejected(line: Int, message: String)
    }

    private let process = Process()
    private let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []
    private var readIndex = 0

    /// `lua5.1` from PATH (Debian installs it in /usr/bin).
    static let interpreterPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin"])
            .map { $0 + "/lua5.1" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Fails with instructions when lua5.1 is missing, so the suite cannot silently skip the oracle.
    private init() throws {
        guard let interpreter = Self.interpreterPath else {
            throw OracleError("lua5.1 is not installed: install the Debian package `lua5.1` (the project's test script does) to run the differential tests")
        }
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/lua-loadstring-driver.lua")
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [driver.path]
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        input = stdinPipe.fileHandleForWriting
        output = stdoutPipe.fileHandleForReading
        try process.run()
    }

    /// Sends the programs in batches small enough that neither pipe can fill up and deadlock.
    func verdicts(_ programs: [[UInt8]]) throws -> [Verdict] {
        lock.lock()
        defer { lock.unlock() }
        var results: [Verdict] = []
        results.reserveCapacity(programs.count)
        var index = 0
        while index < programs.count {
            let batch = programs[index..<min(index + 400, programs.count)]
            var frame: [UInt8] = []
            for program in batch {
                frame += Array("\(program.count)\n".utf8)
                frame += program
            }
            try input.write(contentsOf: Data(frame))
            for _ in batch { results.append(try readVerdict()) }
            index += batch.count
        }
        return results
    }

    private func readVerdict() throws -> Verdict {
        var header: [UInt8] = []
        while true {
            let byte = try readByte()
            if byte == 10 { break }
            header.append(byte)
        }
        guard let length = Int(String(decoding: header, as: UTF8.self)) else { throw OracleError("bad oracle header") }
        var text: [UInt8] = []
        for _ in 0..<length { text.append(try readByte()) }
        if text == Array("OK".utf8) { return .accepted }
        // "x:LINE: message"
        let parts = text.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(String(decoding: parts[1], as: UTF8.self)) else {
            throw OracleError("unexpected oracle answer: \(String(decoding: text, as: UTF8.self))")
        }
        return .rejected(line: line, message: String(decoding: parts[2].dropFirst(), as: UTF8.self))
    }

    private func readByte() throws -> UInt8 {
        if readIndex == buffer.count {
            let data = output.availableData
            if data.isEmpty { throw OracleError("lua5.1 exited early") }
            buffer = Array(data)
            readIndex = 0
        }
        defer { readIndex += 1 }
        return buffer[readIndex]
    }
}

struct OracleError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
