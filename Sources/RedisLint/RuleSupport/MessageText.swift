/// Text put together in one byte buffer: the text an interpolation of the same pieces gives. Each piece
/// appended to a `String` (what an interpolation does) cost ~400 instructions. The two atomicity rules that
/// report every create/EXPIRE pair build a dozen pieces per finding with it, and the text reporter its lines.
public struct MessageText {
    /// The UTF-8 so far.
    public var bytes: [UInt8] {
        storage.withUnsafeMutablePointers { header, start in Array(UnsafeBufferPointer(start: start, count: header.pointee.count)) }
    }

    /// The bytes, in one buffer the text owns (copied first when a copy of the text shares it). Appending
    /// each piece to a byte array went through the array's generic sequence append (~115 instructions a piece,
    /// 118,000 pieces on nb10: the race rules' messages and the text report's lines); a piece is now copied
    /// into the room left.
    private var storage: Storage

    private struct Header {
        var count: Int
        var capacity: Int
    }

    private final class Storage: ManagedBuffer<Header, UInt8> {
        /// A buffer with room for `capacity` bytes holding the first `count` of `bytes`.
        static func make(capacity: Int, copying bytes: UnsafePointer<UInt8>? = nil, count: Int = 0) -> Storage {
            let buffer = unsafeDowncast(Storage.create(minimumCapacity: capacity) { _ in Header(count: count, capacity: capacity) },
                                        to: Storage.self)
            if let bytes, count > 0 { buffer.withUnsafeMutablePointerToElements { $0.initialize(from: bytes, count: count) } }
            return buffer
        }
    }

    public init(capacity: Int = 192) {
        storage = Storage.make(capacity: Swift.max(capacity, 16))
    }

    /// Appends `text`.
    public mutating func add(_ text: String) {
        // Read in place when the string is contiguous UTF-8 (native and small strings, literals): a copy of the
        // string to call `withUTF8` on retained and released it at every piece.
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Copies `piece` after the text, making room first when it does not fit (or the buffer is shared).
    private mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress, !piece.isEmpty else { return }
        reserve(piece.count)
        storage.withUnsafeMutablePointers { header, start in
            let target = start + header.pointee.count
            // Most pieces are a few bytes: copied here, not through a call of memcpy.
            if piece.count <= 16 {
                for index in 0..<piece.count { target[index] = source[index] }
            } else {
                target.initialize(from: source, count: piece.count)
            }
            header.pointee.count += piece.count
        }
    }

    /// Room for `extra` more bytes in a buffer of this text's own.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        // Through the header's pointer: the `header` property is a class's stored property, checked for
        // exclusive access at run time at every read.
        let fits = storage.withUnsafeMutablePointerToHeader { $0.pointee.count + extra <= $0.pointee.capacity }
        if !fits || !isKnownUniquelyReferenced(&storage) { regrow(extra) }
    }

    /// A new buffer for the text with room for `extra` more bytes: doubled, so that a text grown a piece at a
    /// time is copied a few times.
    @inline(never)
    private mutating func regrow(_ extra: Int) {
        let header = storage.withUnsafeMutablePointerToHeader { $0.pointee }
        let capacity = Swift.max(header.count + extra, header.count + extra > header.capacity ? 2 * header.capacity : header.capacity)
        storage = storage.withUnsafeMutablePointerToElements { Storage.make(capacity: capacity, copying: $0, count: header.count) }
    }

    /// Appends `prefix` and `key.display` when the display is not empty. An ASCII key's display is its
    /// bytes (holes as `${…}`), written in place: building the display string first cost more than
    /// appending it. Other keys' displays (invalid UTF-8 is repaired there) are appended as the string.
    public mutating func add(_ prefix: String, display key: KeyExpr) {
        var isEmpty = true, isASCII = true
        for part in key.parts {
            switch part {
            case .literal(let literal):
                if !literal.isEmpty { isEmpty = false }
                if literal.contains(where: { $0 >= 0x80 }) { isASCII = false }
            case .hole:
                isEmpty = false
            }
        }
        if isEmpty { return }
        add(prefix)
        guard isASCII else { return add(key.display) }
        for part in key.parts {
            switch part {
            case .literal(let literal):
                literal.withUnsafeBufferPointer { append($0) }
            case .hole(let expression):
                add(byte: 0x24)  // $
                add(byte: 0x7B)  // {
                add(expression)
                add(byte: 0x7D)  // }
            }
        }
    }

    /// Appends one byte.
    public mutating func add(byte: UInt8) {
        reserve(1)
        storage.withUnsafeMutablePointers { header, start in
            start[header.pointee.count] = byte
            header.pointee.count += 1
        }
    }

    /// Appends `byte` `count` times.
    public mutating func add(repeating byte: UInt8, count: Int) {
        precondition(count >= 0, "a repeat count is never negative")  // (as `repeatElement` required)
        guard count > 0 else { return }
        reserve(count)
        storage.withUnsafeMutablePointers { header, start in
            (start + header.pointee.count).initialize(repeating: byte, count: count)
            header.pointee.count += count
        }
    }

    /// Appends `number` in decimal, as `"\(number)"` writes it.
    public mutating func add(_ number: Int) {
        if number < 0 {
            add(byte: 0x2D)  // `-`
            // The magnitude as unsigned: `-Int.min` does not fit an Int.
            addDigits(number.magnitude)
        } else {
            addDigits(UInt(number))
        }
    }

    /// The digits written last first into a stack buffer, then appended at once (making room of zeros first
    /// and writing over them went through the generic path for the repeated zeros).
    private mutating func addDigits(_ value: UInt) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value, start = 20  // UInt.max has 20 digits
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The message so far.
    public var text: String {
        storage.withUnsafeMutablePointers { header, start in
            String(decoding: UnsafeBufferPointer(start: start, count: header.pointee.count), as: UTF8.self)
        }
    }
}
