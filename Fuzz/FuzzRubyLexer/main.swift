import FuzzSupport
import RedisLint

/// libFuzzer entry point (built with `-parse-as-library`: libFuzzer supplies `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRubyLexer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkLexer(RubyLexer.self, bytes(data, size))
    return 0
}
