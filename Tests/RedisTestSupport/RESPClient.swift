import Foundation
import Glibc

public struct RESPClientError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A tiny blocking Redis client over a Unix socket, for tests. Pipelining is the point: `send`
/// many commands, then `readReply` as many times (or `pipeline` for both), so thousands of
/// commands cost one round trip per batch instead of one each.
public final class RESPClient {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0

    public init(unixSocketPath path: String, timeoutSeconds: Int = 30) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RESPClientError("socket() failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            Glibc.close(fd)
            throw RESPClientError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw RESPClientError("connect(\(path)) failed: errno \(code)")
        }
    }

    deinit { close() }

    public func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    // MARK: Commands

    /// Sends one command and reads its reply.
    public func command(_ arguments: String...) throws -> RESPValue {
        try command(arguments.map { Array($0.utf8) })
    }

    public func command(_ arguments: [[UInt8]]) throws -> RESPValue {
        try send([arguments])
        return try readReply()
    }

    /// Sends all commands, then reads one reply per command, in batches so neither side's
    /// buffers grow without bound.
    public func pipeline(_ commands: [[[UInt8]]], batchSize: Int = 1000) throws -> [RESPValue] {
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        var start = 0
        while start < commands.count {
            let end = min(start + batchSize, commands.count)
            try send(Array(commands[start..<end]))
            for _ in start..<end { replies.append(try readReply()) }
            start = end
        }
        return replies
    }

    /// Writes commands as RESP arrays of bulk strings (binary-safe) without reading.
    public func send(_ commands: [[[UInt8]]]) throws {
        var out: [UInt8] = []
        for arguments in commands {
            out += Array("*\(arguments.count)\r\n".utf8)
            for argument in arguments {
                out += Array("$\(argument.count)\r\n".utf8)
                out += argument
                out += [13, 10]
            }
        }
        var sent = 0
        while sent < out.count {
            let written = out.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + sent, out.count - sent, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw RESPClientError("send failed: errno \(errno)")
            }
            sent += written
        }
    }

    // MARK: Reading

    /// Reads one reply (RESP2 or RESP3; attributes are skipped).
    public func readReply() throws -> RESPValue {
        // Drop what earlier replies consumed so a long pipeline does not keep every byte.
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        return try readValue(depth: 0)
    }

    private func readValue(depth: Int) throws -> RESPValue {
        guard depth < 128 else { throw RESPClientError("reply nested too deeply") }
        let type = try readByte()
        let line = try readLine()
        switch type {
        case UInt8(ascii: "+"): return .simpleString(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "-"): return .error(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: ":"): return .integer(try integer(line))
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            let length = try integer(line)
            if length < 0 { return .null }
            let body = try readExactly(length)
            _ = try readExactly(2)
            if type == UInt8(ascii: "!") { return .error(String(decoding: body, as: UTF8.self)) }
            if type == UInt8(ascii: "=") {
                return .verbatim(format: String(decoding: body.prefix(3), as: UTF8.self), text: Array(body.dropFirst(4)))
            }
            return .bulkString(body)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"):
            let count = try integer(line)
            if count < 0 { return .null }
            var items: [RESPValue] = []
            for _ in 0..<count { items.append(try readValue(depth: depth + 1)) }
            if type == UInt8(ascii: "~") { return .set(items) }
            if type == UInt8(ascii: ">") { return .push(items) }
            return .array(items)
        case UInt8(ascii: "%"), UInt8(ascii: "|"):
            let count = try integer(line)
            var pairs: [RESPValue.Pair] = []
            for _ in 0..<max(count, 0) {
                let key = try readValue(depth: depth + 1)
                pairs.append(.init(key: key, value: try readValue(depth: depth + 1)))
            }
            if type == UInt8(ascii: "|") { return try readValue(depth: depth) }  // attribute, then the reply
            return .map(pairs)
        case UInt8(ascii: "_"): return .null
        case UInt8(ascii: "#"): return .boolean(line == [UInt8(ascii: "t")])
        case UInt8(ascii: ","):
            return .double(Double(String(decoding: line, as: UTF8.self)) ?? .nan)
        case UInt8(ascii: "("): return .bigNumber(String(decoding: line, as: UTF8.self))
        default:
            throw RESPClientError("unexpected reply type byte \(type)")
        }
    }

    private func integer(_ line: [UInt8]) throws -> Int {
        guard let value = Int(String(decoding: line, as: UTF8.self)) else {
            throw RESPClientError("bad integer in reply: \(String(decoding: line, as: UTF8.self))")
        }
        return value
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer += chunk[0..<received]
                return
            }
            if received == 0 { throw RESPClientError("connection closed by server") }
            if errno == EINTR { continue }
            throw RESPClientError("recv failed (timeout?): errno \(errno)")
        }
    }

    private func readByte() throws -> UInt8 {
        while position >= buffer.count { try fill() }
        defer { position += 1 }
        return buffer[position]
    }

    private func readLine() throws -> [UInt8] {
        var searchFrom = position
        while true {
            var index = searchFrom
            while index + 1 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 {
                    let line = Array(buffer[position..<index])
                    position = index + 2
                    return line
                }
                index += 1
            }
            searchFrom = max(position, buffer.count - 1)
            try fill()
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count - position < count { try fill() }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }
}
