/// A reply from Redis, RESP2 or RESP3.
public indirect enum RESPValue: Hashable, Sendable {
    case simpleString(String)
    case error(String)
    case integer(Int)
    case bulkString([UInt8])
    case null
    case array([RESPValue])
    // RESP3 only
    case double(Double)
    case boolean(Bool)
    case bigNumber(String)
    case verbatim(format: String, text: [UInt8])
    /// Key/value pairs in the server's order.
    case map([Pair])
    case set([RESPValue])
    case push([RESPValue])

    public struct Pair: Hashable, Sendable {
        public let key: RESPValue
        public let value: RESPValue
    }

    /// The text of a simple string, bulk string or verbatim string.
    public var string: String? {
        switch self {
        case .simpleString(let text): return text
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .verbatim(_, let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return nil
        }
    }

    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): return bytes
        case .simpleString(let text): return Array(text.utf8)
        case .verbatim(_, let bytes): return bytes
        default: return nil
        }
    }

    public var int: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// Elements of an array, set or push reply; a map gives its keys and values interleaved.
    public var elements: [RESPValue]? {
        switch self {
        case .array(let items), .set(let items), .push(let items): return items
        case .map(let pairs): return pairs.flatMap { [$0.key, $0.value] }
        default: return nil
        }
    }

    /// Value for a string key of a RESP3 map, or of a RESP2 flat key/value array.
    public subscript(key: String) -> RESPValue? {
        if case .map(let pairs) = self {
            return pairs.first { $0.key.string == key }?.value
        }
        guard let items = elements, items.count % 2 == 0 else { return nil }
        var index = 0
        while index < items.count {
            if items[index].string == key { return items[index + 1] }
            index += 2
        }
        return nil
    }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}
