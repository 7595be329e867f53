import RedisLint

/// What every host lexer promises whatever the bytes, checked with `precondition` so that libFuzzer
/// records a violation as a crash: tokens in order and in bounds, content inside the file, comments
/// in bounds, tokens in order (see below), and every string token decodes to values whose source offsets point into the file.
public func checkLexer<L: HostLexer>(_ lexer: L.Type, _ bytes: [UInt8]) {
    let lexed = L.lex(bytes)
    var previousStart = 0
    // A Ruby heredoc's body tokens (its interpolations) come right after its opener, before the rest
    // of the opener's line: order by offset holds only in files without multi-line literals.
    let ordered = !lexed.tokens.contains { $0.flags.contains(.multiline) }
    for token in lexed.tokens {
        precondition(token.start >= 0 && token.start <= token.end && Int(token.end) <= bytes.count, "token out of bounds")
        precondition(token.contentStart >= 0 && token.contentStart <= token.contentEnd && Int(token.contentEnd) <= bytes.count,
                     "token content out of bounds")
        precondition(!ordered || Int(token.start) >= previousStart, "tokens out of order")
        previousStart = Int(token.start)
        switch token.kind {
        case .string, .stringHead, .stringMiddle, .stringTail:
            let decoded = L.decode(token, in: bytes)
            precondition(decoded.value.count == decoded.sourceOffsets.count, "decoded value and offsets differ in length")
            for offset in decoded.sourceOffsets {
                precondition(offset >= 0 && Int(offset) <= bytes.count, "decoded offset out of bounds")
            }
        default: break
        }
    }
    for comment in lexed.comments {
        precondition(comment.lowerBound >= 0 && comment.upperBound <= bytes.count, "comment out of bounds")
    }
    for problem in lexed.problems {
        precondition(problem.offset >= 0 && problem.offset <= bytes.count, "problem offset out of bounds")
    }
}

/// libFuzzer hands over a pointer and a length; an empty input may come with a null pointer.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
