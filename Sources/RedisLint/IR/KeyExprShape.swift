extension KeyExpr {
    /// The key's family: literal fragments kept, each run of holes replaced by `*` (`session:*:data`), so
    /// `session:${sid}` and `session:${id}` written in two functions compare equal. Nil for a key that is
    /// only holes (it could be any key).
    public var shape: String? {
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
