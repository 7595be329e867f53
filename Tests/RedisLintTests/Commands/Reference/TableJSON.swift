@testable import RedisLint

/// A small JSON reader, which read the generated command table into a tree until session 8 (now the
/// table is read straight into `CommandSpec`s; this reader and `TreeCommandTableDecoding` are the
/// reference that reading is checked against).
/// It reads what the generator writes (objects, arrays, strings with escapes, integers, booleans,
/// null) and throws on anything else.
enum TableJSON {
    /// Not `indirect`: objects and arrays already keep their members in heap buffers, and boxing cost one
    /// more heap block per value (13,439 in the command table) to make and to free.
    enum Value {
        case object(Fields)
        case array([Value])
        case string(String)
        case integer(Int)
        case bool(Bool)
        case null

        var object: Fields? { if case .object(let o) = self { return o } else { return nil } }
        var array: [Value]? { if case .array(let a) = self { return a } else { return nil } }
        var string: String? { if case .string(let s) = self { return s } else { return nil } }
        var integer: Int? { if case .integer(let i) = self { return i } else { return nil } }
        /// A list of strings (or of integers); nil when any element is something else.
        var strings: [String]? { elements(\.string) }
        var integers: [Int]? { elements(\.integer) }

        private func elements<T>(_ read: (Value) -> T?) -> [T]? {
            guard let array else { return nil }
            var out: [T] = []
            out.reserveCapacity(array.count)
            for element in array {
                guard let value = read(element) else { return nil }
                out.append(value)
            }
            return out
        }
    }

    /// An object's members in the order written. The generator's objects hold at most a dozen short keys,
    /// so a look-up scans them: hashing every key into a dictionary (8,000 keys each run) cost more than
    /// the scans, and freeing the dictionaries more again.
    struct Fields {
        var members: [(key: String, value: Value)] = []

        /// The value of `key`; the last one written when a key repeats, as a dictionary would keep it.
        subscript(key: String) -> Value? {
            members.last { $0.key == key }?.value
        }
    }

    struct Malformed: Error {
        let offset: Int
    }

    static func parse(_ text: String) throws -> Value {
        var bytes = Array(text.utf8)
        bytes.append(0)  // a sentinel: every look-ahead stops on it
        // Read through a buffer pointer: no bounds check, retain or release per byte and per string. Every
        // look-ahead stops on the sentinel, so the reader never leaves the buffer.
        return try bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.index == buffer.count - 1 else { throw Malformed(offset: reader.index) }
            return value
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func skipSpace() {
            while bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < 64 else { throw Malformed(offset: index) }
            skipSpace()
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var object = Fields()
                // Room for most of the generator's objects (≤ 12 keys): fewer regrowths.
                object.members.reserveCapacity(8)
                skipSpace()
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
                while true {
                    skipSpace()
                    guard bytes[index] == UInt8(ascii: "\"") else { throw Malformed(offset: index) }
                    let key = try string()
                    skipSpace()
                    guard bytes[index] == UInt8(ascii: ":") else { throw Malformed(offset: index) }
                    index += 1
                    object.members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "}") else { throw Malformed(offset: index) }
                    index += 1
                    return .object(object)
                }
            case UInt8(ascii: "["):
                index += 1
                var array: [Value] = []
                skipSpace()
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
                while true {
                    array.append(try value(depth: depth + 1))
                    skipSpace()
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "]") else { throw Malformed(offset: index) }
                    index += 1
                    return .array(array)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let negative = bytes[index] == UInt8(ascii: "-")
                if negative { index += 1 }
                var number = 0
                let start = index
                while bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") && index - start < 18 {
                    number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                }
                guard index > start, bytes[index] != UInt8(ascii: "."), bytes[index] != UInt8(ascii: "e") else { throw Malformed(offset: index) }
                return .integer(negative ? -number : number)
            default:
                for (word, value) in [("true", Value.bool(true)), ("false", .bool(false)), ("null", .null)]
                where bytes[index...].starts(with: word.utf8) {
                    index += word.utf8.count
                    return value
                }
                throw Malformed(offset: index)
            }
        }

        /// A string starting at the opening quote.
        mutating func string() throws -> String {
            index += 1
            // Most strings hold no escape: find the closing quote and decode the run at once. Appending byte
            // by byte grew an array per string (~900 instructions a string, 15,000 strings each run).
            let start = index
            while bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "\\") && bytes[index] != 0 { index += 1 }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var out = Array(bytes[start..<index])
            while true {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    switch bytes[index] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if scalar >= 0xD800 && scalar < 0xDC00, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                    case 0: throw Malformed(offset: index)
                    default: out.append(bytes[index])  // `\"`, `\\`, `\/`
                    }
                    index += 1
                case 0:
                    throw Malformed(offset: index)
                default:
                    out.append(byte)
                    index += 1
                }
            }
        }

        /// The four hex digits after `\u`; leaves `index` on the last one.
        mutating func hex4() throws -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                index += 1
                guard let digit = bytes[index].hexDigitValue else { throw Malformed(offset: index) }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
    }
}

private extension UInt8 {
    var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return self - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
