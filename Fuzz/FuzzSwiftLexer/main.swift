import FuzzSupport
import RedisLint

/// libFuzzer entry point (built with `-parse-as-library`: libFuzzer supplies `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSwiftLexer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkLexer(SwiftLexer.self, bytes(data, size))
    return 0
}
