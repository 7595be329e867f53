#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to stdout, stderr and files through file descriptors (no shared `FILE*` state).
enum Output {
    static let standardOutput: Int32 = 1
    static let standardError: Int32 = 2

    static func write(_ text: String, to descriptor: Int32 = standardOutput) {
        _ = writeAll(text, to: descriptor)
    }

    static func error(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: standardError)
    }

    /// Writes `text` to `path`; returns an error message on failure.
    static func writeFile(_ text: String, to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return writeAll(text, to: fd) ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
    }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { writeAll($0, to: descriptor) }  // the string's own bytes, not a copy
    }

    static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Where a report is written piece by piece: stdout, or a file (`--output`).
    struct Destination {
        private let descriptor: Int32
        private let path: String?
        private var failed = false

        /// Opens `path` (nil: stdout); an error message when it cannot be opened.
        static func open(_ path: String?) -> Result<Destination, OutputError> {
            guard let path else { return .success(Destination(descriptor: standardOutput, path: nil)) }
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return .failure(OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))")) }
            return .success(Destination(descriptor: fd, path: path))
        }

        private init(descriptor: Int32, path: String?) {
            self.descriptor = descriptor
            self.path = path
        }

        mutating func write(_ bytes: [UInt8]) {
            guard !failed else { return }
            failed = !bytes.withUnsafeBufferPointer { writeAll($0, to: descriptor) }
        }

        mutating func write(_ text: String) {
            guard !failed else { return }
            failed = !Output.writeAll(text, to: descriptor)
        }

        /// Closes a file; the error message when some write failed.
        func finish() -> String? {
            if path != nil { close(descriptor) }
            guard failed, let path else { return nil }
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
    }

    struct OutputError: Error {
        let message: String
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
