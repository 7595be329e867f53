/// A finding's message put together in one byte buffer: the text an interpolation of the same pieces
/// gives. Each piece appended to a `String` (what an interpolation does) cost ~400 instructions; the two
/// atomicity rules that report every create/EXPIRE pair build a dozen pieces per finding.
public struct MessageText {
    private var bytes: [UInt8] = []

    public init(capacity: Int = 192) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`.
    public mutating func add(_ text: String) {
        // Through the string's own buffer, one copy: appending its `utf8` view went a byte at a time.
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

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

    private mutating func addDigits(_ value: UInt) {
        let start = bytes.count
        var value = value
        repeat {
            bytes.append(0x30 + UInt8(value % 10))
            value /= 10
        } while value > 0
        bytes[start...].reverse()
    }

    /// The message so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
