/// A Redis key as the code builds it: literal fragments and holes.
///
/// `"rate:" + user + ":" + minute` is `[literal "rate:", hole "user", literal ":", hole "minute"]`.
/// Two key expressions can then be compared (same key, different keys, unknown) and their hash
/// slots reasoned about (a literal slot, a shared `{tag}`, or unknown).
public struct KeyExpr: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        /// Bytes of the key known at lint time (escapes already decoded).
        case literal([UInt8])
        /// A value known only at run time; the string is the expression's source text with
        /// whitespace removed, so the same expression written twice compares equal.
        case hole(String)

        /// Literal bytes are hashed as one block (`Hasher.combine(block:)`).
        public func hash(into hasher: inout Hasher) {
            switch self {
            case .literal(let bytes):
                hasher.combine(0 as UInt8)
                hasher.combine(block: bytes)
            case .hole(let expression):
                hasher.combine(1 as UInt8)
                hasher.combine(expression)
            }
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        // Most keys are canonical as built: kept as they are, without building the same array again.
        if KeyExpr.isCanonical(parts) {
            self.parts = parts
            return
        }
        // Keep the representation canonical: merge adjacent literals, drop empty ones.
        var merged: [Part] = []
        for part in parts {
            if case .literal(let bytes) = part {
                if bytes.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + bytes)
                    continue
                }
            }
            merged.append(part)
        }
        self.parts = merged
    }

    /// No empty literal, no two literals in a row.
    static func isCanonical(_ parts: [Part]) -> Bool {
        var previousIsLiteral = false
        for part in parts {
            if case .literal(let bytes) = part {
                if bytes.isEmpty || previousIsLiteral { return false }
                previousIsLiteral = true
            } else {
                previousIsLiteral = false
            }
        }
        return true
    }

    public static func literal(_ text: String) -> KeyExpr { KeyExpr(parts: [.literal(Array(text.utf8))]) }
    public static func hole(_ expression: String) -> KeyExpr { KeyExpr(parts: [.hole(expression)]) }

    /// The whole key when it has no holes.
    public var literalBytes: [UInt8]? {
        if parts.isEmpty { return [] }
        guard parts.count == 1, case .literal(let bytes) = parts[0] else { return nil }
        return bytes
    }

    public var isFullyLiteral: Bool { literalBytes != nil }

    /// Literal text before the first hole (`"rate:"` for `"rate:" + user`).
    public var literalPrefix: [UInt8] {
        if case .literal(let bytes)? = parts.first { return bytes }
        return []
    }

    /// Readable form used in messages: `rate:{user}:{minute}` style, holes in `${…}`.
    public var display: String { display(quoted: false) }

    /// `display`, in double quotes when `quoted` (how an interpolated literal reads as a value), written into
    /// one string of the right size: joined part by part, the string grew at each step. Bytes that are not
    /// UTF-8 are repaired as decoding each literal alone repairs them: in a canonical key every literal is
    /// followed by a hole or the end, and a hole starts with ASCII, where repair begins anew.
    public func display(quoted: Bool) -> String {
        var count = quoted ? 2 : 0
        for part in parts {
            switch part {
            case .literal(let bytes): count += bytes.count
            case .hole(let expression): count += expression.utf8.count + 3
            }
        }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            func put(_ byte: UInt8) {
                buffer[end] = byte
                end += 1
            }
            if quoted { put(UInt8(ascii: "\"")) }
            for part in parts {
                switch part {
                case .literal(let bytes):
                    for byte in bytes { put(byte) }
                case .hole(let expression):
                    put(UInt8(ascii: "$"))
                    put(UInt8(ascii: "{"))
                    for byte in expression.utf8 { put(byte) }
                    put(UInt8(ascii: "}"))
                }
            }
            if quoted { put(UInt8(ascii: "\"")) }
            return end
        }
    }
}
