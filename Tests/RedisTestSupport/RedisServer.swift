import Foundation
import Synchronization
import Glibc

/// A private `redis-server` for tests: Unix socket in a fresh temp dir, no TCP port, no
/// persistence, stopped by PID (`stop()` or deinit). With `cluster: true` it is a one-node
/// cluster owning all 16384 slots, its cluster bus on a free port found at run time.
///
/// No skipping: when `redis-server` is missing the initialiser throws, telling how to install it.
public final class RedisServer: @unchecked Sendable {
    public let directory: String
    public let socketPath: String
    public let isCluster: Bool
    /// Process id of the server (spawned directly so it can be stopped and reaped by PID).
    public let pid: pid_t
    private let lock = NSLock()
    private var stopped = false

    /// - Parameter searchPath: directories to look for `redis-server` in, `:`-separated; nil means
    ///   `PATH` plus the Debian locations.
    public init(cluster: Bool = false, extraArguments: [String] = [], startDeadlineSeconds: Double = 15,
                searchPath: String? = nil) throws {
        guard let executable = RedisServer.findExecutable("redis-server", searchPath: searchPath) else {
            throw RESPClientError("""
                redis-server not found on PATH. The oracle tests need a real Redis: install it \
                (Debian/Ubuntu: `apt-get install redis-server`; the project's test script does this).
                """)
        }
        // Unix socket paths are limited to ~107 bytes, so keep the directory short.
        var template = Array("/tmp/redislint-test-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw RESPClientError("mkdtemp failed: errno \(errno)")
        }
        directory = String(cString: made)
        socketPath = directory + "/redis.sock"
        isCluster = cluster

        var arguments = ["--port", "0", "--unixsocket", socketPath, "--save", "", "--appendonly", "no",
                         "--dir", directory, "--daemonize", "no", "--loglevel", "warning",
                         "--logfile", directory + "/redis.log", "--bind", "127.0.0.1"]
        if cluster {
            arguments += ["--cluster-enabled", "yes", "--cluster-config-file", directory + "/nodes.conf"]
        }
        do {
            var attempt = 0
            while true {
                attempt += 1
                let bus = cluster ? ["--cluster-port", String(try RedisServer.unusedBusPort())] : []
                let spawned = try RedisServer.spawn(executable, arguments: arguments + bus + extraArguments)
                // The bus port was free when asked for, but another socket may take it before the server binds it
                // (seen once in a full run): the server then exits at once, and is started again on another port.
                if cluster, attempt < 3, RedisServer.exitedOnTakenPort(spawned, socketPath: socketPath, log: directory + "/redis.log") { continue }
                pid = spawned
                break
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        do {
            try waitForPing(deadline: Date().addingTimeInterval(startDeadlineSeconds))
            if cluster { try assignAllSlots(deadline: Date().addingTimeInterval(startDeadlineSeconds)) }
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A new connection to this server.
    public func connect(timeoutSeconds: Int = 30) throws -> RESPClient {
        try RESPClient(unixSocketPath: socketPath, timeoutSeconds: timeoutSeconds)
    }

    /// Stops the server by PID (SIGTERM, then SIGKILL after a deadline) and removes its dir.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        stopped = true
        if !hasExited() {
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while !hasExited() && Date() < deadline { usleep(5_000) }
            if !hasExited() {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Did the server just started as `pid` exit because a port it was to listen on is taken? Waits until its
    /// socket appears (it started: false) or it exits (reaped), at most two seconds.
    private static func exitedOnTakenPort(_ pid: pid_t, socketPath: String, log: String) -> Bool {
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && errno == ECHILD) {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                return text.contains("Address already in use")
            }
            if FileManager.default.fileExists(atPath: socketPath) { return false }
            usleep(2_000)
        }
        return false
    }

    /// Reaps the server if it has exited; true once it is gone.
    private func hasExited() -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result == -1 && errno == ECHILD)
    }

    private static func spawn(_ executable: String, arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner may block or ignore signals; the server must get SIGTERM by default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw RESPClientError("posix_spawn(\(executable)) failed: \(result)") }
        return pid
    }

    private func waitForPing(deadline: Date) throws {
        var lastError = "no attempt"
        while Date() < deadline {
            if hasExited() {
                let log = (try? String(contentsOfFile: directory + "/redis.log", encoding: .utf8)) ?? ""
                throw RESPClientError("redis-server exited during start-up: \(log.suffix(2000))")
            }
            if FileManager.default.fileExists(atPath: socketPath) {
                do {
                    let client = try connect(timeoutSeconds: 2)
                    if case .simpleString("PONG") = try client.command("PING") { return }
                } catch {
                    lastError = "\(error)"
                }
            }
            usleep(20_000)
        }
        throw RESPClientError("redis-server did not answer PING before the deadline (\(lastError))")
    }

    private func assignAllSlots(deadline: Date) throws {
        let client = try connect()
        let added = try client.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383")
        guard case .simpleString("OK") = added else {
            throw RESPClientError("CLUSTER ADDSLOTSRANGE failed: \(added)")
        }
        while Date() < deadline {
            if let info = try client.command("CLUSTER", "INFO").string, info.contains("cluster_state:ok") { return }
            usleep(50_000)
        }
        throw RESPClientError("cluster did not reach cluster_state:ok before the deadline")
    }

    static func findExecutable(_ name: String, searchPath: String?) -> String? {
        let directories: [String]
        if let searchPath {
            directories = searchPath.split(separator: ":").map(String.init)
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        }
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A TCP port free right now on 127.0.0.1 (bind to port 0 and ask the kernel which it gave).
    /// Ports handed out to cluster buses by this process: a port is free when asked for but only taken
    /// when redis-server binds it, so two servers started in parallel could otherwise get the same one.
    private static let handedOut = Mutex<Set<Int>>([])

    static func unusedBusPort() throws -> Int {
        for _ in 0..<64 {
            let port = try freeTCPPort()
            if handedOut.withLock({ $0.insert(port).inserted }) { return port }
        }
        throw RESPClientError("no unused TCP port for the cluster bus")
    }

    static func freeTCPPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RESPClientError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw RESPClientError("bind failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw RESPClientError("getsockname failed: errno \(errno)") }
        // sin_port is in network byte order.
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
