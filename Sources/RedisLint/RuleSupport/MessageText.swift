/// Text put together in one byte buffer: the text an interpolation of the same pieces gives. Each piece
/// appended to a `String` (what an interpolation does) cost ~400 instructions. The two atomicity rules that
/// report every create/EXPIRE pair build a dozen pieces per finding with it, and the text reporter its lines.
public struct MessageText {
    /// The UTF-8 so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 192) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`.
    public mutating func add(_ text: String) {
        // Through the string's own buffer, one copy: appending its `utf8` view went a byte at a time. Read in
        // place when the string is contiguous UTF-8 (native and small strings, literals): a copy of the string
        // to call `withUTF8` on retained and released it at every piece.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) != nil { return }
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
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
                bytes.append(contentsOf: literal)
            case .hole(let expression):
                bytes.append(0x24)  // $
                bytes.append(0x7B)  // {
                add(expression)
                bytes.append(0x7D)  // }
            }
        }
    }

    /// Appends one byte.
    public mutating func add(byte: UInt8) { bytes.append(byte) }

    /// Appends `byte` `count` times.
    public mutating func add(repeating byte: UInt8, count: Int) { bytes.append(contentsOf: repeatElement(byte, count: count)) }

    /// Appends `number` in decimal, as `"\(number)"` writes it.
    public mutating func add(_ number: Int) {
        if number < 0 {
            bytes.append(0x2D)  // `-`
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
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The message so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
