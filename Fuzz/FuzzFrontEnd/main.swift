import FuzzSupport
import RedisLint

/// The whole island pipeline of one language (lexer, structure, tracer, op builder, embedded Lua).
/// The first byte picks the language so one corpus covers all five; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let first = input.first else { return 0 }
    let languages: [Language] = [.ruby, .python, .javascript, .swift, .lua]
    let language = languages[Int(first) % languages.count]
    let file = Array(input.dropFirst())
    // Without the prefilter: most mutated inputs would never reach the parsers otherwise.
    let model = FrontEnd.analyze(SourceFile(path: "fuzz", language: language, bytes: file), prefilter: false)
    for trace in model.traces {
        for op in trace.ops {
            precondition(op.span.lowerBound >= 0 && op.span.upperBound <= file.count, "op span out of bounds")
            precondition(op.nameSpan.lowerBound >= 0 && op.nameSpan.upperBound <= file.count, "op name span out of bounds")
        }
    }
    for script in model.scripts {
        precondition(script.span.lowerBound >= 0 && script.span.upperBound <= file.count, "script span out of bounds")
    }
    return 0
}
