extension KeyExpr {
    /// The key's family: literal fragments kept, each run of holes replaced by `*` (`session:*:data`), so
    /// `session:${sid}` and `session:${id}` written in two functions compare equal. Nil for a key that is
    /// only holes (it could be any key).
    public var shape: String? {
        var count = 0, hasLiteral = false
        for part in parts {
            guard case .literal(let bytes) = part else { count += 1; continue }
            // Text outside ASCII is put together as `String`s, whose `hasSuffix` compares characters.
            if bytes.contains(where: { $0 >= 0x80 }) { return shapeByStrings }
            count += bytes.count
            hasLiteral = true
        }
        guard hasLiteral else { return nil }
        // ASCII: the bytes written straight into the string (each `+=` and `hasSuffix` of the `String` form
        // cost more than the key's bytes); a `*` ends the text exactly when its last byte is one.
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for part in parts {
                switch part {
                case .literal(let bytes):
                    for byte in bytes {
                        buffer[end] = byte
                        end += 1
                    }
                case .hole:
                    if end == 0 || buffer[end - 1] != 0x2A {
                        buffer[end] = 0x2A
                        end += 1
                    }
                }
            }
            return end
        }
    }

    /// `shape` put together as `String`s, for keys with text outside ASCII.
    var shapeByStrings: String? {
        var out = ""
        var hasLiteral = false
        for part in parts {
            switch part {
            case .literal(let bytes):
                out += String(decoding: bytes, as: UTF8.self)
                hasLiteral = true
            case .hole:
                if !out.hasSuffix("*") { out += "*" }
            }
        }
        return hasLiteral ? out : nil
    }
}
