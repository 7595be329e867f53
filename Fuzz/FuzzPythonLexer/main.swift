import FuzzSupport
import RedisLint

/// libFuzzer entry point (built with `-parse-as-library`: libFuzzer supplies `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPythonLexer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkLexer(PythonLexer.self, bytes(data, size))
    return 0
}
