import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process with its own working directory and environment (tests never `chdir` or
/// `setenv` in-process), collecting stdout and stderr. posix_spawn rather than Foundation's
/// `Process`, whose `run()` leaks a weak reference now and then, which LeakSanitizer turns into a
/// failed ASan run.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which the Glibc module does not import.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    nonisolated(unsafe) private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil, stdin: Data? = nil, timeout: Double = 300) throws -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, pipe(&inPipe) == 0 else { throw SpawnError(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe + inPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        if let directory {
            guard let addChdir else { throw SpawnError(description: "posix_spawn_file_actions_addchdir_np is missing") }
            _ = addChdir(&actions, directory.path)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = environmentStrings.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(outPipe[1]); close(errPipe[1]); close(inPipe[0])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0]); close(inPipe[1])
            throw SpawnError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }

        // A hang is a failure, not a stuck test run: kill the child after `timeout` seconds.
        let child = pid
        let watchdog = DispatchWorkItem { kill(child, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }

        // Feed stdin and drain stdout and stderr together, so no pipe can fill up and block.
        let input = [UInt8](stdin ?? Data())
        var written = 0
        var inputFD: Int32? = inPipe[1]
        if input.isEmpty { close(inPipe[1]); inputFD = nil }
        _ = signal(SIGPIPE, SIG_IGN)
        var out: [UInt8] = [], err: [UInt8] = []
        var readable: [Int32] = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !readable.isEmpty || inputFD != nil {
            var fds = readable.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if let inputFD { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inputFD {
                    let n = input.withUnsafeBytes { Glibc.write(entry.fd, $0.baseAddress! + written, min(input.count - written, 1 << 16)) }
                    if n > 0 { written += n }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 || written == input.count {
                        close(entry.fd)
                        inputFD = nil
                    }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if entry.fd == outPipe[0] { out += buffer[0..<n] } else { err += buffer[0..<n] }
                } else if n == 0 || errno != EINTR {
                    close(entry.fd)
                    readable.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in readable { close(fd) }
        if let inputFD { close(inputFD) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
